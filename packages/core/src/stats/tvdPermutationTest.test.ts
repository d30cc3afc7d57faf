import { describe, expect, it } from 'vitest';
import fixture from './fixtures/evidently_tvd.json' with { type: 'json' };
import { tvdPermutationTest } from './tvdPermutationTest.js';

// Evidently's permutation_test formula after np.random.seed(0), 1000 draws of np.random.choice(pooled, R,
// replace=False), distances compared exactly; scripts/fixtures/stats_evidently_categorical.py.
describe('tvdPermutationTest against the numpy transcription with np.random.seed(0)', () => {
  it.each(
    fixture.cases.map(
      (testCase) => [JSON.stringify([testCase.reference, testCase.current]), testCase] as const,
    ),
  )('%s', (_, testCase) => {
    const result = tvdPermutationTest(testCase.reference, testCase.current);
    expect(result.statistic).toBeCloseToRelative(testCase.statistic, 1e-12);
    // Same draws, same integer comparisons: the count of hits is equal, so the p-value is bit for bit.
    expect(result.pValue).toBe(testCase.pValueSeed0);
  });

  it("gives Evidently's own test values where rounding does not decide ties (0.0, 1.0, 0.309), and says where it does", () => {
    const evidently = [0.928, 0.085, 0, 1, 0.309];
    const data = [
      [
        [16, 18, 16, 14, 12, 12],
        [16, 16, 16, 16, 16, 8],
      ],
      [
        [16, 18, 16, 14, 12, 12],
        [10, 10, 24, 24, 10, 10],
      ],
      [
        [16, 18, 16, 14, 12, 12],
        [0, 0, 0, 0, 0, 88],
      ],
      [
        [16, 18, 16, 14, 12, 12],
        [16, 18, 16, 14, 12, 12],
      ],
      [
        [16, 18, 16, 14, 12, 12],
        [10, 24, 12, 16, 8, 16],
      ],
    ];
    const ours = data.map(([reference, current]) => tvdPermutationTest(reference!, current!).pValue);
    expect(ours).toEqual([0.972, 0.088, 0, 1, 0.309]);
    // The fixture's float transcription reproduces Evidently's numbers: the difference is the ties alone.
    const float = data.map(
      ([reference, current]) =>
        fixture.cases.find(
          (testCase) =>
            JSON.stringify(testCase.reference) === JSON.stringify(reference) &&
            JSON.stringify(testCase.current) === JSON.stringify(current),
        )!.pValueSeed0EvidentlyFloat,
    );
    expect(float).toEqual(evidently);
    // Same verdicts at Evidently's thresholds in those tests (0.1, 0.1, 0.1, 0.1, 0.5).
    expect(ours.map((p, index) => p < (index === 4 ? 0.5 : 0.1))).toEqual([false, true, true, false, true]);
  });

  // The exact permutation p over all C(N, R) splits (fixture, itertools.combinations). With 40,000 draws
  // the Monte Carlo p has standard deviation √(p(1 − p)/40000) ≤ 0.0025: 0.0125 is 5 of them.
  it.each(
    fixture.cases
      .filter((testCase) => testCase.pValueExact !== undefined)
      .map((testCase) => [JSON.stringify([testCase.reference, testCase.current]), testCase] as const),
  )('converges to the exact permutation p-value: %s', (_, testCase) => {
    const result = tvdPermutationTest(testCase.reference, testCase.current, { iterations: 40000, seed: 7 });
    expect(Math.abs(result.pValue - testCase.pValueExact!)).toBeLessThanOrEqual(0.0125);
  });

  // Above shuffleMaxRows the counts are drawn directly (multivariate hypergeometric): the same test.
  it.each(
    fixture.cases
      .filter((testCase) => testCase.pValueExact !== undefined)
      .map((testCase) => [JSON.stringify([testCase.reference, testCase.current]), testCase] as const),
  )('drawing the counts directly converges to the exact permutation p-value too: %s', (_, testCase) => {
    const result = tvdPermutationTest(testCase.reference, testCase.current, {
      iterations: 40000,
      seed: 7,
      shuffleMaxRows: 0,
    });
    expect(Math.abs(result.pValue - testCase.pValueExact!)).toBeLessThanOrEqual(0.0125);
  });

  it('above 20,000 rows draws the counts directly, and agrees with the full shuffle', () => {
    // 17,600 pooled rows with a small shift (p near 0.9): the full shuffle (default below 20,000 rows)
    // and the direct draws estimate the same p with 1000 draws each, so they differ by a standard
    // deviation of at most √(2 · 0.25 / 1000) = 0.022; 0.09 is 4 of them. (Measured: 0.906 and 0.899.)
    const reference = [1600, 1800, 1600, 1400, 1200, 1200];
    const current = [1560, 1850, 1590, 1420, 1180, 1200];
    const shuffled = tvdPermutationTest(reference, current).pValue;
    const drawn = tvdPermutationTest(reference, current, { shuffleMaxRows: 0 }).pValue;
    expect(Math.abs(shuffled - drawn)).toBeLessThanOrEqual(0.09);
    // Five times the rows (88,000): drawn directly, reproducible, and the same distance.
    const times5 = (counts: number[]) => counts.map((count) => count * 5);
    const large = tvdPermutationTest(times5(reference), times5(current));
    expect(large.statistic).toBeCloseToRelative(0.00795454545454545, 1e-12);
    expect(large).toEqual(tvdPermutationTest(times5(reference), times5(current)));
    expect(large.pValue).toBe(0.147);
  });

  it('is reproducible for a seed and moves with another', () => {
    const first = tvdPermutationTest([30, 20, 10], [25, 20, 18], { seed: 1 });
    expect(tvdPermutationTest([30, 20, 10], [25, 20, 18], { seed: 1 })).toEqual(first);
    expect(tvdPermutationTest([30, 20, 10], [25, 20, 18], { seed: 2 }).pValue).not.toBe(first.pValue);
  });

  it('refuses bad iteration counts and fractional counts', () => {
    expect(() => tvdPermutationTest([1, 2], [2, 1], { iterations: 0 })).toThrow(
      /positive integer number of iterations/,
    );
    expect(() => tvdPermutationTest([1.5, 2], [2, 1])).toThrow(/integer counts/);
  });
});
