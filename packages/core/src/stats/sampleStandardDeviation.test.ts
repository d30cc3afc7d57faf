import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../../../../tests/helpers/runs.js';
import momentsFixture from './fixtures/moments.json' with { type: 'json' };
import robustFixture from './fixtures/robust_moments.json' with { type: 'json' };
import { mean } from './mean.js';
import { populationStandardDeviation } from './populationStandardDeviation.js';
import { sampleStandardDeviation } from './sampleStandardDeviation.js';
import { sortAscending } from './sortAscending.js';
import { wassersteinDistance } from './wassersteinDistance.js';

// statistics.stdev of the samples; scripts/fixtures/stats_rounding_and_moments.py.
describe('sampleStandardDeviation against Python statistics.stdev', () => {
  it.each(momentsFixture.cases.map((testCase, index) => [index, testCase] as const))(
    'sample %i',
    (_, testCase) => {
      if (testCase.stdev === null) {
        expect(sampleStandardDeviation(testCase.values)).toBeNaN();
      } else {
        expect(sampleStandardDeviation(testCase.values)).toBeCloseToRelative(testCase.stdev, 1e-15, 1e-300);
      }
    },
  );
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
  it('throws for an empty sample, naming the function', () => {
    expect(() => sampleStandardDeviation([])).toThrow(/sampleStandardDeviation requires at least one value/);
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
      { numRuns: propertyRuns(1000) },
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
      { numRuns: propertyRuns(2000) },
    );
  });
});
