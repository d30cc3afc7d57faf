/**
 * Numbers typed by a person on a command line or in an environment variable: plain decimal notation
 * only, so that a value means one thing.
 *
 * Accepted: an optional sign (`-`, `+`), ASCII digits with an optional fraction (`5`, `0.05`, `.5`:
 * digits before the point may be left out, as Python's `float()`, which the legacy tools used, allows),
 * and an optional exponent (`1e-3`, `2.5E+4`).
 *
 * Refused: the empty string, white space anywhere (`" 5"`), a point with no digit after it (`5.`,
 * which looks cut short), `0x10`/`0o17`/`0b101` (JavaScript's `Number()` reads them as 16, 15 and 5),
 * `Infinity`, `NaN`, digit separators (`1_000`, `1,000`), non-ASCII digits (`١٢`), anything after the
 * number (`5s`, `0.1.2`), and values too large for a double (`1e999`). A value too small for a double
 * (`1e-400`) is 0, as in every decimal-to-double conversion; `-0` is 0.
 */
const DECIMAL_NUMBER = /^[+-]?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A whole number in decimal digits, nothing else (no sign, no point, no exponent). */
const DECIMAL_DIGITS = /^\d+$/;

/**
 * Reads a decimal number (see the grammar above): its value, or `undefined` when the text is not one.
 * O(n) in the length of the text.
 *
 * @example parseDecimalNumber('0.05') // => 0.05
 * @example parseDecimalNumber('1e-3') // => 0.001
 * @example parseDecimalNumber('.5') // => 0.5
 * @example parseDecimalNumber('0x10') // => undefined
 * @example parseDecimalNumber('') // => undefined
 */
export function parseDecimalNumber(text: string): number | undefined {
  if (!DECIMAL_NUMBER.test(text)) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) return undefined;
  return value === 0 ? 0 : value;
}

/**
 * Reads a whole number written in decimal digits only (`0`, `25`, `007`), up to
 * `Number.MAX_SAFE_INTEGER` (beyond it, a double cannot hold every whole number): its value, or
 * `undefined` otherwise. A sign, a point, an exponent or any other character is refused.
 *
 * @example parseDecimalInteger('25') // => 25
 * @example parseDecimalInteger('1e3') // => undefined
 * @example parseDecimalInteger('-1') // => undefined
 */
export function parseDecimalInteger(text: string): number | undefined {
  if (!DECIMAL_DIGITS.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}
