import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactMean } from './exactMean.js';
import meanFixture from './fixtures/mean_exact.json' with { type: 'json' };
import momentsFixture from './fixtures/moments.json' with { type: 'json' };
import robustFixture from './fixtures/robust_moments.json' with { type: 'json' };
import roundFixture from './fixtures/round.json' with { type: 'json' };
import { mean } from './mean.js';
import { populationStandardDeviation } from './populationStandardDeviation.js';
import { roundHalfEven } from './roundHalfEven.js';
import { sampleStandardDeviation } from './sampleStandardDeviation.js';
import { sortAscending } from './sortAscending.js';
import { wassersteinDistance } from './wassersteinDistance.js';

// [value, decimals, round(value, decimals)] from Python 3.11; scripts/fixtures/stats_rounding_and_moments.py.
describe('roundHalfEven against Python round()', () => {
  it(`matches all ${roundFixture.cases.length} tabulated values bit for bit`, () => {
    const cases = roundFixture.cases as [number, number, number][];
    const failures = cases.filter(
      ([value, decimals, expected]) => !Object.is(roundHalfEven(value, decimals), expected),
    );
    expect(
      failures.map(([value, decimals, expected]) => [
        value,
        decimals,
        expected,
        roundHalfEven(value, decimals),
      ]),
    ).toEqual([]);
  });
  it('rounds exact binary ties to even and near-ties by their true value', () => {
    expect(roundHalfEven(0.03125)).toBe(0.0312);
    expect(roundHalfEven(0.09375)).toBe(0.0938);
    expect(roundHalfEven(2.675, 2)).toBe(2.67);
    expect(roundHalfEven(2.5, 0)).toBe(2);
    expect(Object.is(roundHalfEven(-0.00001), -0)).toBe(true);
  });
  it('rejects a bad number of decimals', () => {
    expect(() => roundHalfEven(1, 1.5)).toThrow(/roundHalfEven needs decimals to be an integer from 0 to 20/);
  });
});

// statistics.mean, statistics.stdev and numpy.std (ddof 0) of the same samples.
describe('mean and standard deviations against Python', () => {
  it.each(momentsFixture.cases.map((testCase, index) => [index, testCase] as const))(
    'sample %i',
    (_, testCase) => {
      expect(mean(testCase.values)).toBe(testCase.mean);
      if (testCase.stdev === null) {
        expect(sampleStandardDeviation(testCase.values)).toBeNaN();
      } else {
        expect(sampleStandardDeviation(testCase.values)).toBeCloseToRelative(testCase.stdev, 1e-15, 1e-300);
      }
      // numpy's plain two-pass sum leaves ~1e-17·|mean| of noise where the true spread is 0 ([0.1] × 10:
      // numpy says 1.4e-17, this says 0), hence the absolute floor relative to the mean.
      const floor = 1e-15 * Math.abs(testCase.mean);
      expect(populationStandardDeviation(testCase.values)).toBeCloseToRelative(
        testCase.pstdNumpy,
        1e-12,
        floor,
      );
    },
  );
  it(`mean equals statistics.mean bit for bit on ${meanFixture.cases.length} samples next to decimal ties`, () => {
    const cases = meanFixture.cases as [number[], number][];
    const failures = cases.filter(
      ([values, expected]) => mean(values) !== expected || exactMean(values) !== expected,
    );
    expect(failures.map(([values, expected]) => ({ values, expected, got: mean(values) }))).toEqual([]);
  });
  it('takes the fast path or the exact fallback and both give the same double (property)', () => {
    const value = fc.oneof(
      fc.integer({ min: -1_000_000, max: 1_000_000 }).map((units) => units / 10_000),
      fc.double({ min: -1e200, max: 1e200, noNaN: true }),
      fc.constantFrom(1e16, -1e16, 1, 0.1, -0.1, 5e-324),
    );
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 60 }), (values) => {
        expect(mean(values)).toBe(exactMean(values));
      }),
      { numRuns: 2000 },
    );
  });
  it('gives the same standard deviation, bit for bit, when handed the mean (stdev(data, xbar))', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 80 }),
        (values) => {
          expect(sampleStandardDeviation(values, mean(values))).toBe(sampleStandardDeviation(values));
        },
      ),
      { numRuns: 500 },
    );
  });
  it('gives +0 for a zero mean, as statistics.mean does (statistics.mean([-0.0]) == 0.0)', () => {
    for (const values of [[-0], [-0, -0], [1, -1], [-0, 0]]) {
      expect(Object.is(mean(values), 0)).toBe(true);
      expect(Object.is(exactMean(values), 0)).toBe(true);
    }
  });
  it('throws for an empty sample, naming the function', () => {
    expect(() => mean([])).toThrow(/mean requires at least one value/);
    expect(() => sampleStandardDeviation([])).toThrow(/sampleStandardDeviation requires at least one value/);
    expect(() => populationStandardDeviation([])).toThrow(
      /populationStandardDeviation requires at least one value/,
    );
  });
});

// Extreme finite values: statistics.mean / stdev / pstdev (exact fractions) and scipy's wasserstein_distance on
// values scaled by a power of two; scripts/fixtures/stats_robust_moments.py.
describe('mean, standard deviations and Wasserstein stay finite and right at every magnitude', () => {
  it.each(robustFixture.cases.moments.map((testCase) => [testCase.name, testCase] as const))(
    '%s',
    (_, testCase) => {
      expect(mean(testCase.values)).toBe(testCase.mean);
      const stdev = sampleStandardDeviation(testCase.values);
      const pstdev = populationStandardDeviation(testCase.values);
      // Where statistics.stdev raises OverflowError the spread passes 1.8e308: Infinity, never NaN.
      if (testCase.stdev === null) expect(stdev).toBe(Number.POSITIVE_INFINITY);
      else expect(stdev).toBeCloseToRelative(testCase.stdev, 1e-15, 0);
      expect(pstdev).toBeCloseToRelative(testCase.pstdev!, 1e-15, 0);
      // Handing over the mean gives the same bits (no float squares of huge deviations, unlike stdev(data, xbar)).
      expect(sampleStandardDeviation(testCase.values, mean(testCase.values))).toBe(stdev);
    },
  );
  it.each(robustFixture.cases.wasserstein.map((testCase) => [testCase.name, testCase] as const))(
    'wasserstein: %s',
    (_, testCase) => {
      const distance = wassersteinDistance(
        sortAscending(Float64Array.from(testCase.reference)),
        sortAscending(Float64Array.from(testCase.current)),
      );
      if (testCase.distance === null) expect(distance).toBe(Number.POSITIVE_INFINITY);
      else expect(distance).toBeCloseToRelative(testCase.distance, 1e-12, 0);
    },
  );
  it('is bit for bit the unscaled formula on ordinary data (scaling by a power of two is exact)', () => {
    // The old formula, with no scaling: valid while no square overflows or underflows.
    const unscaled = (values: number[]) => {
      const center = mean(values);
      let squares = 0;
      let compensation = 0;
      let deviations = 0;
      for (const value of values) {
        const deviation = value - center;
        deviations += deviation;
        const square = deviation * deviation;
        const total = squares + square;
        compensation += squares >= square ? squares - total + square : square - total + squares;
        squares = total;
      }
      return Math.sqrt(
        Math.max(squares + compensation - (deviations * deviations) / values.length, 0) / (values.length - 1),
      );
    };
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e100, max: 1e100, noNaN: true }), { minLength: 2, maxLength: 60 }),
        (values) => {
          fc.pre(values.some((value) => Math.abs(value) > 1e-100));
          expect(sampleStandardDeviation(values)).toBe(unscaled(values));
        },
      ),
      { numRuns: 1000 },
    );
  });
  it('never gives NaN for finite values (property over the whole double range)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 2, maxLength: 30 }),
        (values) => {
          expect(Number.isNaN(mean(values))).toBe(false);
          expect(Number.isNaN(sampleStandardDeviation(values))).toBe(false);
          expect(Number.isNaN(populationStandardDeviation(values))).toBe(false);
          const sorted = sortAscending(Float64Array.from(values));
          const half = sorted.length >> 1;
          expect(Number.isNaN(wassersteinDistance(sorted.subarray(0, half), sorted.subarray(half)))).toBe(
            false,
          );
        },
      ),
      { numRuns: 2000 },
    );
  });
});
