import { describe, expect, it } from 'vitest';
import momentsFixture from './fixtures/moments.json' with { type: 'json' };
import { populationStandardDeviation } from './populationStandardDeviation.js';

// numpy.std (ddof 0) of the samples; scripts/fixtures/stats_rounding_and_moments.py.
describe('populationStandardDeviation against numpy.std', () => {
  it.each(momentsFixture.cases.map((testCase, index) => [index, testCase] as const))(
    'sample %i',
    (_, testCase) => {
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
  it('throws for an empty sample, naming the function', () => {
    expect(() => populationStandardDeviation([])).toThrow(
      /populationStandardDeviation requires at least one value/,
    );
  });
});
