/**
 * Bonferroni-adjusted p-values: each p multiplied by the number of tests m, capped at 1. Controls the
 * family-wise error rate.
 *
 * Definition: https://en.wikipedia.org/wiki/Bonferroni_correction
 *
 * Cost: O(m).
 *
 * @param pValues - the p-values of the m tests, each in [0, 1].
 * @returns the adjusted p-values, in the same order.
 * @throws Error when a p-value is outside [0, 1] or NaN.
 * @example
 * bonferroni([0.01, 0.04, 0.5]) // => [0.03, 0.12, 1]
 */
export function bonferroni(pValues: readonly number[]): number[] {
  const count = pValues.length;
  return pValues.map((pValue) => {
    if (!(pValue >= 0 && pValue <= 1)) {
      throw new Error(`bonferroni needs p-values in [0, 1], got ${pValue}`);
    }
    return Math.min(1, pValue * count);
  });
}
