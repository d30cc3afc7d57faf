/**
 * Small exact floating-point tools shared by `mean`, `smirnovSurvival` and the standard deviations.
 */

/** Dekker's exact product: high + low = a·b exactly (no overflow assumed). */
export function twoProduct(a: number, b: number): [number, number] {
  const high = a * b;
  const [aHigh, aLow] = split(a);
  const [bHigh, bLow] = split(b);
  return [high, aHigh * bHigh - high + aHigh * bLow + aLow * bHigh + aLow * bLow];
}

/** Veltkamp split of a double into two 26-bit halves. */
function split(value: number): [number, number] {
  const factor = 134217729 * value; // 2^27 + 1
  const high = factor - (factor - value);
  return [high, value - high];
}

const bits = new Float64Array(1);
const words = new BigInt64Array(bits.buffer);

/** The next double above `value`. */
export function nextUp(value: number): number {
  if (value === 0) return Number.MIN_VALUE;
  bits[0] = value;
  words[0] = value > 0 ? words[0]! + 1n : words[0]! - 1n;
  return bits[0]!;
}

/** The next double below `value`. */
export function nextDown(value: number): number {
  return -nextUp(-value);
}

/** True when the last bit of the significand is 0 (ties-to-even picks such a value). */
export function isEvenMantissa(value: number): boolean {
  bits[0] = value;
  return (words[0]! & 1n) === 0n;
}

/**
 * value · 2^exponent, rounded once, for any integer exponent: a power of two from 2^-1074 to 2^1023
 * is a double; beyond, the product is formed in two steps whose first is exact (it keeps the value
 * normal), so an over- or underflowing result comes out as ±Infinity or 0 and anything else exact.
 */
export function timesPowerOfTwo(value: number, exponent: number): number {
  if (exponent >= -1074 && exponent <= 1023) return value * 2 ** exponent;
  if (exponent > 1023) return value * 2 ** 1023 * 2 ** Math.min(exponent - 1023, 1023);
  return value * 2 ** Math.max(exponent + 1074, -1074) * 2 ** -1074;
}
