import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import binnedFixture from './fixtures/binned.json' with { type: 'json' };
import robustFixture from './fixtures/robust_moments.json' with { type: 'json' };
import { sortAscending } from './sortAscending.js';
import { type SampleRecipe, sampleFromRecipe } from './testing/lcg.js';
import { wassersteinDistance } from './wassersteinDistance.js';

const sorted = (recipe: unknown) => sortAscending(sampleFromRecipe(recipe as SampleRecipe));

// scipy.stats.wasserstein_distance; scripts/fixtures/stats_tests_and_distances.py.
describe('wassersteinDistance against scipy.stats.wasserstein_distance', () => {
  it.each(binnedFixture.cases.map((testCase, index) => [index, testCase] as const))(
    'case %i',
    (_, testCase) => {
      expect(wassersteinDistance(sorted(testCase.reference), sorted(testCase.current))).toBeCloseToRelative(
        testCase.wasserstein,
        1e-12,
      );
    },
  );
  it('checks its inputs', () => {
    expect(() => wassersteinDistance(new Float64Array(), new Float64Array([1]))).toThrow(
      /wassersteinDistance/,
    );
  });
});

describe('wassersteinDistance properties', () => {
  it('is ≥ 0, symmetric, and 0 for identical samples', () => {
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

// Extreme finite values: scipy's wasserstein_distance on values scaled by a power of two;
// scripts/fixtures/stats_robust_moments.py.
describe('wassersteinDistance at every magnitude', () => {
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
});
