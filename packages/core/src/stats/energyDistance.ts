import { assertSortedSample } from './assertSortedSample.js';
import { cdfGapIntegral } from './cdfGapIntegral.js';

/**
 * The energy distance between the two empirical distributions, `scipy.stats.energy_distance(reference,
 * current)`: √2 · √(∫ (F_ref(x) − F_cur(x))² dx), summed over the gaps between consecutive values of
 * both samples together (with compensated summation). Unnormalised, in the unit of the values, as
 * Evidently's `ed` test uses it.
 *
 * Definition: https://en.wikipedia.org/wiki/Energy_distance (scipy's form through the CDFs).
 *
 * Cost: O(n₁ + n₂), one merge of the sorted samples.
 *
 * @param sortedReference - reference sample sorted ascending, no NaN.
 * @param sortedCurrent - current sample sorted ascending, no NaN.
 * @throws Error when a sample is empty or not a sorted sample without NaN at its ends.
 * @example
 * energyDistance(new Float64Array([0, 1, 3]), new Float64Array([5, 6, 8])) // => 2.7080128015453204 (scipy: 2.7080128015453204)
 */
export function energyDistance(sortedReference: Float64Array, sortedCurrent: Float64Array): number {
  assertSortedSample('energyDistance', 'sortedReference', sortedReference);
  assertSortedSample('energyDistance', 'sortedCurrent', sortedCurrent);
  return Math.SQRT2 * Math.sqrt(cdfGapIntegral(sortedReference, sortedCurrent, 2));
}
