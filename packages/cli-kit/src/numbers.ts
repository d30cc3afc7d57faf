import { escapeText, parseDecimalInteger, parseDecimalNumber, UsageError } from '@mlops/core';
import * as z from 'zod';

/**
 * Numeric flags and variables, one grammar for every tool: decimal notation only (see
 * `parseDecimalNumber` in `@mlops/core` for exactly what is accepted). `0x10`, `Infinity`, `1_000`,
 * `' 5'`, `''` and `5s` are refused with one message naming the flag, what it expects and what it got:
 *
 * ```text
 * error: --threshold: expected a decimal number ≥ 0, got "0x10"
 * ```
 *
 * Use {@link decimalNumber} or {@link nonNegativeInteger} in a command's zod schema (with
 * `parseOptions`), or {@link parseDecimalFlag} / {@link parseNonNegativeIntegerFlag} where a value
 * is read by hand (an environment variable). A flag with a unit (`--max-memory 2GB`) splits the unit
 * off first and reads the number with `parseDecimalNumber`, so `0x10GB` is refused as `0x10` is.
 */

/** The bounds and wording of a decimal-number flag. */
export interface DecimalNumberOptions {
  /** The smallest value accepted (inclusive). */
  min?: number;
  /** The largest value accepted (inclusive). */
  max?: number;
  /**
   * What the flag expects, as it follows "expected " in the message: e.g. `a decimal number of
   * seconds, 0 or more`. Default: from the bounds, `a decimal number between 0 and 1`, `a decimal
   * number ≥ 0`, `a decimal number ≤ 10` or `a decimal number`.
   */
  expected?: string;
}

/** The bounds and wording of a whole-number flag (always 0 or more). */
export interface NonNegativeIntegerOptions {
  /** The largest value accepted (inclusive); default `Number.MAX_SAFE_INTEGER`. */
  max?: number;
  /** What the flag expects, after "expected "; default `a whole number (0 or more, decimal digits only)`. */
  expected?: string;
}

/**
 * A command-line value as an error message shows it: in double quotes, JSON-escaped, with control and
 * invisible characters escaped too (see `escapeText`), so it cannot break the one-line error.
 *
 * @example quoteArgument('0x10') // => '"0x10"'
 * @example quoteArgument('1\n2') // => '"1\\n2"'
 */
export function quoteArgument(text: string): string {
  return escapeText(JSON.stringify(text));
}

function decimalExpectation(options: DecimalNumberOptions): string {
  if (options.expected !== undefined) return options.expected;
  const { min, max } = options;
  if (min !== undefined && max !== undefined) return `a decimal number between ${min} and ${max}`;
  if (min !== undefined) return `a decimal number ≥ ${min}`;
  if (max !== undefined) return `a decimal number ≤ ${max}`;
  return 'a decimal number';
}

function integerExpectation(options: NonNegativeIntegerOptions): string {
  return options.expected ?? 'a whole number (0 or more, decimal digits only)';
}

/** The value, or the message (without the flag) saying why the text is not one. */
function readDecimal(text: string, options: DecimalNumberOptions): number | { problem: string } {
  const value = parseDecimalNumber(text);
  const { min = Number.NEGATIVE_INFINITY, max = Number.POSITIVE_INFINITY } = options;
  if (value === undefined || value < min || value > max)
    return { problem: `expected ${decimalExpectation(options)}, got ${quoteArgument(text)}` };
  return value;
}

function readInteger(text: string, options: NonNegativeIntegerOptions): number | { problem: string } {
  const value = parseDecimalInteger(text);
  if (value === undefined || value > (options.max ?? Number.MAX_SAFE_INTEGER))
    return { problem: `expected ${integerExpectation(options)}, got ${quoteArgument(text)}` };
  return value;
}

/**
 * Reads a decimal-number flag or variable, within bounds.
 *
 * @param source what to name in the error: the flag (`--lock-timeout`) or the variable (`MLOPS_LOCK_TIMEOUT`).
 * @throws UsageError `<source>: expected <what>, got "<text>"` (exit 2) when the text is not a decimal
 *   number or lies outside the bounds.
 * @example parseDecimalFlag('0.05', '--threshold', { min: 0 }) // => 0.05
 * @example parseDecimalFlag('0x10', '--threshold', { min: 0 }) // throws UsageError: --threshold: expected a decimal number ≥ 0, got "0x10"
 */
export function parseDecimalFlag(text: string, source: string, options: DecimalNumberOptions = {}): number {
  const result = readDecimal(text, options);
  if (typeof result === 'number') return result;
  throw new UsageError(`${source}: ${result.problem}`);
}

/**
 * Reads a whole-number flag or variable: decimal digits only, 0 or more.
 *
 * @param source what to name in the error: the flag or the variable.
 * @throws UsageError `<source>: expected <what>, got "<text>"` (exit 2).
 * @example parseNonNegativeIntegerFlag('10', '--max-warnings') // => 10
 * @example parseNonNegativeIntegerFlag('', '--max-warnings') // throws UsageError: --max-warnings: expected a whole number (0 or more, decimal digits only), got ""
 */
export function parseNonNegativeIntegerFlag(
  text: string,
  source: string,
  options: NonNegativeIntegerOptions = {},
): number {
  const result = readInteger(text, options);
  if (typeof result === 'number') return result;
  throw new UsageError(`${source}: ${result.problem}`);
}

/**
 * A zod schema for a decimal-number flag as commander hands it over (a string), giving the number.
 * With `parseOptions`, a bad value becomes `--flag: expected …, got "…"` (exit 2).
 *
 * @example decimalNumber({ min: 0, max: 1 }).parse('0.3') // => 0.3
 * @example z.object({ threshold: decimalNumber({ min: 0 }).optional() }) // in a command's option schema
 */
export function decimalNumber(options: DecimalNumberOptions = {}) {
  const expected = `expected ${decimalExpectation(options)}`;
  return z.string({ error: expected }).transform((text, context) => {
    const result = readDecimal(text, options);
    if (typeof result === 'number') return result;
    context.addIssue({ code: 'custom', message: result.problem });
    return z.NEVER;
  });
}

/**
 * A zod schema for a whole-number flag (a count, a limit): decimal digits only, 0 or more, at most
 * `max`. With `parseOptions`, a bad value becomes `--flag: expected …, got "…"` (exit 2).
 *
 * @example nonNegativeInteger().parse('10') // => 10
 * @example nonNegativeInteger().parse('0x10') // throws: expected a whole number (0 or more, decimal digits only), got "0x10"
 */
export function nonNegativeInteger(options: NonNegativeIntegerOptions = {}) {
  const expected = `expected ${integerExpectation(options)}`;
  return z.string({ error: expected }).transform((text, context) => {
    const result = readInteger(text, options);
    if (typeof result === 'number') return result;
    context.addIssue({ code: 'custom', message: result.problem });
    return z.NEVER;
  });
}

export { parseDecimalInteger, parseDecimalNumber } from '@mlops/core';
