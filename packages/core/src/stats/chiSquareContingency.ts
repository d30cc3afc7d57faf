import { chiSquareSurvival } from './chiSquareSurvival.js';
import { countTotals } from './countTotals.js';

/** The result of `chiSquareContingency`. */
export interface ChiSquareContingencyResult {
  /** Pearson's chi-square statistic (with Yates' correction when dof = 1). */
  statistic: number;
  /** P(χ²_dof ≥ statistic); 1 when dof = 0. */
  pValue: number;
  /** Degrees of freedom, K − 1 for K categories. */
  dof: number;
}

/**
 * Pearson's chi-square test of independence on the 2×K table whose rows are the reference and current
 * counts, exactly as `scipy.stats.chi2_contingency([referenceCounts, currentCounts])` with its defaults:
 * expected counts from the margins, Yates' continuity correction only when dof = 1 (K = 2), each
 * observed count moved towards its expected count by min(0.5, |expected − observed|).
 * With one category (K = 1) the table has no freedom: scipy returns statistic 0, p-value 1, dof 0, and so does this.
 *
 * Callers never pass a category whose count is zero in both rows (its expected count would be 0 and
 * scipy raises there); this function throws in that case rather than divide by zero.
 *
 * Definition: https://docs.scipy.org/doc/scipy/reference/generated/scipy.stats.chi2_contingency.html
 *
 * Cost: O(K).
 *
 * @param referenceCounts - counts per category in the reference (non-negative).
 * @param currentCounts - counts per category in the current sample, same order and length.
 * @throws Error when the lengths differ, K = 0, a count is negative or not finite, a row sums to 0, or a
 *   column is zero in both rows.
 * @example
 * chiSquareContingency([10, 20, 30], [30, 20, 10])
 * // => { statistic: 20, pValue: 0.00004539992976248469, dof: 2 } (scipy: 20.0, 4.539992976248486e-05, 2)
 */
export function chiSquareContingency(
  referenceCounts: ArrayLike<number>,
  currentCounts: ArrayLike<number>,
): ChiSquareContingencyResult {
  const { referenceTotal, currentTotal } = countTotals(
    'chiSquareContingency',
    referenceCounts,
    currentCounts,
    ': drop empty samples first',
  );
  const categoryCount = referenceCounts.length;
  for (let index = 0; index < categoryCount; index++) {
    if (referenceCounts[index] === 0 && currentCounts[index] === 0) {
      throw new Error(
        `chiSquareContingency got category ${index} with no count in either sample: leave such categories out`,
      );
    }
  }
  const dof = categoryCount - 1;
  if (dof === 0) return { statistic: 0, pValue: 1, dof: 0 };
  const total = referenceTotal + currentTotal;
  let statistic = 0;
  for (const [counts, rowTotal] of [
    [referenceCounts, referenceTotal],
    [currentCounts, currentTotal],
  ] as const) {
    for (let index = 0; index < categoryCount; index++) {
      const columnTotal = referenceCounts[index]! + currentCounts[index]!;
      const expected = (rowTotal * columnTotal) / total;
      let observed = counts[index]!;
      if (dof === 1) {
        const difference = expected - observed;
        observed += Math.sign(difference) * Math.min(0.5, Math.abs(difference));
      }
      statistic += (observed - expected) ** 2 / expected;
    }
  }
  return { statistic, pValue: chiSquareSurvival(statistic, dof), dof };
}
