import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chiSquareContingency } from './chiSquareContingency.js';
import contingencyFixture from './fixtures/chi2_contingency.json' with { type: 'json' };
import zFixture from './fixtures/two_proportion_z.json' with { type: 'json' };
import { twoProportionZTest } from './twoProportionZTest.js';

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

// pooled z-test with numpy/scipy (no statsmodels).
describe('twoProportionZTest against the numpy/scipy formula', () => {
  it.each(zFixture.cases.map((testCase) => [JSON.stringify(testCase), testCase] as const))(
    '%s',
    (_, testCase) => {
      const result = twoProportionZTest(
        testCase.referenceSuccesses,
        testCase.referenceTotal,
        testCase.currentSuccesses,
        testCase.currentTotal,
      );
      expect(result.statistic).toBeCloseToRelative(testCase.statistic, 1e-12);
      expect(result.pValue).toBeCloseToRelative(testCase.pValue, 1e-9);
    },
  );
  it('rejects impossible counts', () => {
    expect(() => twoProportionZTest(5, 4, 1, 2)).toThrow(/twoProportionZTest needs 0 ≤ successes ≤ total/);
    expect(() => twoProportionZTest(0, 0, 1, 2)).toThrow(/for the reference sample/);
  });
});

describe('p-value properties', () => {
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
  it('twoProportionZTest is antisymmetric in its samples with the same p in [0, 1]', () => {
    const sample = fc
      .tuple(fc.integer({ min: 1, max: 10_000 }), fc.double({ min: 0, max: 1, noNaN: true }))
      .map(([total, share]) => [Math.round(total * share), total] as const);
    fc.assert(
      fc.property(
        sample,
        sample,
        ([referenceSuccesses, referenceTotal], [currentSuccesses, currentTotal]) => {
          const forward = twoProportionZTest(
            referenceSuccesses,
            referenceTotal,
            currentSuccesses,
            currentTotal,
          );
          const backward = twoProportionZTest(
            currentSuccesses,
            currentTotal,
            referenceSuccesses,
            referenceTotal,
          );
          expect(backward.statistic).toBeCloseTo(-forward.statistic, 12);
          expect(backward.pValue).toBe(forward.pValue);
          expect(forward.pValue).toBeGreaterThanOrEqual(0);
          expect(forward.pValue).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 300 },
    );
  });
});
