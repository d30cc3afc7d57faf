import { assertFrequencies } from './assertFrequencies.js';
import { chiSquareSurvival } from './chiSquareSurvival.js';

/** The result of `chiSquareGoodnessOfFit` and `gTestGoodnessOfFit`. */
export interface GoodnessOfFitResult {
  /** The test statistic; Infinity when a category has observations but no expected frequency. */
  statistic: number;
  /** P(χ²_{K−1} ≥ statistic); 1 when K = 1 (scipy: NaN); 0 when the statistic is infinite. */
  pValue: number;
  /** Degrees of freedom, K − 1. */
  dof: number;
}

/**
 * Pearson's chi-square goodness-of-fit test, `scipy.stats.chisquare(observed, expected)`:
 * Σ (observed − expected)² / expected over the K categories, p-value from χ² with K − 1 degrees of
 * freedom. Evidently's `chisquare` drift test is this with the current counts observed and the
 * reference counts scaled to the current total expected (`scaledReferenceCounts`).
 *
 * A category with expected frequency 0 and observations (new in the current sample) makes the
 * statistic infinite and the p-value 0, as scipy. With one category scipy gives p = NaN (0 degrees of
 * freedom); this gives 1: the samples cannot differ.
 *
 * Definition: https://en.wikipedia.org/wiki/Pearson%27s_chi-squared_test
 *
 * Cost: O(K).
 *
 * @throws Error when the lists differ in length or are empty, a frequency is negative or not finite, a
 *   category is 0 in both, or the totals differ by more than scipy's relative 1.5e-8.
 * @example
 * chiSquareGoodnessOfFit([5, 8, 3], [16 / 6, 32 / 6, 8])
 * // => { statistic: 6.500000000000001, pValue: 0.038774207831721856, dof: 2 } (scipy: 6.500000000000001, 0.03877420783172198)
 */
export function chiSquareGoodnessOfFit(
  observed: ArrayLike<number>,
  expected: ArrayLike<number>,
): GoodnessOfFitResult {
  assertFrequencies('chiSquareGoodnessOfFit', observed, expected);
  const dof = observed.length - 1;
  let statistic = 0;
  for (let index = 0; index < observed.length; index++) {
    const wanted = expected[index]!;
    statistic += wanted === 0 ? Number.POSITIVE_INFINITY : (observed[index]! - wanted) ** 2 / wanted;
  }
  return goodnessOfFitResult(statistic, dof);
}

/**
 * A goodness-of-fit statistic with its chi-square tail on `dof` degrees of freedom (p = 0 for an
 * infinite statistic; p = 1 with one category, where scipy gives NaN), as chiSquareGoodnessOfFit and
 * gTestGoodnessOfFit report it.
 *
 * @example goodnessOfFitResult(2, 0) // => { statistic: 2, pValue: 1, dof: 0 }
 */
export function goodnessOfFitResult(statistic: number, dof: number): GoodnessOfFitResult {
  if (dof === 0) return { statistic, pValue: 1, dof };
  return {
    statistic,
    pValue: statistic === Number.POSITIVE_INFINITY ? 0 : chiSquareSurvival(statistic, dof),
    dof,
  };
}
