import { timesPowerOfTwo } from './floatingPoint.js';
import { mean } from './mean.js';

/** Σ (x − mean)² = sum · 4^exponent: the sum kept at a scale where no square overflows or vanishes. */
export interface ScaledSquares {
  readonly sum: number;
  readonly exponent: number;
}

/**
 * Σ (x − mean)², as a scaled pair `sum · 4^exponent` so that it stays finite and exact-ish for any
 * finite input: every deviation is multiplied by a power of two 2^-exponent that brings the largest one
 * into [1, 2) before squaring (deviations near 1e154 would overflow when squared, near 1e-162 vanish).
 * Then two passes with compensated sums and the usual correction term (Σ (x − mean))² / n, which
 * removes the error left by rounding the mean.
 *
 * Scaling by a power of two is exact and commutes with every rounding in between (barring overflow and
 * underflow, which it exists to avoid), and √(s · 4^e) = √s · 2^e exactly, so a standard deviation
 * computed from the scaled sum is bit for bit the one the unscaled formula gives wherever that one
 * neither overflows nor underflows. When x − mean itself overflows (values of opposite signs near
 * ±1.8e308), the values are halved before subtracting.
 *
 * Definition: https://en.wikipedia.org/wiki/Algorithms_for_calculating_variance#Two-pass_algorithm
 *
 * Cost: O(n), three passes (mean, largest deviation, squares).
 *
 * @param values - finite numbers, at least one.
 * @param center - their mean, when the caller has it already (it must be `mean(values)`, the correctly
 *   rounded one: the result is then the same, one pass sooner).
 * @throws Error when `values` is empty.
 * @example
 * scaledSumOfSquaredDeviations([1, 2, 3, 4]) // => { sum: 5, exponent: 0 }
 * scaledSumOfSquaredDeviations([-1e300, 1e300]) // => { sum: 4.4594226259032155, exponent: 996 } (2e600 = 4.459… · 4^996)
 */
export function scaledSumOfSquaredDeviations(
  values: ArrayLike<number>,
  center = mean(values),
): ScaledSquares {
  const count = values.length;
  let largest = 0;
  for (let index = 0; index < count; index++) {
    const deviation = Math.abs(values[index]! - center);
    if (deviation > largest) largest = deviation;
  }
  if (largest === 0) return { sum: 0, exponent: 0 };
  // x − center overflowed: subtract halves instead (|x/2 − center/2| < 1.8e308).
  const halve = !Number.isFinite(largest);
  const before = halve ? 0.5 : 1;
  const shifted = center * before;
  if (halve) {
    largest = 0;
    for (let index = 0; index < count; index++) {
      const deviation = Math.abs(values[index]! * before - shifted);
      if (deviation > largest) largest = deviation;
    }
  }
  // 2^-exponent brings the largest deviation to about [1, 2); clamped so that the factor is a double
  // (deviations below 2^-1000 then scale to at least 2^-74, whose squares are still normal).
  const exponent = Math.min(Math.max(Math.floor(Math.log2(largest)), -1000), 1023);
  const factor = 2 ** -exponent;
  let squares = 0;
  let squaresCompensation = 0;
  let deviations = 0;
  for (let index = 0; index < count; index++) {
    const deviation = (values[index]! * before - shifted) * factor;
    deviations += deviation;
    const square = deviation * deviation;
    const total = squares + square;
    squaresCompensation += squares >= square ? squares - total + square : square - total + squares;
    squares = total;
  }
  const sum = squares + squaresCompensation - (deviations * deviations) / count;
  return { sum: Math.max(sum, 0), exponent: halve ? exponent + 1 : exponent };
}

/** √(scaled.sum / divisor) · 2^exponent: a standard deviation from the scaled sum of squares. */
export function scaledRootMeanSquare(scaled: ScaledSquares, divisor: number): number {
  return timesPowerOfTwo(Math.sqrt(scaled.sum / divisor), scaled.exponent);
}
