import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../../../../tests/helpers/runs.js';
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

// Identical samples score exactly 0 (the shares summed exactly): issue 14, item 6.
describe('hellingerDistance of identical shares', () => {
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
      { numRuns: propertyRuns(3000) },
    );
  });
});
