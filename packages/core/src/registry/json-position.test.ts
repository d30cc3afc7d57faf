import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineAndColumn, locateJsonSyntaxError } from './json-position.js';

describe('locateJsonSyntaxError', () => {
  it.each([
    ['[1,\n}', 2, 1, 'unexpected "}", expected a value'],
    ['[\n  {"a": 1,}\n]', 2, 11, 'unexpected "}", expected a property name in quotes'],
    ['[\n  {"a": 1}\n  {"b": 2}\n]', 3, 3, 'unexpected "{", expected "," or "]"'],
    ['[1, 2', 1, 6, 'unexpected end of file, expected "," or "]"'],
    ['{"a" 1}', 1, 6, 'unexpected "1", expected ":"'],
    ['[tru]', 1, 2, 'unexpected "t"'],
    ['["a\nb"]', 1, 4, 'control character in a string (escape it)'],
    ['["\\x"]', 1, 3, 'invalid escape in a string'],
    ['["abc', 1, 6, 'unterminated string'],
    ['[01]', 1, 3, 'unexpected "1", expected "," or "]"'],
    ['[-]', 1, 2, 'unexpected "-"'],
    ['[] []', 1, 4, 'unexpected "[" after the end of the JSON value'],
    ['[NaN]', 1, 2, 'unexpected "N", expected a value'],
    ['', 1, 1, 'unexpected end of file'],
  ])('%j → line %i, column %i', (text, line, column, message) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(locateJsonSyntaxError(text)).toMatchObject({ line, column, message });
  });

  it('finds nothing wrong in valid JSON, whatever it is', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, pretty) => {
        expect(locateJsonSyntaxError(JSON.stringify(value, null, pretty ? 2 : 0))).toBeUndefined();
      }),
    );
  });

  it('agrees with JSON.parse on any string: a problem exactly when JSON.parse fails', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json().map((text) => text.slice(0, -1)),
          fc.json(),
        ),
        (text) => {
          let valid = true;
          try {
            JSON.parse(text);
          } catch {
            valid = false;
          }
          expect(locateJsonSyntaxError(text) === undefined).toBe(valid);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('lineAndColumn', () => {
  it('counts from 1', () => {
    expect(lineAndColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
