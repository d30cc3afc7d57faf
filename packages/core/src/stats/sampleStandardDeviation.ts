import { scaledRootMeanSquare, scaledSumOfSquaredDeviations } from './scaledSumOfSquaredDeviations.js';

/**
 * The sample standard deviation, with Bessel's correction (divides by n − 1), like Python's
 * `statistics.stdev`, which the legacy tool reported as `ref_std` / `cur_std`. The deviations are
 * scaled by a power of two before squaring, so any finite input gives a finite answer (values near
 * 1e300 included) unless the spread itself exceeds 1.8e308, where it is Infinity (and
 * `statistics.stdev` raises OverflowError).
 *
 * Definition: https://en.wikipedia.org/wiki/Standard_deviation#Corrected_sample_standard_deviation
 *
 * Cost: O(n).
 *
 * @param values - the numbers.
 * @param center - their mean, when the caller has it already (it must be `mean(values)`: the same
 *   result, one pass sooner; unlike Python's `stdev(data, xbar)`, which squares in floats).
 * @returns sqrt(Σ (x − mean)² / (n − 1)); **NaN when there is exactly one value** (the spread of one
 *   value is undefined; `statistics.stdev` raises there). Callers decide how to report that.
 * @throws Error when `values` is empty.
 * @example
 * sampleStandardDeviation([2, 4, 4, 4, 5, 5, 7, 9]) // => 2.138089935299395
 * sampleStandardDeviation([1e300, -1e300]) // => 1.4142135623730952e+300
 */
export function sampleStandardDeviation(values: ArrayLike<number>, center?: number): number {
  if (values.length === 0) {
    throw new Error(
      'sampleStandardDeviation requires at least one value: drop empty samples before calling it',
    );
  }
  if (values.length < 2) return Number.NaN;
  return scaledRootMeanSquare(scaledSumOfSquaredDeviations(values, center), values.length - 1);
}
