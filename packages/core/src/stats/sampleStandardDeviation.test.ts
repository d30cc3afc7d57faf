import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import momentsFixture from './fixtures/moments.json' with { type: 'json' };
import { mean } from './mean.js';
import { sampleStandardDeviation } from './sampleStandardDeviation.js';

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
