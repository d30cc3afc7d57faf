/**
 * Rounds a number to a number of decimals exactly like Python's `round(value, decimals)`.
 *
 * Python rounds the exact binary value of the double, so `round(2.675, 2)` is `2.67` (the double
 * is 2.67499999…), and only exact binary ties go to the even last digit: `round(0.03125, 4)` is
 * `0.0312` while `round(0.03135, 4)` is `0.0314` (that double is slightly above the tie). JavaScript's
 * `toFixed` also rounds the exact binary value but sends ties away from zero, so this takes its result
 * and corrects the exact ties, which it detects as `|value| · 2 · 10^decimals` being an odd integer
 * (checked on the exact decimal expansion).
 *
 * Definition: https://docs.python.org/3/library/functions.html#round
 *
 * Cost: O(1).
 *
 * @param value - the number to round; NaN and ±Infinity are returned unchanged.
 * @param decimals - digits after the point, an integer from 0 to 20 (default 4, the legacy reports' precision).
 * @returns the double nearest to the rounded decimal (the sign of a zero result follows `value`, as in Python).
 * @throws Error when `decimals` is not an integer in 0…20.
 * @example
 * roundHalfEven(0.03125) // => 0.0312
 * roundHalfEven(2.675, 2) // => 2.67
 * roundHalfEven(-1.00005) // => -1.0001 (the double is slightly beyond the tie)
 */
export function roundHalfEven(value: number, decimals = 4): number {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 20) {
    throw new Error(`roundHalfEven needs decimals to be an integer from 0 to 20, got ${decimals}`);
  }
  if (!Number.isFinite(value)) return value;
  const magnitude = Math.abs(value);
  // Doubles of 2^52 and more are integers already.
  if (magnitude >= 2 ** 52) return value;
  let text = magnitude.toFixed(decimals);
  const doubled = magnitude * 2 * 10 ** decimals;
  // A tie needs the exact product to be an odd integer; the floating product is then exact too,
  // so this filter never misses a tie, and the exact expansion confirms it.
  if (Number.isInteger(doubled) && doubled % 2 === 1 && isExactTie(magnitude, decimals)) {
    text = roundTieToEven(magnitude, decimals);
  }
  const rounded = Number(text);
  return value < 0 || Object.is(value, -0) ? -rounded : rounded;
}

/** True when the exact decimal expansion of `magnitude` ends with a 5 just after `decimals` places. */
function isExactTie(magnitude: number, decimals: number): boolean {
  // A tie's expansion ends after `decimals + 1` digits, so 100 digits show all of it; and no other
  // double lies within 10^-100 of a tie (their spacing there is above 10^-37), so zeros up to the
  // 100th digit after the 5 prove the tie.
  const expansion = magnitude.toFixed(100);
  const point = expansion.indexOf('.');
  const digits = expansion.slice(point + 1);
  return digits[decimals] === '5' && /^0*$/.test(digits.slice(decimals + 1));
}

/** The tie rounded to the even neighbour: truncate, then add one unit in the last place when that is odd. */
function roundTieToEven(magnitude: number, decimals: number): string {
  const expansion = magnitude.toFixed(100);
  const point = expansion.indexOf('.');
  const integerPart = expansion.slice(0, point);
  const kept = `${integerPart}${expansion.slice(point + 1, point + 1 + decimals)}`;
  const lastDigit = Number(kept[kept.length - 1]);
  let scaled = BigInt(kept);
  if (lastDigit % 2 === 1) scaled += 1n;
  const digits = scaled.toString().padStart(decimals + 1, '0');
  if (decimals === 0) return digits;
  return `${digits.slice(0, digits.length - decimals)}.${digits.slice(digits.length - decimals)}`;
}
