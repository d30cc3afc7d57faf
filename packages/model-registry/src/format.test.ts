import { describe, expect, it } from 'vitest';
import { displayTime, metricsText, pythonNumber } from './format.js';

describe('pythonNumber', () => {
  // Expected values: Python 3 `repr(float(v))` (integers as `repr(int(v))`, as json.loads gives ints).
  it.each([
    [0.9, '0.9'],
    [80, '80'],
    [0.00001, '1e-05'],
    [0.0001, '0.0001'],
    [1.5e16, '1.5e+16'],
    [123456789012345.6, '123456789012345.6'],
    [1e-7, '1e-07'],
    [-0.00012, '-0.00012'],
    [0.1 + 0.2, '0.30000000000000004'],
    [1e22, '1e+22'],
    [-3e-5, '-3e-05'],
    [2.5, '2.5'],
  ])('%s → %s', (value, text) => {
    expect(pythonNumber(value)).toBe(text);
  });
});

describe('displayTime and metricsText', () => {
  it('shows new timestamps to the second and legacy ones as they are', () => {
    expect(displayTime('2026-11-27T05:48:28.530Z')).toBe('2026-11-27T05:48:28Z');
    expect(displayTime('2026-11-27T05:12:26')).toBe('2026-11-27T05:12:26');
  });

  it('joins metrics as the legacy list did', () => {
    expect(metricsText({ ndcg: 0.41, rmse: 0.93, p95_latency_ms: 80 })).toBe(
      'ndcg=0.41, rmse=0.93, p95_latency_ms=80',
    );
    expect(metricsText({})).toBe('');
  });
});
