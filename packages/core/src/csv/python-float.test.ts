import { describe, expect, it } from 'vitest';
import { isBlankCell, parsePythonFloat, pythonStrip } from './python-float.js';

// Expected values: Python 3 `float(text)` for each text (None where it raised ValueError), printed by
//   for c in cases: print(c, repr(float(c)))
describe('parsePythonFloat follows Python float()', () => {
  it.each([
    ['1', 1.0],
    ['  1.5 ', 1.5],
    ['1e5', 100000.0],
    ['.5', 0.5],
    ['5.', 5.0],
    ['+1', 1.0],
    ['-1', -1.0],
    ['1_000', 1000.0],
    ['1__000', undefined],
    ['_1', undefined],
    ['1_', undefined],
    ['1_.5', undefined],
    ['1._5', undefined],
    ['1e_5', undefined],
    ['1e1_0', 10000000000.0],
    ['inf', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['+INF', Number.POSITIVE_INFINITY],
    ['NaN', Number.NaN],
    ['-nan', Number.NaN],
    ['nan ', Number.NaN],
    ['infinit', undefined],
    ['in f', undefined],
    ['0x10', undefined],
    ['1e', undefined],
    ['e5', undefined],
    ['.', undefined],
    ['', undefined],
    [' ', undefined],
    ['1e400', Number.POSITIVE_INFINITY],
    ['-1e400', Number.NEGATIVE_INFINITY],
    ['1e-400', 0.0],
    ['\u00a012\u3000', 12.0],
    ['\u0661\u0662', 12.0],
    ['\uff11\uff12', 12.0],
    ['1\u0662', 12.0],
    ['12\u0000', undefined],
    ['1 2', undefined],
    ['\u001c5\u001f', undefined],
    ['\u200b5', undefined],
    ['\ufeff5', undefined],
    ['1.5E-3', 0.0015],
    ['+.5e+2', 50.0],
    ['--1', undefined],
    ['1,5', undefined],
    ['\u00855', 5.0],
    ['0_0.0_1', 0.01],
    ['\t-0.25\n', -0.25],
    ['1.7976931348623157e308', 1.7976931348623157e308],
    ['0.1', 0.1],
    ['123456789012345678901234567890', 1.2345678901234568e29],
    ['00012', 12.0],
    ['1e+0_1', 10.0],
    ['\ud835\udfd93', 13.0],
    ['\u0661\u066b\u0665', undefined],
  ] as [string, number | undefined][])('float(%j) → %s', (text, expected) => {
    expect(parsePythonFloat(text)).toBe(expected);
  });
});

// Python: `text.strip() == ''` (str.isspace covers \x1c-\x1f, which float() does not skip).
describe('isBlankCell follows str.strip()', () => {
  it.each([
    ['', true],
    ['   ', true],
    ['\t\r\n', true],
    ['\x1c\x1d\x1e\x1f', true],
    ['\u00a0\u3000', true],
    ['\u200b', false],
    ['\ufeff', false],
    ['x', false],
    [' 0 ', false],
  ] as [string, boolean][])('%j → %s', (text, blank) => {
    expect(isBlankCell(text)).toBe(blank);
  });

  it('pythonStrip keeps inner white space', () => {
    expect(pythonStrip('\u3000 a b\x1f')).toBe('a b');
  });
});
