import { describe, expect, it } from 'vitest';
import { findJsonNumberOutOfRange } from './json-numbers.js';

describe('findJsonNumberOutOfRange', () => {
  it.each([
    // [text, literal, kind]: what JSON.parse would turn into Infinity or into 0.
    ['{"a": 1e309}', '1e309', 'too-large'],
    ['{"a": -1e999}', '-1e999', 'too-large'],
    ['{"a": 1.8e308}', '1.8e308', 'too-large'],
    ['{"a": 1e-400}', '1e-400', 'too-small'],
    ['{"a": -2E-324}', '-2E-324', 'too-small'], // below half the smallest subnormal (2.5e-324 rounds up to 5e-324)
    ['{"a": 1e-0400}', '1e-0400', 'too-small'],
    [`{"a": 0.${'0'.repeat(330)}1}`, `0.${'0'.repeat(38)}…`, 'too-small'],
    [`{"a": 0.${'0'.repeat(250)}1e-99}`, `0.${'0'.repeat(38)}…`, 'too-small'],
    [`{"a": 1${'0'.repeat(400)}}`, `1${'0'.repeat(39)}…`, 'too-large'],
  ] as const)('%s: %s is %s', (text, literal, kind) => {
    expect(findJsonNumberOutOfRange(text)).toMatchObject({ literal, kind, offset: 6, line: 1, column: 7 });
    // The reference: what JSON.parse makes of it.
    const value = JSON.parse(text).a as number;
    expect(kind === 'too-large' ? !Number.isFinite(value) : value === 0).toBe(true);
  });

  it.each([
    '{"a": 5e-324}', // the smallest double (subnormal)
    '{"a": 1.7976931348623157e308}', // the largest double
    '{"a": 1e-300, "b": 1e300, "c": 0.5, "d": -12}',
    '{"a": 0e-999, "b": -0.0E+400, "c": 0}', // zero in any form is zero
    `{"a": 1${'0'.repeat(199)}}`, // 1e199 written out
    '{"a": "1e999", "b": "1e-400", "c": "\\"1e999"}', // inside strings
    '{"1e999": 1}', // a key
    '[]',
  ])('%s: nothing out of range', (text) => {
    expect(findJsonNumberOutOfRange(text)).toBeUndefined();
  });

  it('reports the first one, with its line and column', () => {
    const text = '[\n  {"a": "x\\"1e999", "b": 1},\n  {"c": [1, 2e-999]},\n  {"d": 1e999}\n]';
    expect(findJsonNumberOutOfRange(text)).toEqual({
      literal: '2e-999',
      kind: 'too-small',
      offset: text.indexOf('2e-999'),
      line: 3,
      column: 13,
    });
  });

  it('finds nothing in a text with many ordinary numbers, and stops at the first hit in a long one', () => {
    const numbers = Array.from({ length: 100_000 }, (_, index) => (index * 0.37) ** 3);
    expect(findJsonNumberOutOfRange(JSON.stringify(numbers))).toBeUndefined();
    const text = `[${'"sha 9e1234ab", '.repeat(10_000)}0.1, 3e-999]`;
    expect(findJsonNumberOutOfRange(text)?.literal).toBe('3e-999');
  });
});
