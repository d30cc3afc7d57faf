import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { correctFeatures } from './correction.js';
import type { DriftFeatureReport } from './report.js';

const column = (feature: string, pValue: number | null, extra: Partial<DriftFeatureReport> = {}) =>
  ({
    feature,
    data_type: 'numeric',
    ref_count: 10,
    cur_count: 10,
    drift_score: pValue,
    is_drifted: pValue === null || pValue < 0.05,
    ...(pValue === null || pValue < 0.05
      ? {
          recommendation:
            'Investigate distribution shift; consider retraining if model performance degrades.',
        }
      : {}),
    method: 'ks',
    score_kind: 'p_value',
    threshold: 0.05,
    ref_missing: 0,
    cur_missing: 0,
    scored: pValue !== null,
    ...extra,
  }) as DriftFeatureReport;

describe('correctFeatures: a pure step between scoring and the report', () => {
  it('returns new column reports with adjusted p-values and verdicts, leaving its input as it was', () => {
    const input = [column('a', 0.01), column('b', 0.04), column('c', 0.5)];
    const before = structuredClone(input);
    const corrected = correctFeatures(input, 'bonferroni');
    expect(input).toEqual(before);
    expect(corrected.map((f) => f.p_value_adjusted)).toEqual([0.03, 0.12, 1]);
    expect(corrected.map((f) => f.is_drifted)).toEqual([true, false, false]);
    expect(corrected[1]!.recommendation).toBeUndefined();
    expect(corrected[0]!.recommendation).toBe(input[0]!.recommendation);
    // The recommendation stays in its legacy place; the adjusted p-value comes last.
    expect(Object.keys(corrected[0]!).slice(-1)).toEqual(['p_value_adjusted']);
    expect(Object.keys(corrected[0]!).indexOf('recommendation')).toBe(
      Object.keys(input[0]!).indexOf('recommendation'),
    );
  });

  it('Benjamini–Hochberg', () => {
    const corrected = correctFeatures([column('a', 0.01), column('b', 0.04), column('c', 0.03)], 'fdr');
    expect(corrected.map((f) => f.p_value_adjusted)).toEqual([0.03, 0.04, 0.04]);
    expect(corrected.map((f) => f.is_drifted)).toEqual([true, true, true]);
  });

  it('a column newly drifted after adjustment gets its recommendation in the legacy place', () => {
    // Both p-values 0.6 stay 0.6 under Benjamini–Hochberg: b, not drifted at 0.05, is at its own 0.7.
    const corrected = correctFeatures(
      [column('a', 0.6, { threshold: 0.5, is_drifted: false }), column('b', 0.6, { threshold: 0.7 })],
      'fdr',
    );
    expect(corrected.map((f) => f.is_drifted)).toEqual([false, true]);
    const keys = Object.keys(corrected[1]!);
    expect(keys.indexOf('recommendation')).toBe(keys.indexOf('method') - 1);
  });

  it('leaves columns not scored and distance columns out of the m tests', () => {
    const distance = column('d', 0.3, { method: 'psi', score_kind: 'distance', threshold: 0.1 });
    const input = [column('a', 0.01), column('gone', null), distance];
    const corrected = correctFeatures(input, 'bonferroni');
    expect(corrected[0]!.p_value_adjusted).toBe(0.01);
    expect(corrected[1]).toBe(input[1]);
    expect(corrected[1]!.p_value_adjusted).toBeUndefined();
    expect(corrected[2]).toEqual(distance);
  });

  it('none returns the columns as they are', () => {
    const input = [column('a', 0.01)];
    expect(correctFeatures(input, 'none')).toEqual(input);
  });

  it('refuses a correction when no column uses a p-value method, naming the field', () => {
    const distance = column('d', 0.3, { method: 'psi', score_kind: 'distance', threshold: 0.1 });
    expect(() => correctFeatures([distance], 'fdr')).toThrow(UsageError);
    try {
      correctFeatures([distance], 'fdr');
    } catch (error) {
      expect((error as UsageError).field).toBe('correction');
      expect((error as UsageError).toLine()).toMatch(
        /^correction: fdr needs p-value methods, and no column uses one \(choose a p-value method: ks, .* or auto\)$/,
      );
    }
  });
});
