import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { checkMetricRequirements, parseMetricRequirement, unmetRequirementText } from './requirement.js';

describe('parseMetricRequirement', () => {
  it.each([
    ['f1>=0.85', 'f1', '>=', 0.85],
    ['f1 >= 0.85', 'f1', '>=', 0.85],
    ['auc>0.9', 'auc', '>', 0.9],
    ['p95_latency_ms<=120', 'p95_latency_ms', '<=', 120],
    ['val loss < 1e-2', 'val loss', '<', 0.01],
    ['delta>=-0.5', 'delta', '>=', -0.5],
    ['f1>=.85', 'f1', '>=', 0.85],
  ])('%s', (text, metric, operator, threshold) => {
    expect(parseMetricRequirement(text)).toEqual({ metric, operator, threshold, text });
  });

  it.each([
    'f1',
    'f1>=',
    '>=0.8',
    'f1=0.8',
    'f1==0.8',
    'f1>=abc',
    'f1>=NaN',
    'f1>=Infinity',
    'f1>=0x10',
    'f1>=0b1',
    'f1>=0o7',
    'f1>=1_000',
    'f1>=0.',
    'f1>=1e999',
    'f1>=0.8 0.9',
  ])('%j is a usage error (the CLI names its flag)', (text) => {
    expect(() => parseMetricRequirement(text)).toThrow(UsageError);
    expect(() => parseMetricRequirement(text)).toThrow(/^expected METRIC>=NUMBER/);
  });
});

describe('checkMetricRequirements', () => {
  const metrics = { f1: 0.85, auc: 0.9, latency: 120 };
  it.each([
    ['f1>=0.85', true],
    ['f1>0.85', false],
    ['latency<=120', true],
    ['latency<120', false],
    ['auc>0.8', true],
    ['recall>=0', false],
  ])('%s → %s', (text, passed) => {
    const [result] = checkMetricRequirements(metrics, [parseMetricRequirement(text)]);
    expect(result?.passed).toBe(passed);
  });

  it('reports the actual value, or null for a missing metric', () => {
    const results = checkMetricRequirements(metrics, [
      parseMetricRequirement('f1>=0.9'),
      parseMetricRequirement('recall>=0.5'),
    ]);
    expect(results.map((result) => result.actual)).toEqual([0.85, null]);
  });
});

describe('unmetRequirementText', () => {
  it('names the condition, the actual value or the missing metric, and where a file wrote it', () => {
    const auc = parseMetricRequirement('auc >= 0.9');
    expect(unmetRequirementText({ requirement: auc, actual: 0.85, passed: false })).toBe(
      'auc >= 0.9 (auc = 0.85)',
    );
    expect(unmetRequirementText({ requirement: auc, actual: null, passed: false })).toBe(
      'auc >= 0.9 (no metric auc)',
    );
    const fromFile = { ...auc, origin: { file: '../.mlops.json', line: 6, column: 35 } };
    expect(unmetRequirementText({ requirement: fromFile, actual: 0.85, passed: false })).toBe(
      'auc >= 0.9 (auc = 0.85, from ../.mlops.json:6:35)',
    );
  });
});
