import { assertSortedSample } from './assertSortedSample.js';
import { cdfGapIntegral } from './cdfGapIntegral.js';

/**
 * The first Wasserstein (earth mover's) distance between the two empirical distributions,
 * `scipy.stats.wasserstein_distance(reference, current)`: ∫ |F_ref(x) − F_cur(x)| dx, summed over the
 * gaps between consecutive values of both samples together (with compensated summation).
 *
 * Definition: https://en.wikipedia.org/wiki/Wasserstein_metric
 *
 * Cost: O(n₁ + n₂), one merge of the sorted samples.
 *
 * @param sortedReference - reference sample sorted ascending, no NaN.
 * @param sortedCurrent - current sample sorted ascending, no NaN.
 * @returns the distance, ≥ 0, in the unit of the values; finite for finite samples unless the distance
 *   itself exceeds 1.8e308 (then Infinity, never NaN).
 * @throws Error when a sample is empty.
 * @example
 * wassersteinDistance(new Float64Array([0, 1, 3]), new Float64Array([5, 6, 8])) // => 5
 */
export function wassersteinDistance(sortedReference: Float64Array, sortedCurrent: Float64Array): number {
  assertSortedSample('wassersteinDistance', 'sortedReference', sortedReference);
  assertSortedSample('wassersteinDistance', 'sortedCurrent', sortedCurrent);
  return cdfGapIntegral(sortedReference, sortedCurrent, 1);
}
