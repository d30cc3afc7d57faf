import { scaledRootMeanSquare, scaledSumOfSquaredDeviations } from './scaledSumOfSquaredDeviations.js';

/**
 * The population standard deviation (divides by n), numpy's `np.std(values)` (ddof 0). The deviations
 * are scaled by a power of two before squaring, so it stays finite for any finite input (numpy's
 * overflows from about 1e154).
 *
 * Definition: https://en.wikipedia.org/wiki/Standard_deviation#Population_standard_deviation
 *
 * Cost: O(n).
 *
 * @param values - the numbers.
 * @returns sqrt(Σ (x − mean)² / n); 0 for a single value.
 * @throws Error when `values` is empty.
 * @example
 * populationStandardDeviation([2, 4, 4, 4, 5, 5, 7, 9]) // => 2
 */
export function populationStandardDeviation(values: ArrayLike<number>): number {
  if (values.length === 0) {
    throw new Error(
      'populationStandardDeviation requires at least one value: drop empty samples before calling it',
    );
  }
  return scaledRootMeanSquare(scaledSumOfSquaredDeviations(values), values.length);
}
