/**
 * Exact sums of doubles from mergeable integer aggregates. A finite double is ±M · 2^(e − 52) with an
 * integer mantissa M < 2^53 and an exponent e ≥ −1022 (subnormals take e = −1022). Summing M per
 * exponent in 128-bit integers (and the squares of M split in two halves, so that no product passes
 * 2^54) is exact and mergeable: any engine can add the per-partition sums, and the exact Σx and Σx²
 * follow here with BigInt. The mean is then the correctly rounded one (as `mean` gives), and the
 * standard deviation is known to a few ulps: enough to tell its 4-decimal rounding whenever it is not
 * within 2^-40 of a rounding boundary (see {@link certifiedRound}).
 */

/** Per (exponent) sums of one sample's values, as an engine returns them. */
export interface ExponentSums {
  /** e: the value is ±M · 2^(e − 52), 2^52 ≤ M < 2^53 for normal values. */
  readonly exponent: number;
  /** Σ ±M. */
  readonly mantissaSum: bigint;
  /** Σ high², Σ high·low, Σ low² for M = high · 2^26 + low. */
  readonly highSquares: bigint;
  readonly crossProducts: bigint;
  readonly lowSquares: bigint;
}

/** Exact Σx and Σx² of a sample, scaled: Σx = first / 2^1074, Σx² = second / 2^2148. */
export interface ExactMoments {
  readonly count: number;
  readonly sum: bigint;
  readonly squares: bigint;
}

const SUM_SCALE = 1074n;

/** Adds up the per-exponent sums of a sample of `count` values into exact moments. */
export function exactMoments(count: number, groups: readonly ExponentSums[]): ExactMoments {
  let sum = 0n;
  let squares = 0n;
  for (const group of groups) {
    const shift = BigInt(group.exponent + 1022);
    sum += group.mantissaSum << shift;
    const mantissaSquares = (group.highSquares << 52n) + (group.crossProducts << 27n) + group.lowSquares;
    squares += mantissaSquares << (2n * shift);
  }
  return { count, sum, squares };
}

function bitLength(value: bigint): number {
  return value === 0n ? 0 : value.toString(2).length;
}

/**
 * numerator / denominator (denominator > 0) rounded to the nearest double, ties to even, subnormals
 * and overflow included.
 *
 * @example ratioToDouble(1n, 3n) // => 0.3333333333333333
 * @example ratioToDouble(-1n, 10n) // => -0.1
 */
export function ratioToDouble(numerator: bigint, denominator: bigint): number {
  if (numerator === 0n) return 0;
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const scaled = (exponent: number): [bigint, bigint] =>
    exponent >= 0
      ? [magnitude, denominator << BigInt(exponent)]
      : [magnitude << BigInt(-exponent), denominator];
  // 2^52 ≤ magnitude / (denominator · 2^exponent) < 2^53, then at least 2^-1074.
  let exponent = bitLength(magnitude) - bitLength(denominator) - 53;
  for (;;) {
    const [top, bottom] = scaled(exponent);
    if (top < bottom << 52n) exponent -= 1;
    else if (top >= bottom << 53n) exponent += 1;
    else break;
  }
  if (exponent < -1074) exponent = -1074;
  const [top, bottom] = scaled(exponent);
  let quotient = top / bottom;
  const twiceRemainder = (top % bottom) * 2n;
  if (twiceRemainder > bottom || (twiceRemainder === bottom && (quotient & 1n) === 1n)) quotient += 1n;
  // quotient ≤ 2^53 and 2^exponent ≥ 2^-1074: the product is exact unless it overflows.
  const value =
    exponent > 971 ? Number(quotient) * 2 ** 971 * 2 ** (exponent - 971) : Number(quotient) * 2 ** exponent;
  return negative ? -value : value;
}

/** The mean, correctly rounded (what `mean` returns for the same values). */
export function exactMomentsMean(moments: ExactMoments): number {
  return ratioToDouble(moments.sum, BigInt(moments.count) << SUM_SCALE) + 0;
}

/**
 * The sample standard deviation (n − 1), to within a few ulps (exact sum of squared deviations, then
 * one rounding and a square root); NaN with fewer than 2 values.
 */
export function approximateStd(moments: ExactMoments): number {
  const count = BigInt(moments.count);
  if (moments.count < 2) return Number.NaN;
  // n · Σ(x − mean)² = n · Σx² − (Σx)², exact, at scale 2^2148.
  const numerator = count * moments.squares - moments.sum * moments.sum;
  if (numerator <= 0n) return 0;
  const denominator = (count * (count - 1n)) << (2n * SUM_SCALE);
  // Scale by 4^k so that the variance stays in range; √(v · 4^k) = √v · 2^k.
  const half = Math.floor((bitLength(numerator) - bitLength(denominator)) / 2);
  const variance =
    half >= 0
      ? ratioToDouble(numerator, denominator << BigInt(2 * half))
      : ratioToDouble(numerator << BigInt(-2 * half), denominator);
  return Math.sqrt(variance) * 2 ** Math.max(half, -1022) * 2 ** (half - Math.max(half, -1022));
}

/** How far (relative) a standard deviation computed from the values may lie from {@link approximateStd}'s. */
export const STD_MARGIN = 2 ** -40;

/**
 * `round(value)` when every number within `margin` (relative) of `value` rounds to the same result,
 * else undefined: the caller then computes the value the way the reference does.
 *
 * @example certifiedRound(0.12344, (x) => Math.round(x * 1e4) / 1e4, 2 ** -40) // => 0.1234
 */
export function certifiedRound(
  value: number,
  round: (value: number) => number,
  margin: number,
): number | undefined {
  const low = value * (1 - margin);
  const high = value * (1 + margin);
  if (!Number.isFinite(high)) return undefined;
  const rounded = round(low);
  return rounded === round(high) ? rounded : undefined;
}
