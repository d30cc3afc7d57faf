import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from './benjaminiHochberg.js';
import { binCounts } from './binCounts.js';
import { bonferroni } from './bonferroni.js';
import binnedFixture from './fixtures/binned.json' with { type: 'json' };
import fdrFixture from './fixtures/false_discovery_control.json' with { type: 'json' };
import legacyFixture from './fixtures/legacy.json' with { type: 'json' };
import sharesFixture from './fixtures/shares.json' with { type: 'json' };
import { hellingerDistance } from './hellingerDistance.js';
import { jensenShannonDistance } from './jensenShannonDistance.js';
import { klDivergence } from './klDivergence.js';
import { legacyChiSquare } from './legacyChiSquare.js';
import { legacyPsi } from './legacyPsi.js';
import { populationStabilityIndex } from './populationStabilityIndex.js';
import { quantileBinEdges } from './quantileBinEdges.js';
import { roundHalfEven } from './roundHalfEven.js';
import { sortAscending } from './sortAscending.js';
import { type SampleRecipe, sampleFromRecipe } from './testing/lcg.js';
import { wassersteinDistance } from './wassersteinDistance.js';

const sorted = (recipe: unknown) => sortAscending(sampleFromRecipe(recipe as SampleRecipe));

function expectShareMetrics(
  referenceShares: number[],
  currentShares: number[],
  expected: { psi: number; kl: number; jensenShannon: number; hellinger: number },
): void {
  expect(populationStabilityIndex(referenceShares, currentShares)).toBeCloseToRelative(expected.psi, 1e-12);
  expect(klDivergence(referenceShares, currentShares)).toBeCloseToRelative(expected.kl, 1e-12);
  expect(jensenShannonDistance(referenceShares, currentShares)).toBeCloseToRelative(
    expected.jensenShannon,
    1e-12,
  );
  // sqrt(1 − Σ) near 0 amplifies the last bit of Σ: compare the squares to 1e-15 absolute instead.
  const hellinger = hellingerDistance(referenceShares, currentShares);
  expect(Math.abs(hellinger ** 2 - expected.hellinger ** 2)).toBeLessThan(1e-15);
}

// numpy.quantile / searchsorted / bincount and scipy distances; scripts/fixtures/stats_tests_and_distances.py.
describe('decile bins and binned distances against numpy/scipy', () => {
  it.each(binnedFixture.cases.map((testCase, index) => [index, testCase] as const))(
    'case %i',
    (_, testCase) => {
      const reference = sorted(testCase.reference);
      const current = sorted(testCase.current);
      const edges = quantileBinEdges(reference);
      expect(Array.from(edges)).toEqual(testCase.edges);
      expect(Array.from(binCounts(reference, edges))).toEqual(testCase.referenceCounts);
      expect(Array.from(binCounts(current, edges))).toEqual(testCase.currentCounts);
      expectShareMetrics(testCase.referenceShares, testCase.currentShares, testCase);
      expect(wassersteinDistance(reference, current)).toBeCloseToRelative(testCase.wasserstein, 1e-12);
    },
  );
  it.each(sharesFixture.cases.map((testCase, index) => [index, testCase] as const))(
    'shares %i',
    (_, testCase) => {
      expectShareMetrics(testCase.referenceShares, testCase.currentShares, testCase);
    },
  );
  it('checks its inputs', () => {
    expect(() => populationStabilityIndex([0.5], [0.5, 0.5])).toThrow(
      /populationStabilityIndex needs two equally long/,
    );
    expect(() => klDivergence([-1, 2], [0.5, 0.5])).toThrow(/klDivergence needs finite non-negative shares/);
    expect(() => jensenShannonDistance([0, 0], [0.5, 0.5])).toThrow(/sum to more than 0/);
    expect(() => quantileBinEdges(new Float64Array())).toThrow(/quantileBinEdges requires at least one/);
    expect(() => wassersteinDistance(new Float64Array(), new Float64Array([1]))).toThrow(
      /wassersteinDistance/,
    );
  });
});

describe('distance properties', () => {
  const shares = fc
    .array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 12 })
    .filter((counts) => counts.some((count) => count > 0))
    .map((counts) => {
      const total = counts.reduce((sum, count) => sum + count, 0);
      return counts.map((count) => count / total);
    });
  it('are ≥ 0, and 0 for identical shares', () => {
    fc.assert(
      fc.property(shares, shares, (left, right) => {
        if (left.length !== right.length) return;
        for (const distance of [
          populationStabilityIndex,
          klDivergence,
          jensenShannonDistance,
          hellingerDistance,
        ]) {
          expect(distance(left, right)).toBeGreaterThanOrEqual(0);
          expect(distance(left, left)).toBeCloseTo(0, 7);
        }
        expect(jensenShannonDistance(left, right)).toBeCloseTo(jensenShannonDistance(right, left), 12);
      }),
      { numRuns: 300 },
    );
  });
  it('wasserstein is ≥ 0, symmetric, and 0 for identical samples', () => {
    const sample = fc
      .array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 30 })
      .map((values) => sortAscending(Float64Array.from(values)));
    fc.assert(
      fc.property(sample, sample, (left, right) => {
        const distance = wassersteinDistance(left, right);
        expect(distance).toBeGreaterThanOrEqual(0);
        expect(wassersteinDistance(right, left)).toBeCloseToRelative(distance, 1e-12, 1e-9);
        expect(wassersteinDistance(left, left)).toBe(0);
      }),
    );
  });
});

describe('p-value corrections', () => {
  it.each(fdrFixture.cases.map((testCase) => [JSON.stringify(testCase.pValues), testCase] as const))(
    "benjaminiHochberg(%s) = false_discovery_control(ps, method='bh')",
    (_, testCase) => {
      const adjusted = benjaminiHochberg(testCase.pValues);
      expect(adjusted.length).toBe(testCase.bh.length);
      adjusted.forEach((value, index) => {
        expect(value).toBeCloseToRelative(testCase.bh[index]!, 1e-15, 0);
      });
    },
  );
  it('bonferroni multiplies by m and caps at 1', () => {
    expect(bonferroni([0.01, 0.04, 0.5])).toEqual([0.03, 0.12, 1]);
    expect(bonferroni([])).toEqual([]);
    expect(() => bonferroni([1.5])).toThrow(/bonferroni needs p-values in \[0, 1\]/);
    expect(() => benjaminiHochberg([Number.NaN, 0.1])).toThrow(
      /benjaminiHochberg needs p-values in \[0, 1\]/,
    );
  });
});

// The legacy PSI / chi-square: numpy replication, and the legacy tool's own rounded outputs.
describe('legacyPsi and legacyChiSquare', () => {
  it.each(legacyFixture.cases.recipes.map((testCase, index) => [index, testCase] as const))(
    'legacyPsi recipe %i matches the numpy replication',
    (_, testCase) => {
      expect(legacyPsi(sorted(testCase.reference), sorted(testCase.current))).toBeCloseToRelative(
        testCase.psi,
        1e-12,
        1e-15,
      );
    },
  );
  it.each(
    legacyFixture.cases.examples.map(
      (testCase) => [`${testCase.example}/${testCase.feature}`, testCase] as const,
    ),
  )('legacy example %s gives the legacy tool’s rounded value', (_, testCase) => {
    if ('psi' in testCase && testCase.psi !== undefined) {
      const psi = legacyPsi(
        sortAscending(Float64Array.from(testCase.reference!)),
        sortAscending(Float64Array.from(testCase.current!)),
      );
      expect(psi).toBeCloseToRelative(testCase.psi, 1e-12);
      expect(roundHalfEven(psi)).toBe(testCase.legacyRoundedPsi);
    } else {
      const referenceCounts = new Map(Object.entries(testCase.referenceCounts!));
      const currentCounts = new Map(Object.entries(testCase.currentCounts!));
      const chiSquare = legacyChiSquare(referenceCounts, currentCounts);
      expect(chiSquare).toBeCloseToRelative(testCase.chiSquare!, 1e-12);
      expect(roundHalfEven(chiSquare)).toBe(testCase.legacyRoundedChiSquare);
    }
  });
  it('is 0 for an empty sample or a single value, and puts the maximum in the last bin', () => {
    expect(legacyPsi(new Float64Array(), new Float64Array([1]))).toBe(0);
    expect(legacyPsi(new Float64Array([2, 2]), new Float64Array([2]))).toBe(0);
    // Reference all in bin 0, current all at the maximum (bin 9): two bins of share 1 vs 1e-6.
    const psi = legacyPsi(new Float64Array([0, 0]), new Float64Array([10]));
    const share = 1 + 1e-6;
    expect(psi).toBeCloseToRelative(2 * (share - 1e-6) * Math.log(share / 1e-6), 1e-12);
    expect(() => legacyChiSquare(new Map(), new Map([['a', 1]]))).toThrow(
      /legacyChiSquare needs at least one count/,
    );
    expect(
      legacyChiSquare(
        new Map([
          ['a', 50],
          ['b', 50],
        ]),
        new Map([
          ['a', 80],
          ['b', 10],
          ['c', 10],
        ]),
      ),
    ).toBeCloseTo(0.5, 15);
  });
});
