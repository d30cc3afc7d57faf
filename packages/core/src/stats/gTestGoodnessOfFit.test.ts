import { describe, expect, it } from 'vitest';
import fixture from './fixtures/evidently_g_test.json' with { type: 'json' };
import { gTestGoodnessOfFit } from './gTestGoodnessOfFit.js';
import { scaledReferenceCounts } from './scaledReferenceCounts.js';

const total = (counts: number[]) => counts.reduce((sum, count) => sum + count, 0);

// scipy.stats.power_divergence(current, reference * (n_current / n_reference), lambda_="log-likelihood");
// scripts/fixtures/stats_evidently_categorical.py.
describe('gTestGoodnessOfFit against scipy.stats.power_divergence(lambda_="log-likelihood")', () => {
  it.each(
    fixture.cases.map(
      (testCase) => [JSON.stringify([testCase.reference, testCase.current]), testCase] as const,
    ),
  )('%s', (_, testCase) => {
    const result = gTestGoodnessOfFit(
      testCase.current,
      scaledReferenceCounts(testCase.reference, total(testCase.current)),
    );
    if (testCase.statistic === 'Infinity') expect(result.statistic).toBe(Number.POSITIVE_INFINITY);
    else expect(result.statistic).toBeCloseToRelative(testCase.statistic as number, 1e-12, 1e-15);
    expect(result.pValue).toBeCloseToRelative(testCase.pValue, 1e-9);
  });
});

describe("the departure from Evidently's g_test: expected frequencies scaled to the current total", () => {
  const equalTotals = fixture.cases.filter((testCase) => testCase.rawError === null);
  const differentTotals = fixture.cases.filter((testCase) => testCase.rawError !== null);

  it('with equal totals, scaling changes nothing: the raw call (Evidently) gives the same numbers', () => {
    expect(equalTotals.length).toBeGreaterThanOrEqual(5);
    for (const testCase of equalTotals) {
      const raw = gTestGoodnessOfFit(testCase.current, testCase.reference);
      expect(raw.pValue).toBeCloseToRelative(testCase.rawPValue, 1e-9);
      expect(raw.pValue).toBeCloseToRelative(testCase.pValue, 1e-9);
    }
  });

  it('with different totals, scipy refuses the raw call (so Evidently fails) and so does this function; the scaled one answers', () => {
    expect(differentTotals.length).toBeGreaterThanOrEqual(20);
    for (const testCase of differentTotals) {
      expect(testCase.rawError).toBe('For each axis slice');
      expect(() => gTestGoodnessOfFit(testCase.current, testCase.reference)).toThrow(/same total/);
      // What scipy before 1.7 computed from the raw counts differs from the scaled test's answer (unless a
      // category new in current makes both 0 or below 1e-300).
      if (testCase.pValue > 1e-200) expect(testCase.rawPValue).not.toBeCloseToRelative(testCase.pValue, 1e-3);
    }
  });

  it("gives Evidently's own test value, 0.8176 (abs 1e-3), for [5, 5, 8] against [4, 6, 8]", () => {
    expect(gTestGoodnessOfFit([4, 6, 8], scaledReferenceCounts([5, 5, 8], 18)).pValue).toBeCloseTo(0.8176, 3);
  });

  it('gives p = 1 for one category and 0 for a category with no expected frequency', () => {
    expect(gTestGoodnessOfFit([3], [3]).pValue).toBe(1);
    expect(gTestGoodnessOfFit([3, 2], [5, 0])).toEqual({
      statistic: Number.POSITIVE_INFINITY,
      pValue: 0,
      dof: 1,
    });
  });
});
