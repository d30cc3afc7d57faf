import { describe, expect, it } from 'vitest';
import { parseDecimalInteger, parseDecimalNumber } from './decimal.js';

describe('parseDecimalNumber', () => {
  it.each([
    ['0', 0],
    ['5', 5],
    ['0.05', 0.05],
    ['.5', 0.5],
    ['-1', -1],
    ['+1', 1],
    ['-0', 0],
    ['007', 7],
    ['1e-3', 0.001],
    ['1E3', 1000],
    ['2.5e+4', 25_000],
    ['1e-400', 0],
    ['1.7976931348623157e308', Number.MAX_VALUE],
  ])('%j → %d', (text, value) => {
    expect(parseDecimalNumber(text)).toBe(value);
  });

  it('gives 0, not -0, for a negative zero', () => {
    expect(Object.is(parseDecimalNumber('-0'), 0)).toBe(true);
    expect(Object.is(parseDecimalNumber('-0.0e5'), 0)).toBe(true);
  });

  it.each([
    '',
    ' ',
    ' 5',
    '5 ',
    '5\n',
    '\t5',
    '0x10',
    '0X10',
    '0o17',
    '0b101',
    '-0x10',
    'Infinity',
    '-Infinity',
    'inf',
    'NaN',
    'nan',
    '1_000',
    '1,000',
    '1,5',
    '5.',
    '.',
    '-',
    '+',
    'e5',
    '1e',
    '1e+',
    '1.2.3',
    '5s',
    '0.1abc',
    '--1',
    '+-1',
    '١٢',
    '５',
    '1e999',
    '-1e999',
    `${'9'.repeat(400)}`,
  ])('refuses %j', (text) => {
    expect(parseDecimalNumber(text)).toBeUndefined();
  });
});

describe('parseDecimalInteger', () => {
  it.each([
    ['0', 0],
    ['25', 25],
    ['007', 7],
    ['9007199254740991', Number.MAX_SAFE_INTEGER],
  ])('%j → %d', (text, value) => {
    expect(parseDecimalInteger(text)).toBe(value);
  });

  it.each([
    '',
    ' 1',
    '1 ',
    '-1',
    '+1',
    '-0',
    '1.0',
    '1.5',
    '1e3',
    '0x10',
    '0o7',
    '0b1',
    '1_000',
    'Infinity',
    'NaN',
    '١',
    '9007199254740992',
  ])('refuses %j', (text) => {
    expect(parseDecimalInteger(text)).toBeUndefined();
  });
});
