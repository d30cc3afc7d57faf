/** A number literal in a JSON text that a double cannot hold. */
export interface JsonNumberOutOfRange {
  /** The literal as written (cut to 40 characters, with `…`, when longer). */
  literal: string;
  /**
   * `too-large`: its magnitude is beyond the largest double (about 1.8e308), so `JSON.parse` reads it
   * as Infinity; `too-small`: it is not zero but closer to zero than the smallest double (5e-324), so
   * `JSON.parse` reads it as 0.
   */
  kind: 'too-large' | 'too-small';
  /** 0-based offset of the literal's first character. */
  offset: number;
  /** 1-based line and column (UTF-16 code units) of the literal. */
  line: number;
  column: number;
}

/**
 * Literals that may be out of range: an exponent of three digits or more, or a run of 200 digits. A
 * literal with neither lies between 1e-299 and 1e299 (at most 199 digits before or zeros after the
 * point, times at most 10^±99), so it is always in range. Searched first with native regular
 * expressions, so that a text with no such run costs two fast scans (the look-behind makes the second
 * try a match only where a run of digits starts).
 */
const LONG_EXPONENT = /[eE][+-]?\d{3}/;
const LONG_DIGITS = /(?<![0-9])[0-9]{200}/;

function isCandidate(text: string): boolean {
  return LONG_EXPONENT.test(text) || LONG_DIGITS.test(text);
}

/**
 * Finds the first number literal of a JSON text that a double cannot represent: one that `JSON.parse`
 * would silently turn into Infinity (`1e309`) or into 0 (`1e-400`, a non-zero value). Zero itself
 * (`0`, `-0.0`, `0e-999`) is fine. Numbers inside strings are not numbers and do not count.
 *
 * Meant for text that is valid JSON (run it after `JSON.parse` succeeded); on other text it reports
 * what it finds outside strings.
 *
 * O(n) time, O(1) memory; a text without a long exponent or a 200-digit run costs one regular
 * expression search.
 *
 * @example findJsonNumberOutOfRange('{"a": 1e-400}') // => { literal: '1e-400', kind: 'too-small', offset: 6, line: 1, column: 7 }
 * @example findJsonNumberOutOfRange('{"a": 5e-324, "b": "1e999"}') // => undefined
 */
export function findJsonNumberOutOfRange(text: string): JsonNumberOutOfRange | undefined {
  if (!isCandidate(text)) return undefined;
  let inString = false;
  let line = 1;
  let lineStart = 0;
  const length = text.length;
  for (let index = 0; index < length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c /* \ */) index++;
      else if (code === 0x22 /* " */) inString = false;
      else if (code === 0x0a) {
        line++;
        lineStart = index + 1;
      }
      continue;
    }
    if (code === 0x22) {
      inString = true;
    } else if (code === 0x0a) {
      line++;
      lineStart = index + 1;
    } else if (code === 0x2d /* - */ || (code >= 0x30 && code <= 0x39)) {
      const start = index;
      let end = index + 1;
      while (end < length && isNumberCharacter(text.charCodeAt(end))) end++;
      const kind = outOfRange(text.slice(start, end));
      if (kind !== undefined) {
        const literal = text.slice(start, end);
        return {
          literal: literal.length > 40 ? `${literal.slice(0, 40)}…` : literal,
          kind,
          offset: start,
          line,
          column: start - lineStart + 1,
        };
      }
      index = end - 1;
    }
  }
  return undefined;
}

/** Digits, `.`, `e`, `E`, `+`, `-`: the characters of a JSON number after its first one. */
function isNumberCharacter(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    code === 0x2e ||
    code === 0x65 ||
    code === 0x45 ||
    code === 0x2b ||
    code === 0x2d
  );
}

/** Whether a number literal is beyond the range of a double, and on which side. */
function outOfRange(literal: string): JsonNumberOutOfRange['kind'] | undefined {
  if (literal.length < 5 || !isCandidate(literal)) return undefined;
  const value = Number(literal);
  if (!Number.isFinite(value)) return Number.isNaN(value) ? undefined : 'too-large';
  if (value !== 0) return undefined;
  // Zero: out of range only when the digits before the exponent are not all zeros.
  const exponent = literal.search(/[eE]/);
  return /[1-9]/.test(exponent === -1 ? literal : literal.slice(0, exponent)) ? 'too-small' : undefined;
}
