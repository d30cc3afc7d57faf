import { UsageError } from '@mlops/core';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  decimalNumber,
  nonNegativeInteger,
  parseDecimalFlag,
  parseNonNegativeIntegerFlag,
  quoteArgument,
} from './numbers.js';
import { parseOptions } from './options.js';
import { fieldLabel } from './run.js';

/** What every numeric flag refuses, whatever its range. */
const NOT_DECIMAL = [
  '',
  ' ',
  ' 5',
  '5 ',
  '0x10',
  '0o17',
  '0b101',
  'Infinity',
  'NaN',
  '1_000',
  '1,5',
  '5.',
  '5s',
  '0.1.2',
  '١',
  '1e999',
];

describe('parseDecimalFlag', () => {
  it.each([
    ['0.05', 0.05],
    ['5', 5],
    ['1e-3', 0.001],
    ['.5', 0.5],
    ['0', 0],
  ])('%j → %d', (text, value) => {
    expect(parseDecimalFlag(text, '--threshold', { min: 0 })).toBe(value);
  });

  it.each(NOT_DECIMAL)('refuses %j naming the flag, what it expects and what it got', (text) => {
    expect(() => parseDecimalFlag(text, '--threshold', { min: 0 })).toThrow(UsageError);
    expect(() => parseDecimalFlag(text, '--threshold', { min: 0 })).toThrow(
      `--threshold: expected a decimal number ≥ 0, got ${JSON.stringify(text)}`,
    );
  });

  it('keeps the range and says it', () => {
    expect(() => parseDecimalFlag('-1', '--threshold', { min: 0 })).toThrow(
      '--threshold: expected a decimal number ≥ 0, got "-1"',
    );
    expect(() => parseDecimalFlag('1.5', '--drift-share', { min: 0, max: 1 })).toThrow(
      '--drift-share: expected a decimal number between 0 and 1, got "1.5"',
    );
    expect(() => parseDecimalFlag('11', '--x', { max: 10 })).toThrow(
      '--x: expected a decimal number ≤ 10, got "11"',
    );
    expect(() => parseDecimalFlag('x', '--x')).toThrow('--x: expected a decimal number, got "x"');
    expect(parseDecimalFlag('1', '--drift-share', { min: 0, max: 1 })).toBe(1);
    expect(parseDecimalFlag('-2.5', '--x')).toBe(-2.5);
  });

  it('uses the wording given, and names a variable as well as a flag', () => {
    expect(() =>
      parseDecimalFlag('soon', 'MLOPS_LOCK_TIMEOUT', {
        min: 0,
        expected: 'a decimal number of seconds, 0 or more',
      }),
    ).toThrow('MLOPS_LOCK_TIMEOUT: expected a decimal number of seconds, 0 or more, got "soon"');
  });

  it('escapes a hostile value in the message', () => {
    expect(() => parseDecimalFlag('1\u001b[2J\u202e', '--x')).toThrow(
      '--x: expected a decimal number, got "1\\u001b[2J\\u202e"',
    );
  });
});

describe('parseNonNegativeIntegerFlag', () => {
  it.each([
    ['0', 0],
    ['10', 10],
    ['007', 7],
  ])('%j → %d', (text, value) => {
    expect(parseNonNegativeIntegerFlag(text, '--max-warnings')).toBe(value);
  });

  it.each([...NOT_DECIMAL, '-1', '+1', '1.0', '1e3', '9007199254740992'])('refuses %j', (text) => {
    expect(() => parseNonNegativeIntegerFlag(text, '--max-warnings')).toThrow(
      `--max-warnings: expected a whole number (0 or more, decimal digits only), got ${JSON.stringify(text)}`,
    );
  });

  it('keeps a maximum', () => {
    expect(parseNonNegativeIntegerFlag('8', '--n', { max: 8 })).toBe(8);
    expect(() => parseNonNegativeIntegerFlag('9', '--n', { max: 8, expected: 'at most 8' })).toThrow(
      '--n: expected at most 8, got "9"',
    );
  });
});

describe('decimalNumber and nonNegativeInteger in an option schema', () => {
  const schema = z.object({
    threshold: decimalNumber({ min: 0 }).optional(),
    maxWarnings: nonNegativeInteger({ expected: 'a whole number of warnings' }).optional(),
  });

  it('turn the strings commander hands over into numbers', () => {
    expect(parseOptions(schema, { threshold: '1e-3', maxWarnings: '3' })).toEqual({
      threshold: 0.001,
      maxWarnings: 3,
    });
    expect(parseOptions(schema, {})).toEqual({});
  });

  it.each([
    [{ threshold: '0x10' }, '--threshold: expected a decimal number ≥ 0, got "0x10"'],
    [{ threshold: '' }, '--threshold: expected a decimal number ≥ 0, got ""'],
    [{ threshold: '-0.5' }, '--threshold: expected a decimal number ≥ 0, got "-0.5"'],
    [{ maxWarnings: '' }, '--max-warnings: expected a whole number of warnings, got ""'],
    [{ maxWarnings: '0x10' }, '--max-warnings: expected a whole number of warnings, got "0x10"'],
    [{ maxWarnings: 5 }, '--max-warnings: expected a whole number of warnings'],
  ])('%j → %s', (options, line) => {
    expect(() => parseOptions(schema, options)).toThrow(UsageError);
    let error: UsageError | undefined;
    try {
      parseOptions(schema, options);
    } catch (caught) {
      error = caught as UsageError;
    }
    expect(error?.toLine(fieldLabel)).toBe(line);
  });
});

describe('quoteArgument', () => {
  it.each([
    ['0x10', '"0x10"'],
    ['a"b', '"a\\"b"'],
    ['1\n2', '"1\\n2"'],
    ['x\u200by', '"x\\u200by"'],
  ])('%j → %s', (text, quoted) => {
    expect(quoteArgument(text)).toBe(quoted);
  });
});
