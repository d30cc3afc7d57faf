import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chiSquareContingency } from './chiSquareContingency.js';
import contingencyFixture from './fixtures/chi2_contingency.json' with { type: 'json' };

// scipy.stats.chi2_contingency([reference, current]); scripts/fixtures/stats_tests_and_distances.py.
describe('chiSquareContingency against scipy.stats.chi2_contingency', () => {
  it.each(
    contingencyFixture.cases.map(
      (testCase) => [JSON.stringify([testCase.reference, testCase.current]), testCase] as const,
    ),
  )('%s', (_, testCase) => {
    const result = chiSquareContingency(testCase.reference, testCase.current);
    expect(result.dof).toBe(testCase.dof);
    expect(result.statistic).toBeCloseToRelative(testCase.statistic, 1e-12);
    expect(result.pValue).toBeCloseToRelative(testCase.pValue, 1e-9);
  });
  it('rejects a column with no counts, mismatched lengths and empty rows', () => {
    expect(() => chiSquareContingency([1, 0], [2, 0])).toThrow(/category 1 with no count in either sample/);
    expect(() => chiSquareContingency([1, 2], [2])).toThrow(/two equally long, non-empty count lists/);
    expect(() => chiSquareContingency([0, 0], [2, 3])).toThrow(/at least one count in each sample/);
    expect(() => chiSquareContingency([-1, 2], [2, 3])).toThrow(/finite non-negative counts/);
  });
});

describe('chiSquareContingency properties', () => {
  const counts = fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 12 });
  it('chiSquareContingency gives a statistic ≥ 0 and p in [0, 1]', () => {
    fc.assert(
      fc.property(counts, counts, (reference, current) => {
        const length = Math.min(reference.length, current.length);
        const pairs = reference
          .slice(0, length)
          .map((count, index) => [count, current[index]!] as const)
          .filter(([left, right]) => left + right > 0);
        const referenceCounts = pairs.map(([left]) => left);
        const currentCounts = pairs.map(([, right]) => right);
        if (pairs.length === 0 || referenceCounts.every((count) => count === 0)) return;
        if (currentCounts.every((count) => count === 0)) return;
        const result = chiSquareContingency(referenceCounts, currentCounts);
        expect(result.statistic).toBeGreaterThanOrEqual(0);
        expect(result.pValue).toBeGreaterThanOrEqual(0);
        expect(result.pValue).toBeLessThanOrEqual(1);
        expect(result.dof).toBe(pairs.length - 1);
      }),
      { numRuns: 300 },
    );
  });
});
