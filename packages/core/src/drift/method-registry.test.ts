import { describe, expect, it } from 'vitest';
import { csvSourceFromText, parseCsvColumns } from '../csv/index.js';
import { DriftFeature, type FeatureKind } from './feature.js';
import { type DriftMethod, isDriftScore } from './method.js';
import { autoMethodName, DRIFT_METHODS } from './method-registry.js';

describe('the method registry', () => {
  // Thresholds and comparisons of Evidently 0.7.21 (stattests/*.py: default_threshold, and each
  // function's own `>=`, `<=` or `<`); psi_deciles and legacy are the project's own.
  it("holds each method under its own name, with Evidently's thresholds and comparisons", () => {
    const table = Object.fromEntries(
      Object.entries(DRIFT_METHODS).map(([key, method]) => {
        expect(method.name).toBe(key);
        expect(method.displayName.length).toBeGreaterThan(0);
        expect(method.definition.length).toBeGreaterThan(0);
        return [
          key,
          [
            method.scoreKind,
            method.defaultThreshold,
            (method as DriftMethod).inclusive === true,
            [...method.featureKinds].sort().join('+'),
          ],
        ];
      }),
    );
    expect(table).toEqual({
      legacy: ['distance', 0.1, false, 'categorical+numeric'],
      ks: ['p_value', 0.05, true, 'numeric'],
      chisquare: ['p_value', 0.05, false, 'categorical'],
      ztest: ['p_value', 0.05, false, 'categorical'],
      psi: ['distance', 0.1, true, 'categorical+numeric'],
      psi_deciles: ['distance', 0.2, false, 'categorical+numeric'],
      kl_div: ['distance', 0.1, true, 'categorical+numeric'],
      jensenshannon: ['distance', 0.1, true, 'categorical+numeric'],
      hellinger: ['distance', 0.1, true, 'categorical+numeric'],
      wasserstein: ['distance', 0.1, true, 'numeric'],
      ks_stat: ['distance', 0.1, false, 'numeric'],
      missing_share: ['distance', 0.1, false, 'categorical+numeric'],
      new_category_share: ['distance', 0.05, false, 'categorical'],
      // Evidently 0.7.21 legacy/calculations/stattests: anderson_darling_stattest.py, cramer_von_mises_stattest.py,
      // epps_singleton_stattest.py, mann_whitney_urank_stattest.py, t_test.py (StatTest's default 0.05).
      anderson: ['p_value', 0.1, false, 'numeric'],
      cramer_von_mises: ['p_value', 0.1, true, 'numeric'],
      es: ['p_value', 0.05, false, 'numeric'],
      mannw: ['p_value', 0.05, false, 'numeric'],
      t_test: ['p_value', 0.05, false, 'numeric'],
      // Evidently 0.7.21: fisher_exact_stattest.py, g_stattest.py, tvd_stattest.py, energy_distance.py,
      // mmd_stattest.py, z_stattest.py.
      fisher_exact: ['p_value', 0.1, false, 'categorical'],
      g_test: ['p_value', 0.1, false, 'categorical'],
      TVD: ['p_value', 0.1, false, 'categorical'],
      ed: ['distance', 0.1, false, 'numeric'],
      empirical_mmd: ['p_value', 0.1, false, 'numeric'],
      z: ['p_value', 0.05, false, 'categorical'],
    });
  });
});

describe('isDriftScore: the verdict direction, in one place', () => {
  it.each([
    ['p_value', 0.049, 0.05, true],
    ['p_value', 0.05, 0.05, false],
    ['p_value', 0.2, 0.05, false],
    ['distance', 0.11, 0.1, true],
    ['distance', 0.1, 0.1, false],
    ['distance', 0, 0.1, false],
  ] as const)('%s %d vs threshold %d → %s', (kind, score, threshold, drifted) => {
    expect(isDriftScore(kind, score, threshold)).toBe(drifted);
  });

  it.each([
    ['p_value', 0.05, 0.05, true],
    ['p_value', 0.051, 0.05, false],
    ['distance', 0.1, 0.1, true],
    ['distance', 0.099, 0.1, false],
  ] as const)('inclusive: %s %d vs threshold %d → %s', (kind, score, threshold, drifted) => {
    expect(isDriftScore(kind, score, threshold, true)).toBe(drifted);
  });

  it('refuses a NaN score instead of calling it a verdict', () => {
    expect(() => isDriftScore('p_value', Number.NaN, 0.05)).toThrow(/NaN/);
  });
});

function feature(kind: FeatureKind, reference: string[], current: string[]): DriftFeature {
  const read = (values: string[]) =>
    parseCsvColumns(csvSourceFromText('f.csv', `v\n${values.join('\n')}\n`), { keepText: new Set(['v']) })
      .columns[0]!;
  return new DriftFeature('v', kind, read(reference), read(current));
}

describe('auto picks a method per column', () => {
  const many = Array.from({ length: 50 }, (_, i) => String(i));
  const big = Array.from({ length: 1001 }, (_, i) => String(i % 7));
  it.each([
    ['numeric, > 5 distinct, ≤ 1000 rows', feature('numeric', many, many), 'ks'],
    ['numeric, 2 distinct, ≤ 1000 rows', feature('numeric', ['0', '1', '1'], ['1', '0']), 'ztest'],
    ['numeric, 4 distinct, ≤ 1000 rows', feature('numeric', ['1', '2', '3', '4'], ['1']), 'chisquare'],
    ['categorical, 2 categories', feature('categorical', ['a', 'b'], ['a']), 'ztest'],
    ['categorical, 3 categories over both samples', feature('categorical', ['a', 'b'], ['c']), 'chisquare'],
    ['numeric, > 1000 rows, 7 distinct', feature('numeric', big, big), 'wasserstein'],
    [
      'numeric, > 1000 rows, 3 distinct',
      feature(
        'numeric',
        Array.from({ length: 1001 }, (_, i) => String(i % 3)),
        ['1'],
      ),
      'jensenshannon',
    ],
    [
      'categorical, > 1000 rows',
      feature(
        'categorical',
        Array.from({ length: 1001 }, () => 'a'),
        ['a'],
      ),
      'jensenshannon',
    ],
  ])('%s → %s', (_name, column, method) => {
    expect(autoMethodName(column)).toBe(method);
  });
});

describe('DriftFeature shares its derived data', () => {
  it('sorts each numeric sample once and hands the same array to every method', () => {
    const column = feature('numeric', ['3', '1', '2'], ['5', '4']);
    const first = column.sortedReference();
    expect([...first]).toEqual([1, 2, 3]);
    expect(column.sortedReference()).toBe(first);
    expect(column.sortedCurrent()).toBe(column.sortedCurrent());
  });

  it('bins numeric samples as Evidently does: one bin per value up to 20 distinct reference values', () => {
    const numeric = feature('numeric', ['1', '2', '2', '20'], ['2', '3']);
    // Values 1, 2, 3, 20 of both samples, ascending.
    expect([...numeric.binShares().reference]).toEqual([0.25, 0.5, 0, 0.25]);
    expect([...numeric.binShares().current]).toEqual([0, 0.5, 0.5, 0]);
    expect([...numeric.filledBinShares().reference]).toEqual([0.25, 0.5, 0.0001, 0.25]);
    expect([...numeric.filledBinShares().current]).toEqual([0.0001, 0.5, 0.5, 0.0001]);
    const categorical = feature('categorical', ['a', 'b', 'a', 'a'], ['c', 'a']);
    expect(categorical.categoryCounts()).toEqual({
      categories: ['a', 'b', 'c'],
      reference: Float64Array.from([3, 1, 0]),
      current: Float64Array.from([1, 0, 1]),
    });
    expect([...categorical.binShares().reference]).toEqual([0.75, 0.25, 0]);
  });

  it('bins by Sturges over both samples from 21 distinct reference values', () => {
    const reference = Array.from({ length: 21 }, (_, i) => String(i));
    const numeric = feature('numeric', reference, ['0', '20', '20']);
    // np.histogram_bin_edges(0..20 + [0, 20, 20], 'sturges'): 24 values, ceil(log2(24) + 1) = 6 bins of 20/6.
    expect(numeric.binShares().reference.length).toBe(6);
    expect([...numeric.binShares().current]).toEqual([1 / 3, 0, 0, 0, 0, 2 / 3]);
    expect(numeric.evidentlyIntegerData()).toBe(true);
    expect(feature('numeric', [...reference, '0.5'], ['1']).evidentlyIntegerData()).toBe(false);
    expect(feature('numeric', [...reference, '""'], ['1']).evidentlyIntegerData()).toBe(false);
    expect(feature('numeric', [...reference, 'x'], ['1']).evidentlyIntegerData()).toBe(false);
    expect(numeric.binningRefusal()).toBeUndefined();
  });

  it('says when numpy cannot bin a column, instead of scoring it', () => {
    const huge = feature(
      'numeric',
      Array.from({ length: 21 }, (_, i) => String((i - 10) * 1.7e307)),
      ['0'],
    );
    expect(huge.binningRefusal()).toMatch(/span more than the largest double/);
    expect(DRIFT_METHODS.psi.unsuitable(huge)).toMatch(/^psi cannot bin "v": the values span/);
    expect(DRIFT_METHODS.hellinger.unsuitable(huge)).toMatch(/^hellinger cannot bin "v"/);
    // One distinct value of 1e17 in both samples: Hellinger's edges 1e17 ± 0.5 coincide.
    const constant = feature('numeric', ['1e17', '1e17'], ['1e17']);
    expect(DRIFT_METHODS.psi.unsuitable(constant)).toBeUndefined();
    expect(DRIFT_METHODS.hellinger.unsuitable(constant)).toMatch(/too close together/);
  });

  it('keeps the reference-decile bins for psi_deciles', () => {
    const numeric = feature(
      'numeric',
      Array.from({ length: 11 }, (_, i) => String(i + 1)),
      ['1', '2', '11', '100'],
    );
    // numpy.quantile(1..11, [.1….9]) = 2…10 → bins (−∞,2], (2,3], …, (10,∞)
    expect([...numeric.decileBinShares().reference]).toEqual(
      [2, 1, 1, 1, 1, 1, 1, 1, 1, 1].map((n) => n / 11),
    );
    expect([...numeric.decileBinShares().current]).toEqual([0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0.5]);
  });
});

describe("Evidently's methods (issue 14): strict comparisons, as Evidently's p < threshold and distance > threshold", () => {
  it.each(['chisquare', 'fisher_exact', 'g_test', 'TVD', 'ed', 'empirical_mmd', 'z', 'ztest'] as const)(
    '%s',
    (name) => {
      expect(DRIFT_METHODS[name].inclusive).toBe(false);
    },
  );

  it('ztest is z under its old name: same score, also with more than 2 categories (first sorted category vs the rest)', () => {
    const column = feature('categorical', ['b', 'a', 'c', 'a', 'a', 'c'], ['c', 'c', 'b', 'a', 'c', 'b']);
    const score = DRIFT_METHODS.z.compute(column).score;
    expect(DRIFT_METHODS.ztest.compute(column).score).toBe(score);
    expect('unsuitable' in DRIFT_METHODS.ztest).toBe(false);
    // Evidently z_stattest.py formula: share of "a" 3/6 against 1/6, pooled 4/12; scipy 2 * norm.sf(|z|)
    expect(score).toBeCloseToRelative(0.22067136191984682, 1e-9);
  });

  it('fisher_exact refuses a column with more than 2 categories, as Evidently', () => {
    expect(DRIFT_METHODS.fisher_exact.unsuitable(feature('categorical', ['a', 'b'], ['c']))).toMatch(
      /fisher_exact needs at most 2 categories, and "v" has 3/,
    );
    expect(DRIFT_METHODS.fisher_exact.unsuitable(feature('categorical', ['a', 'b'], ['a']))).toBeUndefined();
  });
});
