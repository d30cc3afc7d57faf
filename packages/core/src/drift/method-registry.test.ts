import { describe, expect, it } from 'vitest';
import { csvSourceFromText, parseCsvColumns } from '../csv/index.js';
import { DriftFeature, type FeatureKind } from './feature.js';
import { isDriftScore } from './method.js';
import { autoMethodName, DRIFT_METHODS } from './method-registry.js';

describe('the method registry', () => {
  it('holds each method under its own name, with the thresholds of issue 5', () => {
    const table = Object.fromEntries(
      Object.entries(DRIFT_METHODS).map(([key, method]) => {
        expect(method.name).toBe(key);
        expect(method.displayName.length).toBeGreaterThan(0);
        expect(method.definition.length).toBeGreaterThan(0);
        return [key, [method.scoreKind, method.defaultThreshold, [...method.featureKinds].sort().join('+')]];
      }),
    );
    expect(table).toEqual({
      legacy: ['distance', 0.1, 'categorical+numeric'],
      ks: ['p_value', 0.05, 'numeric'],
      chisquare: ['p_value', 0.05, 'categorical'],
      ztest: ['p_value', 0.05, 'categorical'],
      psi: ['distance', 0.2, 'categorical+numeric'],
      kl_div: ['distance', 0.1, 'categorical+numeric'],
      jensenshannon: ['distance', 0.1, 'categorical+numeric'],
      hellinger: ['distance', 0.1, 'categorical+numeric'],
      wasserstein: ['distance', 0.1, 'numeric'],
      fisher_exact: ['p_value', 0.1, 'categorical'],
      g_test: ['p_value', 0.1, 'categorical'],
      TVD: ['p_value', 0.1, 'categorical'],
      ed: ['distance', 0.1, 'numeric'],
      empirical_mmd: ['p_value', 0.1, 'numeric'],
      z: ['p_value', 0.05, 'categorical'],
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

  it('bins numeric samples by the reference deciles and categories one per bin', () => {
    const numeric = feature(
      'numeric',
      Array.from({ length: 11 }, (_, i) => String(i + 1)),
      ['1', '2', '11', '100'],
    );
    // numpy.quantile(1..11, [.1….9]) = 2…10 → bins (−∞,2], (2,3], …, (10,∞)
    expect([...numeric.binShares().reference]).toEqual([2, 1, 1, 1, 1, 1, 1, 1, 1, 1].map((n) => n / 11));
    expect([...numeric.binShares().current]).toEqual([0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0.5]);
    const categorical = feature('categorical', ['a', 'b', 'a', 'a'], ['c', 'a']);
    expect(categorical.categoryCounts()).toEqual({
      categories: ['a', 'b', 'c'],
      reference: Float64Array.from([3, 1, 0]),
      current: Float64Array.from([1, 0, 1]),
    });
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
