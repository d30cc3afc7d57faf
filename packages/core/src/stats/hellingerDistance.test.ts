import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import binnedFixture from './fixtures/binned.json' with { type: 'json' };
import sharesFixture from './fixtures/shares.json' with { type: 'json' };
import { hellingerDistance } from './hellingerDistance.js';

// the numpy formula on the decile shares of binned.json and on shares.json; scripts/fixtures/stats_tests_and_distances.py.
describe('hellingerDistance against the numpy formula', () => {
  it.each(binnedFixture.cases.map((testCase, index) => [index, testCase] as const))(
    'case %i',
    (_, testCase) => {
      // sqrt(1 − Σ) near 0 amplifies the last bit of Σ: compare the squares to 1e-15 absolute instead.
      const hellinger = hellingerDistance(testCase.referenceShares, testCase.currentShares);
      expect(Math.abs(hellinger ** 2 - testCase.hellinger ** 2)).toBeLessThan(1e-15);
    },
  );
  it.each(sharesFixture.cases.map((testCase, index) => [index, testCase] as const))(
    'shares %i',
    (_, testCase) => {
      // sqrt(1 − Σ) near 0 amplifies the last bit of Σ: compare the squares to 1e-15 absolute instead.
      const hellinger = hellingerDistance(testCase.referenceShares, testCase.currentShares);
      expect(Math.abs(hellinger ** 2 - testCase.hellinger ** 2)).toBeLessThan(1e-15);
    },
  );
});

describe('hellingerDistance properties', () => {
  const shares = fc
    .array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 12 })
    .filter((counts) => counts.some((count) => count > 0))
    .map((counts) => {
      const total = counts.reduce((sum, count) => sum + count, 0);
      return counts.map((count) => count / total);
    });
  it('is ≥ 0, and 0 for identical shares (property)', () => {
    fc.assert(
      fc.property(shares, shares, (left, right) => {
        if (left.length !== right.length) return;
        expect(hellingerDistance(left, right)).toBeGreaterThanOrEqual(0);
        expect(hellingerDistance(left, left)).toBeCloseTo(0, 7);
      }),
      { numRuns: 300 },
    );
  });
});
