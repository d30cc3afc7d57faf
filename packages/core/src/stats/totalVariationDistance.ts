import { countTotals } from './countTotals.js';
/**
 * The total variation distance between two samples' category distributions,
 * ½ Σ |reference_k / n_reference − current_k / n_current|, in [0, 1]: the largest difference in the
 * probability the two samples give to any set of categories.
 *
 * Definition: https://en.wikipedia.org/wiki/Total_variation_distance_of_probability_measures (as
 * Evidently 0.7.21 `tvd_stattest.py`, `_total_variation_distance`).
 *
 * Cost: O(K) for K categories.
 *
 * @param referenceCounts - counts per category in the reference.
 * @param currentCounts - counts per category in the current sample, same order and length.
 * @throws Error when the lengths differ or are 0, a count is negative or not finite, or a sample is empty.
 * @example
 * totalVariationDistance([1, 2, 3], [5, 8, 3]) // => 0.3125
 */
export function totalVariationDistance(
  referenceCounts: ArrayLike<number>,
  currentCounts: ArrayLike<number>,
): number {
  const { referenceTotal, currentTotal } = countTotals(
    'totalVariationDistance',
    referenceCounts,
    currentCounts,
  );
  const categoryCount = referenceCounts.length;
  let sum = 0;
  for (let index = 0; index < categoryCount; index++) {
    sum += Math.abs(referenceCounts[index]! / referenceTotal - currentCounts[index]! / currentTotal);
  }
  return 0.5 * sum;
}
