import { describe, expect, it } from 'vitest';
import { csvSourceFromText, parseCsvColumns } from '../csv/index.js';
import { UsageError } from '../errors.js';
import type { SettledColumn } from './read.js';
import { featureReport } from './report.js';
import { scoreColumn } from './score.js';

/** A column read from cells, kept as text too (so categories of numbers work), numbers sorted. */
const read = (cells: readonly string[]) =>
  parseCsvColumns(csvSourceFromText('f.csv', `v\n${cells.map((cell) => `"${cell}"`).join('\n')}\n`), {
    keepText: new Set(['v']),
  }).columns[0]!;

const numbers = (count: number, shift = 0) => Array.from({ length: count }, (_, i) => String(i + shift));

describe('scoreColumn: a method, a verdict and the legacy statistics per column', () => {
  it('scores a numeric column with the legacy method: max(KS, PSI) rounded, against 0.1', () => {
    const column: SettledColumn = { name: 'v', kind: 'numeric', method: 'legacy' };
    const scored = scoreColumn(column, read(numbers(20)), read(numbers(20, 10)));
    expect(scored.method.name).toBe('legacy');
    expect(scored.threshold).toBe(0.1);
    expect(scored.inCurrent).toBe(true);
    expect(scored.result).toMatchObject({ scored: true, drifted: true });
    if (!scored.result.scored) throw new Error('not scored');
    // KS D of 0..19 against 10..29 is 10/20; the legacy score is max(D, PSI).
    expect(scored.result.legacy).toMatchObject({ kind: 'numeric', ksStatistic: 0.5 });
    expect(scored.result.score).toBe(Math.max(0.5, (scored.result.legacy as { psi: number }).psi));
    expect(scored.feature.sortedCurrent()[0]).toBe(10);
  });

  it('takes the column threshold over the method default, and applies the verdict direction', () => {
    const column: SettledColumn = { name: 'v', kind: 'numeric', method: 'ks', threshold: 1e-12 };
    const scored = scoreColumn(column, read(numbers(20)), read(numbers(20, 10)));
    expect(scored.threshold).toBe(1e-12);
    expect(scored.result).toMatchObject({ scored: true, drifted: false });
  });

  it('auto picks the method from the feature', () => {
    const column: SettledColumn = { name: 'v', kind: 'numeric', method: 'auto' };
    expect(scoreColumn(column, read(numbers(50)), read(numbers(50))).method.name).toBe('ks');
  });

  it('gives a column the current file lacks no score, with the reason, and the default threshold', () => {
    const scored = scoreColumn({ name: 'v', kind: 'numeric', method: 'psi' }, read(numbers(5)), undefined);
    expect(scored.inCurrent).toBe(false);
    expect(scored.result).toEqual({ scored: false, reason: 'column missing in current' });
    expect(scored.threshold).toBe(scored.method.defaultThreshold);
    expect(featureReport(scored)).toMatchObject({
      drift_score: null,
      is_drifted: true,
      scored: false,
      cur_count: 0,
    });
  });

  it('gives a column whose current cells are all missing no score', () => {
    const scored = scoreColumn(
      { name: 'v', kind: 'numeric', method: 'legacy' },
      read(numbers(5)),
      read(['', 'nan']),
    );
    expect(scored.result).toEqual({ scored: false, reason: 'all values missing in current' });
  });

  it('refuses a method that does not fit the column, naming the methods that do', () => {
    const categorical: SettledColumn = { name: 'v', kind: 'categorical', method: 'wasserstein' };
    expect(() => scoreColumn(categorical, read(['a', 'b']), read(['a']))).toThrow(UsageError);
    expect(() => scoreColumn(categorical, read(['a', 'b']), read(['a']))).toThrow(
      /method wasserstein does not apply to categorical column "v"/,
    );
    const threeCategories: SettledColumn = { name: 'v', kind: 'categorical', method: 'ztest' };
    expect(() => scoreColumn(threeCategories, read(['a', 'b', 'c']), read(['a']))).toThrow(
      /at most 2 categories/,
    );
  });
});

describe('featureReport: the legacy fields first, in the legacy order', () => {
  it('numeric', () => {
    const scored = scoreColumn(
      { name: 'v', kind: 'numeric', method: 'legacy' },
      read(numbers(20)),
      read(numbers(20, 10)),
    );
    expect(Object.keys(featureReport(scored))).toEqual([
      'feature',
      'data_type',
      'ref_count',
      'cur_count',
      'ref_mean',
      'cur_mean',
      'ref_std',
      'cur_std',
      'mean_shift',
      'ks_statistic',
      'psi',
      'drift_score',
      'is_drifted',
      'psi_interpretation',
      'recommendation',
      'method',
      'score_kind',
      'threshold',
      'ks_pvalue',
      'ref_missing',
      'cur_missing',
      'scored',
    ]);
    expect(featureReport(scored)).toMatchObject({
      ref_mean: 9.5,
      cur_mean: 19.5,
      mean_shift: 10,
      ks_statistic: 0.5,
    });
  });

  it('categorical, with new and missing categories', () => {
    const scored = scoreColumn(
      { name: 'v', kind: 'categorical', method: 'legacy' },
      read(['a', 'a', 'b', 'old']),
      read(['a', 'b', 'new', 'new']),
    );
    const report = featureReport(scored);
    expect(Object.keys(report)).toEqual([
      'feature',
      'data_type',
      'ref_count',
      'cur_count',
      'chi_square',
      'drift_score',
      'is_drifted',
      'new_categories',
      'missing_categories',
      'recommendation',
      'method',
      'score_kind',
      'threshold',
      'chi_square_pvalue',
      'ref_missing',
      'cur_missing',
      'scored',
    ]);
    expect(report).toMatchObject({ new_categories: ['new'], missing_categories: ['old'], is_drifted: true });
  });
});
