import { exactMean } from './exactMean.js';
import { nextDown, nextUp, twoProduct } from './floatingPoint.js';

/**
 * The arithmetic mean, correctly rounded: the exact mean of the given doubles rounded once to the
 * nearest double, exactly what Python's `statistics.mean` returns (it sums with fractions).
 *
 * This matters for legacy parity: `ref_mean` is reported rounded to 4 decimals, and the mean of data
 * with a few decimals often lies next to a decimal tie (the mean of 0.0001 and 0.0002 is "0.00015"),
 * where an answer one ulp off could round the other way (a plain compensated sum divided by n is one ulp
 * off statistics.mean in 18% of the fixture samples).
 *
 * Fast path: one pass of Neumaier's compensated summation gives the sum as an unevaluated pair
 * s + c with an error below n·2⁻¹⁰⁴·Σ|x|; the quotient q is refined once with the residual s + c − n·q
 * (n·q formed exactly with Dekker's product), and accepted when the residual, with its error bound,
 * is clearly inside half an ulp of q: then q is provably the correctly rounded mean. Otherwise (the mean
 * within ~1e-30 relative of a rounding boundary, or heavy cancellation) the exact sum is built as
 * Shewchuk partials (`exactPartials`) and q is corrected by exact residual signs, ties to even.
 *
 * Definition: https://docs.python.org/3/library/statistics.html#statistics.mean
 *
 * Cost: O(n); the rare exact fallback is O(n · p), p the number of partials of the exact sum (a
 * handful for real data). Measured times: docs/drift-detector.md, "Inner costs".
 *
 * @param values - finite numbers (no NaN or ±Infinity). Data whose absolute sum passes 2^995 (sums
 *   past ±1.8e308 included) is scaled by a power of two first (`statistics.mean([1e308, 1e308])` is
 *   1e308, and so is this).
 * @returns Σ values / n, correctly rounded.
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
  let sum = 0;
  let compensation = 0;
  let absoluteSum = 0;
  for (let index = 0; index < count; index++) {
    const value = values[index]!;
    const total = sum + value;
    compensation += Math.abs(sum) >= Math.abs(value) ? sum - total + value : value - total + sum;
    sum = total;
    absoluteSum += Math.abs(value);
  }
  if (count === 1) return sum;
  // Dekker's product (twoProduct) splits n·q with a factor 2^27 + 1, which overflows for |q| ≳ 2^996:
  // scale larger data down first.
  if (!(absoluteSum <= LARGEST_UNSCALED)) return scaledMean(values);
  const certified = certifiedQuotient(sum, compensation, absoluteSum, count);
  if (certified !== undefined) return certified;
  return exactMean(values);
}

const LARGEST_UNSCALED = 2 ** 995;

/**
 * The mean of values whose absolute sum passes 2^995 (1e299; up to n · 1.8e308): the mean of the
 * values times 2^-k, 2^k ≥ n · 2^30 (so that every sum stays below 2^995), times 2^k. Exact except for
 * values below 2^(k − 1022), whose last bits the scaling drops: far below the rounding of a mean of
 * data this large, unless huge values cancel to a mean that small.
 */
function scaledMean(values: ArrayLike<number>): number {
  const exponent = Math.ceil(Math.log2(values.length)) + 30;
  const factor = 2 ** -exponent;
  const scaled = new Float64Array(values.length);
  for (let index = 0; index < values.length; index++) {
    const value = values[index]!;
    // ±Infinity or NaN (outside the contract): what the exact path makes of them, as before.
    if (!Number.isFinite(value)) return exactMean(values);
    scaled[index] = value * factor;
  }
  return mean(scaled) * 2 ** exponent;
}

/**
 * q = (sum + compensation) / n refined once, returned only when provably correctly rounded:
 * |residual| plus its error bound below half the gap to the neighbour on the residual's side.
 */
function certifiedQuotient(
  sum: number,
  compensation: number,
  absoluteSum: number,
  count: number,
): number | undefined {
  let quotient = (sum + compensation) / count;
  let [productHigh, productLow] = twoProduct(count, quotient);
  let residualValue = sum - productHigh + (compensation - productLow);
  quotient += residualValue / count;
  [productHigh, productLow] = twoProduct(count, quotient);
  const difference = sum - productHigh;
  residualValue = difference + (compensation - productLow);
  // Error of the compensated sum, plus the rounding of the three operations that formed the residual.
  const bound =
    count * absoluteSum * 2 ** -104 +
    2 ** -52 *
      (Math.abs(difference) + Math.abs(compensation) + Math.abs(productLow) + Math.abs(residualValue)) +
    Number.MIN_VALUE;
  const gap = residualValue >= 0 ? nextUp(quotient) - quotient : quotient - nextDown(quotient);
  const halfGap = (count * gap) / 2;
  if (!Number.isFinite(quotient) || !Number.isFinite(halfGap)) return undefined;
  return Math.abs(residualValue) + bound < halfGap ? quotient : undefined;
}
