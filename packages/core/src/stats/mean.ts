/**
 * The arithmetic mean, summed with Neumaier's compensated summation.
 *
 * The legacy tool used Python's `statistics.mean`, which sums exactly (with fractions) and rounds once;
 * compensated summation carries the rounding error of every addition, so the result agrees with it to
 * within an ulp or two even when large and small values cancel, where a plain loop can lose every digit.
 *
 * Definition: https://en.wikipedia.org/wiki/Arithmetic_mean ;
 * summation: https://en.wikipedia.org/wiki/Kahan_summation_algorithm#Further_enhancements
 *
 * Cost: O(n).
 *
 * @param values - the numbers (any array-like of numbers; no NaN expected).
 * @returns Σ values / n.
 * @throws Error when `values` is empty: a mean needs at least one value.
 * @example
 * mean([1, 2, 3, 4]) // => 2.5
 * mean([1e16, 1, -1e16]) // => 0.3333333333333333 (a plain sum gives 0)
 */
export function mean(values: ArrayLike<number>): number {
  const count = values.length;
  if (count === 0) {
    throw new Error('mean requires at least one value: drop empty samples before calling it');
  }
  return compensatedSum(values) / count;
}

/** Neumaier's improved Kahan–Babuška sum. O(n). */
export function compensatedSum(values: ArrayLike<number>): number {
  let sum = 0;
  let compensation = 0;
  for (let index = 0; index < values.length; index++) {
    const value = values[index]!;
    const total = sum + value;
    if (Math.abs(sum) >= Math.abs(value)) {
      compensation += sum - total + value;
    } else {
      compensation += value - total + sum;
    }
    sum = total;
  }
  return sum + compensation;
}
