/**
 * Python's `float()` and `str.strip()` rules, which decide what the legacy drift detector called a
 * number and a blank cell. Matching them exactly keeps the type inference (> 80% numeric) identical.
 */

/** Python's white space, as a character class body: `str.isspace()` is true for exactly these. */
const PYTHON_SPACE = String.raw`\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000`;
/**
 * What `float()` ignores around a number: ASCII white space (not \x1c–\x1f, which `str.strip()`
 * does remove) and the non-ASCII Unicode white space.
 */
const FLOAT_SPACE = String.raw`\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000`;
const IS_PYTHON_SPACE = new RegExp(`^[${PYTHON_SPACE}]$`);
const IS_FLOAT_SPACE = new RegExp(`^[${FLOAT_SPACE}]$`);

/**
 * Removes the characters matching `isSpace` (a one-character test) at both ends. A loop, not
 * /^[…]+|[…]+$/: that expression backtracks over every inner run of spaces, O(n²) on a long one.
 */
function stripEnds(text: string, isSpace: RegExp): string {
  let start = 0;
  let end = text.length;
  while (start < end && isSpace.test(text.charAt(start))) start += 1;
  while (end > start && isSpace.test(text.charAt(end - 1))) end -= 1;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** Digits, optionally separated by single underscores (PEP 515). */
const DIGITS = String.raw`\d(?:_?\d)*`;
const DECIMAL = new RegExp(
  String.raw`^[+-]?(?:${DIGITS}(?:\.(?:${DIGITS})?)?|\.${DIGITS})(?:[eE][+-]?${DIGITS})?$`,
);
const SPECIAL = /^([+-]?)(inf|infinity|nan)$/i;
const NON_ASCII = /[^ -~\t\n\v\f\r]/;
const UNICODE_DIGIT = /\p{Nd}/u;

/** `str.strip()`: removes Python white space at both ends. */
export function pythonStrip(text: string): string {
  if (text.length === 0) return text;
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  if (first > 32 && first < 127 && last > 32 && last < 127) return text;
  return stripEnds(text, IS_PYTHON_SPACE);
}

/**
 * True when a cell is blank the way the legacy tool saw it: empty after `str.strip()`.
 *
 * @example isBlankCell(' \t') // => true
 */
export function isBlankCell(text: string): boolean {
  if (text.length === 0) return true;
  const first = text.charCodeAt(0);
  if (first > 32 && first < 127) return false;
  return pythonStrip(text).length === 0;
}

/** The value 0–9 of a Unicode decimal digit (category Nd): digits come in runs of ten from zero. */
function digitValue(codePoint: number): number {
  let start = codePoint;
  while (UNICODE_DIGIT.test(String.fromCodePoint(start - 1))) start -= 1;
  return (codePoint - start) % 10;
}

/** Replaces every Unicode decimal digit with its ASCII digit, as `float()` does before parsing. */
function asciiDigits(text: string): string | undefined {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) out += char;
    else if (UNICODE_DIGIT.test(char)) out += String(digitValue(code));
    else return undefined;
  }
  return out;
}

/**
 * Parses text exactly as Python's `float(text)` would, or returns `undefined` where `float()` raises
 * `ValueError`. Accepts surrounding white space, a sign, `1e5`, `.5`, `5.`, underscores between
 * digits (`1_000`), any Unicode decimal digits, and `inf`/`infinity`/`nan` in any case (returned as
 * ±Infinity and NaN). Out-of-range exponents give ±Infinity or 0, like Python.
 *
 * Cost: O(length of text).
 *
 * @example parsePythonFloat(' 1_000.5 ') // => 1000.5
 * @example parsePythonFloat('0x10') // => undefined
 */
export function parsePythonFloat(text: string): number | undefined {
  // Fast path: nearly every numeric cell is plain ASCII with nothing around it.
  if (DECIMAL.test(text)) return toNumber(text);
  let body = stripEnds(text, IS_FLOAT_SPACE);
  if (NON_ASCII.test(body)) {
    const ascii = asciiDigits(body);
    if (ascii === undefined) return undefined;
    body = ascii;
  }
  if (DECIMAL.test(body)) return toNumber(body);
  const special = SPECIAL.exec(body);
  if (special === null) return undefined;
  if (special[2]!.toLowerCase() === 'nan') return Number.NaN;
  return special[1] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
}

function toNumber(decimal: string): number {
  return Number(decimal.includes('_') ? decimal.replaceAll('_', '') : decimal);
}
