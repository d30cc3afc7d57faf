import { mean } from './mean.js';

/**
 * Σ (x − mean)², computed in two passes with compensated sums and the usual correction term
 * (Σ (x − mean))² / n, which removes the error left by rounding the mean.
 *
 * Definition: https://en.wikipedia.org/wiki/Algorithms_for_calculating_variance#Two-pass_algorithm
 *
 * Cost: O(n).
 *
 * @param values - the numbers.
 * @param center - their mean, when the caller has it already (it must be `mean(values)`, the correctly
 *   rounded one: the result is then the same, one pass sooner).
 * @throws Error when `values` is empty.
 * @example
 * sumOfSquaredDeviations([1, 2, 3, 4]) // => 5
 */
export function sumOfSquaredDeviations(values: ArrayLike<number>, center = mean(values)): number {
  let squares = 0;
  let squaresCompensation = 0;
  let deviations = 0;
  for (let index = 0; index < values.length; index++) {
    const deviation = values[index]! - center;
    deviations += deviation;
    const square = deviation * deviation;
    const total = squares + square;
    squaresCompensation += squares >= square ? squares - total + square : square - total + squares;
    squares = total;
  }
  const sum = squares + squaresCompensation - (deviations * deviations) / values.length;
  return Math.max(sum, 0);
}
