import { timesPowerOfTwo } from './floatingPoint.js';
import { mean } from './mean.js';
import { scaledSumOfSquaredDeviations } from './scaledSumOfSquaredDeviations.js';

/**
 * Σ (x − mean)², computed in two passes with compensated sums and the usual correction term
 * (Σ (x − mean))² / n, which removes the error left by rounding the mean; the deviations are scaled by
 * a power of two before squaring (`scaledSumOfSquaredDeviations`), so the result is Infinity only
 * when the true sum exceeds 1.8e308, never NaN.
 *
 * Definition: https://en.wikipedia.org/wiki/Algorithms_for_calculating_variance#Two-pass_algorithm
 *
 * Cost: O(n).
 *
 * @param values - finite numbers.
 * @param center - their mean, when the caller has it already (it must be `mean(values)`, the correctly
 *   rounded one: the result is then the same, one pass sooner).
 * @throws Error when `values` is empty.
 * @example
 * sumOfSquaredDeviations([1, 2, 3, 4]) // => 5
 */
export function sumOfSquaredDeviations(values: ArrayLike<number>, center = mean(values)): number {
  const { sum, exponent } = scaledSumOfSquaredDeviations(values, center);
  return timesPowerOfTwo(sum, 2 * exponent);
}
