import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chiSquareGoodnessOfFit } from './chiSquareGoodnessOfFit.js';
import fixture from './fixtures/evidently_chisquare.json' with { type: 'json' };
import { scaledReferenceCounts } from './scaledReferenceCounts.js';

const total = (counts: number[]) => counts.reduce((sum, count) => sum + count, 0);

// Evidently's chisquare: scipy.stats.chisquare(current, reference * (n_current / n_reference));
// scripts/fixtures/stats_evidently_categorical.py.
describe("chiSquareGoodnessOfFit as Evidently's chisquare, against scipy.stats.chisquare", () => {
  it.each(
    fixture.cases.map(
      (testCase) => [JSON.stringify([testCase.reference, testCase.current]), testCase] as const,
    ),
  )('%s', (_, testCase) => {
    const result = chiSquareGoodnessOfFit(
      testCase.current,
      scaledReferenceCounts(testCase.reference, total(testCase.current)),
    );
    expect(result.dof).toBe(testCase.reference.length - 1);
    if (testCase.statistic === 'Infinity') expect(result.statistic).toBe(Number.POSITIVE_INFINITY);
    else expect(result.statistic).toBeCloseToRelative(testCase.statistic as number, 1e-12);
    expect(result.pValue).toBeCloseToRelative(testCase.pValue, 1e-9);
  });

  it("gives Evidently's own test values (tests/stattests/test_stattests.py, abs 1e-5)", () => {
    const p = (reference: number[], current: number[]) =>
      chiSquareGoodnessOfFit(current, scaledReferenceCounts(reference, total(current))).pValue;
    expect(p([16, 18, 16, 14, 12, 12], [16, 16, 16, 16, 16, 8])).toBeCloseTo(0.67309, 5);
    expect(p([32, 36, 32, 28, 24, 24], [16, 16, 16, 16, 16, 8])).toBeCloseTo(0.67309, 5);
    expect(p([10, 10], [10, 10])).toBe(1);
    expect(p([10, 10, 10], [10, 10, 10])).toBe(1);
  });

  it('gives p = 1 for one category (scipy: NaN, 0 degrees of freedom)', () => {
    expect(chiSquareGoodnessOfFit([7], [7])).toEqual({ statistic: 0, pValue: 1, dof: 0 });
  });

  it('refuses totals that differ, as scipy, and categories empty on both sides', () => {
    expect(() => chiSquareGoodnessOfFit([4, 6, 9], [5, 5, 8])).toThrow(/same total.*scaledReferenceCounts/);
    expect(() => chiSquareGoodnessOfFit([4, 0], [4, 0])).toThrow(/category 1 with no frequency/);
    expect(() => chiSquareGoodnessOfFit([4], [2, 2])).toThrow(/equally long/);
  });

  it('p-values are in [0, 1] and the statistic is 0 when the shares are equal', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 2, maxLength: 12 }),
        fc.integer({ min: 1, max: 5 }),
        (counts, factor) => {
          const current = counts.map((count) => count * factor);
          const result = chiSquareGoodnessOfFit(current, scaledReferenceCounts(counts, total(current)));
          expect(result.statistic).toBeLessThan(1e-9);
          expect(result.pValue).toBeGreaterThan(0.999999);
          expect(result.pValue).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});
