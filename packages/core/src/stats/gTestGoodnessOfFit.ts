import { assertFrequencies } from './assertFrequencies.js';
import { type GoodnessOfFitResult, goodnessOfFitResult } from './chiSquareGoodnessOfFit.js';

/**
 * The G-test (log-likelihood ratio) goodness-of-fit test,
 * `scipy.stats.power_divergence(observed, expected, lambda_="log-likelihood")`:
 * G = 2 Σ observed · ln(observed / expected) (a term is 0 when observed is 0), p-value from χ² with
 * K − 1 degrees of freedom.
 *
 * Evidently's `g_test` passes the reference's raw counts as the expected frequencies. scipy 1.17
 * (the check on the totals arrived in 1.7, scipy pull request 13193) refuses expected frequencies whose total differs from the observed total (relative 1.5e-8), so
 * Evidently's call fails whenever the samples differ in size; the drift method scales the reference
 * counts to the current total first (`scaledReferenceCounts`), as Evidently's `chisquare` does. With
 * equal totals both give the same numbers (`gTestGoodnessOfFit.test.ts` shows both cases).
 *
 * Expected 0 with observations gives G = ∞ and p = 0; one category gives p = 1 (scipy: NaN).
 *
 * Definition: https://en.wikipedia.org/wiki/G-test
 *
 * Cost: O(K).
 *
 * @throws Error when the lists differ in length or are empty, a frequency is negative or not finite, a
 *   category is 0 in both, or the totals differ by more than scipy's relative 1.5e-8.
 * @example
 * gTestGoodnessOfFit([4, 6, 8], [5, 5, 8])
 * // => { statistic: 0.40271027101377754, pValue: 0.8176220133798446, dof: 2 } (scipy: 0.40271027101377754, 0.817622013379844)
 */
export function gTestGoodnessOfFit(
  observed: ArrayLike<number>,
  expected: ArrayLike<number>,
): GoodnessOfFitResult {
  assertFrequencies('gTestGoodnessOfFit', observed, expected);
  const dof = observed.length - 1;
  let statistic = 0;
  for (let index = 0; index < observed.length; index++) {
    const seen = observed[index]!;
    if (seen > 0) statistic += 2 * (seen * Math.log(seen / expected[index]!));
  }
  return goodnessOfFitResult(statistic, dof);
}
