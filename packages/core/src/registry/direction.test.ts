import { describe, expect, it } from 'vitest';
import {
  METRIC_QUALIFIER_WORDS,
  METRIC_QUANTITY_WORDS,
  METRIC_UNIT_WORDS,
  metricDirection,
  metricNameWords,
  nameRuleDirection,
} from './direction.js';

/**
 * Common metric names and the direction a practitioner would give them (scikit-learn's metric
 * docs, MLflow and W&B dashboards, serving SLOs). The qualifier of a name never decides: precision at
 * an FPR is a precision, the p95 of a throughput is a throughput.
 */
const TABLE: ReadonlyArray<readonly [string, 'higher' | 'lower']> = [
  // Classification.
  ['accuracy', 'higher'],
  ['f1', 'higher'],
  ['precision', 'higher'],
  ['recall', 'higher'],
  ['auc', 'higher'],
  ['roc_auc', 'higher'],
  ['pr_auc', 'higher'],
  ['precision_at_k', 'higher'],
  ['precision_at_1pct_fpr', 'higher'],
  ['tpr_at_fpr_0_01', 'higher'],
  ['recall@5', 'higher'],
  ['true_positive_rate', 'higher'],
  ['fpr', 'lower'],
  ['fnr', 'lower'],
  ['false_positive_rate', 'lower'],
  ['false_negative_rate', 'lower'],
  ['falsePositiveRate', 'lower'],
  ['false_discovery_rate', 'lower'],
  ['miss_rate', 'lower'],
  ['error_rate', 'lower'],
  // Probabilistic and calibration.
  ['brier_score', 'lower'],
  ['log_loss', 'lower'],
  ['logloss', 'lower'],
  ['calibration_error', 'lower'],
  ['ece', 'lower'],
  // Regression.
  ['mae', 'lower'],
  ['MAE', 'lower'],
  ['mse', 'lower'],
  ['rmse', 'lower'],
  ['mape', 'lower'],
  ['r2', 'higher'],
  ['explained_variance', 'higher'],
  // Training.
  ['loss', 'lower'],
  ['val_loss', 'lower'],
  ['valLoss', 'lower'],
  ['perplexity', 'lower'],
  ['loss_reduction', 'higher'],
  // Language and ranking.
  ['wer', 'lower'],
  ['cer', 'lower'],
  ['bleu', 'higher'],
  ['ndcg', 'higher'],
  ['ndcg@10', 'higher'],
  ['map', 'higher'],
  ['mrr', 'higher'],
  ['coverage', 'higher'],
  // Serving: time, capacity, size, money.
  ['latency', 'lower'],
  ['latency_p95_ms', 'lower'],
  ['p95_latency_ms', 'lower'],
  ['p99_latency', 'lower'],
  ['p50', 'lower'],
  ['p99-ms', 'lower'],
  ['inference.time', 'lower'],
  ['training_duration', 'lower'],
  ['training_time_s', 'lower'],
  ['throughput_rps', 'higher'],
  ['p95_throughput_rps', 'higher'],
  ['throughput_mb_s', 'higher'],
  ['qps', 'higher'],
  ['tokens_per_second', 'higher'],
  ['errors_per_hour', 'lower'],
  ['model_size_mb', 'lower'],
  ['memory_mb', 'lower'],
  ['peak_gb', 'lower'],
  ['cost_usd', 'lower'],
  ['cost_per_1k_requests', 'lower'],
  ['revenue_usd', 'higher'],
  ['uptime_hours', 'higher'],
  // Words that only look like a lower-is-better word.
  ['timeliness', 'higher'],
  ['msec_saved_vs_baseline', 'higher'],
];

describe('nameRuleDirection', () => {
  it.each(TABLE)('%s → %s is better', (metric, direction) => {
    expect(nameRuleDirection(metric)).toBe(direction);
    expect(metricDirection(metric)).toBe(direction);
  });

  it('splits names into lower-case words at separators, case changes and @', () => {
    expect(metricNameWords('precisionAtK')).toEqual(['precision', 'at', 'k']);
    expect(metricNameWords('tprAtFpr0.01')).toEqual(['tpr', 'at', 'fpr0', '01']);
    expect(metricNameWords('ndcg@10')).toEqual(['ndcg', 'at', '10']);
    expect(metricNameWords('p95-latency.ms/x y')).toEqual(['p95', 'latency', 'ms', 'x', 'y']);
    expect(metricNameWords('__proto__')).toEqual(['proto']);
  });

  it('reads a qualifier word only after the first word', () => {
    expect(nameRuleDirection('at_risk_cost')).toBe('lower');
    expect(nameRuleDirection('per_class_accuracy')).toBe('higher');
  });

  it('keeps its word lists disjoint', () => {
    const lists = [
      METRIC_QUANTITY_WORDS.lower,
      METRIC_QUANTITY_WORDS.higher,
      METRIC_UNIT_WORDS,
      METRIC_QUALIFIER_WORDS,
    ];
    const all = lists.flat();
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('metricDirection', () => {
  it('follows the overrides before the name rule', () => {
    expect(metricDirection('rmse', new Map([['rmse', 'higher']]))).toBe('higher');
    expect(metricDirection('score', new Map([['score', 'lower']]))).toBe('lower');
    expect(metricDirection('score', new Map([['other', 'lower']]))).toBe('higher');
  });

  it('reads __proto__ and constructor as metric names', () => {
    expect(metricDirection('__proto__', new Map([['__proto__', 'lower']]))).toBe('lower');
    expect(metricDirection('constructor')).toBe('higher');
  });
});
