import { describe, expect, it } from 'vitest';
import { metricDirection } from './direction.js';

describe('metricDirection', () => {
  it.each([
    ['loss', 'lower'],
    ['val_loss', 'lower'],
    ['valLoss', 'lower'],
    ['error_rate', 'lower'],
    ['rmse', 'lower'],
    ['MAE', 'lower'],
    ['mse', 'lower'],
    ['mape', 'lower'],
    ['p95_latency_ms', 'lower'],
    ['latency', 'lower'],
    ['p50', 'lower'],
    ['p99-ms', 'lower'],
    ['training_duration', 'lower'],
    ['inference.time', 'lower'],
    ['cost_usd', 'lower'],
    ['fpr', 'lower'],
    ['fnr', 'lower'],
    ['ndcg', 'higher'],
    ['accuracy', 'higher'],
    ['f1', 'higher'],
    ['auc', 'higher'],
    ['precision', 'higher'],
    ['timeliness', 'higher'],
    ['msec_saved_vs_baseline', 'higher'],
  ] as const)('%s → %s is better', (metric, direction) => {
    expect(metricDirection(metric)).toBe(direction);
  });

  it('follows the overrides before the name rule', () => {
    expect(metricDirection('rmse', { higher: ['rmse'] })).toBe('higher');
    expect(metricDirection('score', { lower: ['score'] })).toBe('lower');
    expect(metricDirection('score', { lower: ['other'] })).toBe('higher');
  });
});
