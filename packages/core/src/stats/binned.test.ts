import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from './benjaminiHochberg.js';
import { binCounts } from './binCounts.js';
import { bonferroni } from './bonferroni.js';
import binnedFixture from './fixtures/binned.json' with { type: 'json' };
import fdrFixture from './fixtures/false_discovery_control.json' with { type: 'json' };
import legacyFixture from './fixtures/legacy.json' with { type: 'json' };
import legacyBoundaryFixture from './fixtures/legacy_psi_boundaries.json' with { type: 'json' };
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
const sorted64 = (values: number[]) => sortAscending(Float64Array.from(values));

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
  it('hellinger is exactly 0 for identical shares, even when the rounded shares do not add up to 1', () => {
    // Ten shares of 0.1 add up to 0.9999999999999999 left to right: the old sum gave 1.05e-8.
    const tenths = Array(10).fill(0.1);
    expect(tenths.reduce((sum, share) => sum + share, 0)).toBe(0.9999999999999999);
    expect(hellingerDistance(tenths, tenths)).toBe(0);
    // Shares whose exact sum is not 1 even rounded once (math.fsum([1 / 49] * 49) is 0.9999999999999999).
    const fortyNinths = Array(49).fill(1 / 49);
    expect(hellingerDistance(fortyNinths, fortyNinths)).toBe(0);
    const counted = fc
      .array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 40 })
      .filter((values) => values.some((count) => count > 0))
      .map((values) => {
        const total = values.reduce((sum, count) => sum + count, 0);
        return values.map((count) => count / total);
      });
    fc.assert(
      fc.property(counted, (values) => {
        expect(hellingerDistance(values, values)).toBe(0);
      }),
      { numRuns: 3000 },
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
  // The script's bins min(int((v − lo) / step), 9) at exact multiples of the step, where numpy's edges disagree;
  // scripts/fixtures/stats_legacy_psi_boundaries.py (the legacy formula transcribed in plain Python).
  it(`bins at the boundaries as the legacy script does: ${legacyBoundaryFixture.cases.length} fixtures, reported value equal`, () => {
    const failures = legacyBoundaryFixture.cases.filter((testCase) => {
      const psi = legacyPsi(
        sortAscending(Float64Array.from(testCase.reference)),
        sortAscending(Float64Array.from(testCase.current)),
      );
      const close = Math.abs(psi - testCase.psi) <= 1e-12 * Math.max(Math.abs(testCase.psi), 1e-3);
      return !close || roundHalfEven(psi) !== testCase.legacyRounded;
    });
    expect(failures.map((testCase) => [testCase.psi, testCase.legacyRounded])).toEqual([]);
    // The fixtures do reach boundaries: numpy's rule (the old port) reports another value in many of them.
    const numpyRuleDiffers = legacyBoundaryFixture.cases.filter(
      (testCase) => testCase.numpyRuleRounded !== testCase.legacyRounded,
    );
    expect(numpyRuleDiffers.length).toBeGreaterThanOrEqual(100);
  });
  it('puts -0.2188 in bin 5 when lo = -3.4869 and hi = 3.0493, as the script does (numpy: bin 4)', () => {
    // (−0.2188 + 3.4869) / 0.65362 is 5 in doubles, although −0.2188 < −3.4869 + 5 · 0.65362.
    expect((-0.2188 - -3.4869) / ((3.0493 - -3.4869) / 10)).toBe(5);
    expect(-3.4869 + 5 * ((3.0493 - -3.4869) / 10)).toBeGreaterThan(-0.2188);
    // (−0.1 + 3.4869) / 0.65362 = 5.18: bin 5 by either rule.
    const psi = legacyPsi(new Float64Array([-3.4869, -0.2188]), new Float64Array([-0.1, 3.0493]));
    // Bins: reference {0, 5}, current {5, 9}: shares 0.5 + 1e-6 and 1e-6 in bins 0 and 9, equal in bin 5
    // (numpy's rule: reference {0, 4}, four unequal bins).
    const half = 0.5 + 1e-6;
    const expected = (1e-6 - half) * Math.log(1e-6 / half) + (half - 1e-6) * Math.log(half / 1e-6);
    expect(psi).toBe(expected);
  });
  it('equals the script’s formula applied value by value (property: 4-decimal data, many ties at boundaries)', () => {
    const scriptPsi = (reference: number[], current: number[]) => {
      const lo = Math.min(...reference, ...current);
      const hi = Math.max(...reference, ...current);
      if (!(hi > lo)) return 0;
      const step = (hi - lo) / 10;
      const shares = (values: number[]) => {
        const counts = new Array<number>(10).fill(0);
        for (const v of values) counts[Math.min(Math.trunc((v - lo) / step), 9)]! += 1;
        return counts.map((count) => count / values.length + 1e-6);
      };
      const r = shares(reference);
      const c = shares(current);
      let psi = 0;
      for (let bin = 0; bin < 10; bin++) psi += (c[bin]! - r[bin]!) * Math.log(c[bin]! / r[bin]!);
      return psi;
    };
    const fourDecimals = fc
      .integer({ min: -40_000, max: 40_000 })
      .map((units) => Number((units / 1e4).toFixed(4)));
    const sample = (lo: number, hi: number) =>
      fc.array(
        fc.oneof(
          fourDecimals,
          fc.integer({ min: 0, max: 10 }).map((k) => Number((lo + (k * (hi - lo)) / 10).toFixed(4))),
        ),
        { minLength: 1, maxLength: 40 },
      );
    const pair = fc
      .tuple(fourDecimals, fourDecimals)
      .chain(([a, b]) =>
        fc.tuple(sample(Math.min(a, b), Math.max(a, b)), sample(Math.min(a, b), Math.max(a, b))),
      );
    fc.assert(
      fc.property(pair, ([reference, current]) => {
        expect(legacyPsi(sorted64(reference), sorted64(current))).toBe(scriptPsi(reference, current));
      }),
      { numRuns: 3000 },
    );
  });
  it('answers where the script fails: a range past 1.8e308, and a step that underflows to 0', () => {
    const wide = legacyPsi(new Float64Array([-1.7e308, -1.7e308]), new Float64Array([1.7e308, 1.7e308]));
    const half = 1 + 1e-6;
    expect(wide).toBeCloseToRelative(2 * (half - 1e-6) * Math.log(half / 1e-6), 1e-12);
    // lo = 0, hi = 4·2^-1074: (hi − lo) / 10 rounds to 0; scaled, the values fall in bins 0, 2, 5 and 9.
    const tiny = 5e-324;
    const narrow = legacyPsi(new Float64Array([0, tiny]), new Float64Array([2 * tiny, 4 * tiny]));
    const share = 0.5 + 1e-6;
    const single = (1e-6 - share) * Math.log(1e-6 / share);
    expect(Number.isFinite(narrow)).toBe(true);
    expect(narrow).toBeCloseToRelative(4 * single, 1e-12);
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
