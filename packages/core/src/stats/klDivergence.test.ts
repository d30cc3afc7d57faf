import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import binnedFixture from './fixtures/binned.json' with { type: 'json' };
import sharesFixture from './fixtures/shares.json' with { type: 'json' };
import { klDivergence } from './klDivergence.js';

// scipy.stats.entropy on the decile shares of binned.json and on shares.json; scripts/fixtures/stats_tests_and_distances.py.
describe('klDivergence against scipy.stats.entropy', () => {
  it.each(binnedFixture.cases.map((testCase, index) => [index, testCase] as const))(
    'case %i',
    (_, testCase) => {
      expect(klDivergence(testCase.referenceShares, testCase.currentShares)).toBeCloseToRelative(
        testCase.kl,
        1e-12,
      );
    },
  );
  it.each(sharesFixture.cases.map((testCase, index) => [index, testCase] as const))(
    'shares %i',
    (_, testCase) => {
      expect(klDivergence(testCase.referenceShares, testCase.currentShares)).toBeCloseToRelative(
        testCase.kl,
        1e-12,
      );
    },
  );
  it('checks its inputs', () => {
    expect(() => klDivergence([-1, 2], [0.5, 0.5])).toThrow(/klDivergence needs finite non-negative shares/);
  });
});

describe('klDivergence properties', () => {
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
        expect(klDivergence(left, right)).toBeGreaterThanOrEqual(0);
        expect(klDivergence(left, left)).toBeCloseTo(0, 7);
      }),
      { numRuns: 300 },
    );
  });
});
