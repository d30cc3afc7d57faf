import { describe, expect, it } from 'vitest';
import { csvSourceFromText, parseCsvColumns } from '../csv/index.js';
import { UsageError } from '../errors.js';
import type { SettledColumn } from './read.js';
import { featureReport } from './report.js';
import { combineVerdicts, scoreColumn } from './score.js';

/** A column read from cells, kept as text too (so categories of numbers work), numbers sorted. */
const read = (cells: readonly string[]) =>
  parseCsvColumns(csvSourceFromText('f.csv', `v\n${cells.map((cell) => `"${cell}"`).join('\n')}\n`), {
    keepText: new Set(['v']),
  }).columns[0]!;

const numbers = (count: number, shift = 0) => Array.from({ length: count }, (_, i) => String(i + shift));

describe('scoreColumn: a method, a verdict and the legacy statistics per column', () => {
  it('scores a numeric column with the legacy method: max(KS, PSI) rounded, against 0.1', () => {
    const column: SettledColumn = {
      name: 'v',
      kind: 'numeric',
      tests: [{ method: 'legacy' }],
      combine: 'any',
    };
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
    const column: SettledColumn = {
      name: 'v',
      kind: 'numeric',
      tests: [{ method: 'ks', threshold: 1e-12 }],
      combine: 'any',
    };
    const scored = scoreColumn(column, read(numbers(20)), read(numbers(20, 10)));
    expect(scored.threshold).toBe(1e-12);
    expect(scored.result).toMatchObject({ scored: true, drifted: false });
  });

  it('auto picks the method from the feature', () => {
    const column: SettledColumn = { name: 'v', kind: 'numeric', tests: [{ method: 'auto' }], combine: 'any' };
    expect(scoreColumn(column, read(numbers(50)), read(numbers(50))).method.name).toBe('ks');
  });

  it('gives a column the current file lacks no score, with the reason, and the default threshold', () => {
    const scored = scoreColumn(
      { name: 'v', kind: 'numeric', tests: [{ method: 'psi' }], combine: 'any' },
      read(numbers(5)),
      undefined,
    );
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
      { name: 'v', kind: 'numeric', tests: [{ method: 'legacy' }], combine: 'any' },
      read(numbers(5)),
      read(['', 'nan']),
    );
    expect(scored.result).toEqual({ scored: false, reason: 'all values missing in current' });
  });

  it('refuses a method that does not fit the column, naming the methods that do', () => {
    const categorical: SettledColumn = {
      name: 'v',
      kind: 'categorical',
      tests: [{ method: 'wasserstein' }],
      combine: 'any',
    };
    expect(() => scoreColumn(categorical, read(['a', 'b']), read(['a']))).toThrow(UsageError);
    expect(() => scoreColumn(categorical, read(['a', 'b']), read(['a']))).toThrow(
      /method wasserstein does not apply to categorical column "v"/,
    );
    const threeCategories: SettledColumn = {
      name: 'v',
      kind: 'categorical',
      tests: [{ method: 'fisher_exact' }],
      combine: 'any',
    };
    expect(() => scoreColumn(threeCategories, read(['a', 'b', 'c']), read(['a']))).toThrow(
      /at most 2 categories/,
    );
  });
});

describe('featureReport: the legacy fields first, in the legacy order', () => {
  it('numeric', () => {
    const scored = scoreColumn(
      { name: 'v', kind: 'numeric', tests: [{ method: 'legacy' }], combine: 'any' },
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
      { name: 'v', kind: 'categorical', tests: [{ method: 'legacy' }], combine: 'any' },
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

describe('several tests on a column', () => {
  const shifted = () => [read(numbers(20)), read(numbers(20, 10))] as const;

  it('scores each test and combines the verdicts: any, all', () => {
    const tests = [
      { method: 'ks_stat', threshold: 0.4 },
      { method: 'ks_stat', threshold: 0.6 },
    ] as const;
    const any = scoreColumn({ name: 'v', kind: 'numeric', tests, combine: 'any' }, ...shifted());
    expect(
      any.tests.map((test) => [test.method.name, test.threshold, test.outcome?.score, test.outcome?.drifted]),
    ).toEqual([
      ['ks_stat', 0.4, 0.5, true],
      ['ks_stat', 0.6, 0.5, false],
    ]);
    expect(any.result).toMatchObject({ scored: true, drifted: true, score: 0.5 });
    const all = scoreColumn({ name: 'v', kind: 'numeric', tests, combine: 'all' }, ...shifted());
    expect(all.result).toMatchObject({ scored: true, drifted: false });
    expect(combineVerdicts([true, true], 'all')).toBe(true);
    expect(combineVerdicts([false, false], 'any')).toBe(false);
  });

  it('leaves out the check-wide tests that do not fit the column, and refuses a column no test fits', () => {
    const tests = [{ method: 'new_category_share' }, { method: 'ks_stat' }] as const;
    const scored = scoreColumn(
      { name: 'v', kind: 'numeric', tests, combine: 'any', fittingOnly: true },
      ...shifted(),
    );
    expect(scored.tests.map((test) => test.method.name)).toEqual(['ks_stat']);
    expect(scored.method.name).toBe('ks_stat');
    expect(() =>
      scoreColumn(
        { name: 'v', kind: 'numeric', tests: [tests[0]], combine: 'any', fittingOnly: true },
        ...shifted(),
      ),
    ).toThrow(/none of the tests \(new_category_share\) applies to numeric column "v"/);
    // A column's own tests must fit.
    expect(() => scoreColumn({ name: 'v', kind: 'numeric', tests, combine: 'any' }, ...shifted())).toThrow(
      /method new_category_share does not apply to numeric column "v"/,
    );
  });

  it('missing_share and new_category_share', () => {
    const missing = scoreColumn(
      {
        name: 'v',
        kind: 'categorical',
        tests: [{ method: 'missing_share' }, { method: 'new_category_share' }],
        combine: 'any',
      },
      read(['a', 'a', '', 'b']),
      read(['a', 'c', 'c', '', '', 'b']),
    );
    const [share, unseen] = missing.tests.map((test) => test.outcome!);
    // |2/6 − 1/4|; 2 of the current's 4 non-missing cells are the new category c.
    expect(share!.score).toBeCloseToRelative(2 / 6 - 1 / 4, 1e-12);
    expect(share!.pValue).toBeGreaterThan(0.5);
    expect(unseen!.score).toBe(0.5);
    const none = scoreColumn(
      { name: 'v', kind: 'numeric', tests: [{ method: 'missing_share' }], combine: 'any' },
      ...shifted(),
    );
    // No missing cell on either side: no change, and the z-test's p-value is 1.
    expect(none.tests[0]!.outcome).toMatchObject({ score: 0, pValue: 1, drifted: false });
  });
});
