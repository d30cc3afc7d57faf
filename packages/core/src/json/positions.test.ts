import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../../../../tests/helpers/runs.js';
import { jsonPointer, parseJsonWithPositions } from './positions.js';

function parsed(text: string) {
  const result = parseJsonWithPositions(text);
  if (!result.ok) throw new Error(`unexpected failure: ${result.error.message}`);
  return result;
}

function failure(text: string) {
  const result = parseJsonWithPositions(text);
  if (result.ok) throw new Error('expected a syntax error');
  return result.error;
}

describe('parseJsonWithPositions: values', () => {
  it.each([
    ['{}'],
    ['[]'],
    ['0'],
    ['-0.5e+3'],
    ['"a\\u00e9\\n\\"\\\\\\/\\b\\f\\r\\t"'],
    ['[true, false, null, 1, "x", {"a": [{}]}]'],
    ['  {"a": 1, "a": 2}  '],
    ['"😀 é"'],
  ])('%s parses like JSON.parse', (text) => {
    expect(parsed(text).value).toEqual(JSON.parse(text));
  });

  it('keeps __proto__ as an own member, like JSON.parse', () => {
    const value = parsed('{"__proto__": {"polluted": true}}').value as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  it('agrees with JSON.parse on any JSON value, pretty or compact (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 2, '\t'), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        expect(parsed(text).value).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  it('accepts exactly the strings JSON.parse accepts (property)', () => {
    const jsonish = fc.stringMatching(/^[[\]{}",:0-9a-z .eE+\-\\\n]{0,30}$/);
    fc.assert(
      fc.property(fc.oneof(fc.string(), jsonish), (text) => {
        let expected: boolean;
        try {
          JSON.parse(text);
          expected = true;
        } catch {
          expected = false;
        }
        const result = parseJsonWithPositions(text);
        expect(result.ok).toBe(expected);
        if (!result.ok) {
          expect(result.error.line).toBeGreaterThanOrEqual(1);
          expect(result.error.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: propertyRuns(2000) },
    );
  });

  it('skips a UTF-8 byte order mark and does not count it in columns', () => {
    const result = parsed('\ufeff{"a": 1}');
    expect(result.value).toEqual({ a: 1 });
    expect(result.positions.key('/a')).toEqual({ line: 1, column: 2, offset: 2 });
  });

  it('parses 100,000 levels of nesting without overflowing the stack', () => {
    const depth = 100_000;
    const result = parsed(`${'['.repeat(depth)}${']'.repeat(depth)}`);
    let value = result.value as unknown[];
    let levels = 1;
    while (value.length > 0) {
      value = value[0] as unknown[];
      levels++;
    }
    expect(levels).toBe(depth);
    expect(result.positions.value(jsonPointer(Array(5).fill(0)))).toMatchObject({ line: 1, column: 6 });
  });
});

describe('parseJsonWithPositions: positions', () => {
  const text = [
    '{',
    '  "name": "p",',
    '  "stages": [',
    '    {"type": "data",',
    '     "n": 1.5}',
    '  ]',
    '}',
  ].join('\n');

  it('gives the line and column of every key and value', () => {
    const { positions } = parsed(text);
    expect(positions.key('/name')).toMatchObject({ line: 2, column: 3 });
    expect(positions.value('/name')).toMatchObject({ line: 2, column: 11 });
    expect(positions.value('/stages/0')).toMatchObject({ line: 4, column: 5 });
    expect(positions.key('/stages/0/type')).toMatchObject({ line: 4, column: 6 });
    expect(positions.value('/stages/0/n')).toMatchObject({ line: 5, column: 11 });
    expect(positions.key('/stages/0')).toBeUndefined();
    expect(positions.value('')).toMatchObject({ line: 1, column: 1 });
    expect(positions.value('/nope')).toBeUndefined();
    expect(positions.value('/stages/1')).toBeUndefined();
    expect(positions.value('/stages/01')).toBeUndefined();
  });

  it('lists every pointer in document order', () => {
    const { positions } = parsed(text);
    expect([...positions.entries().keys()]).toEqual([
      '',
      '/name',
      '/stages',
      '/stages/0',
      '/stages/0/type',
      '/stages/0/n',
    ]);
  });

  it('locates a member by its key, an element by its value, and a missing value by its nearest ancestor', () => {
    const { positions } = parsed(text);
    expect(positions.locate('/stages/0/type')).toEqual({
      pointer: '/stages/0/type',
      position: { line: 4, column: 6, offset: 36 },
    });
    expect(positions.locate('/stages/0')).toMatchObject({
      pointer: '/stages/0',
      position: { line: 4, column: 5 },
    });
    expect(positions.locate('/stages/0/gate/metric')).toMatchObject({
      pointer: '/stages/0',
      position: { line: 4, column: 5 },
    });
    expect(positions.locate('/schedule')).toMatchObject({ pointer: '', position: { line: 1, column: 1 } });
  });

  it('escapes and unescapes ~ and / in pointers (RFC 6901)', () => {
    const { positions } = parsed('{"a/b": {"c~d": 1}}');
    expect(jsonPointer(['a/b', 'c~d'])).toBe('/a~1b/c~0d');
    expect(positions.key('/a~1b/c~0d')).toMatchObject({ line: 1, column: 10 });
    expect([...positions.entries().keys()]).toEqual(['', '/a~1b', '/a~1b/c~0d']);
  });

  it('counts CRLF line endings as one line break', () => {
    const { positions } = parsed('{\r\n  "a": 1\r\n}');
    expect(positions.key('/a')).toMatchObject({ line: 2, column: 3 });
  });
});

describe('parseJsonWithPositions: syntax errors', () => {
  it.each([
    ['', 1, 1, 'the file is empty: expected a JSON value'],
    ['   \n  ', 2, 3, 'the file is empty: expected a JSON value'],
    ['{\n  "a": 1,\n}', 3, 1, "trailing comma before '}'"],
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, `unexpected '"': expected ',' or '}' after an object member`],
    ['{"a" 1}', 1, 6, `unexpected '1': expected ':' after the member name "a"`],
    ['{a: 1}', 1, 2, "unexpected 'a': expected a member name in double quotes or '}'"],
    ['[1, 2', 1, 6, "unexpected end of the file: missing ']' (or a ',' before the next element)"],
    ['{"a": [1, 2}', 1, 12, "unexpected '}': expected ',' or ']' after an array element"],
    ['{"a": "x\ny"}', 1, 7, 'unterminated string (a string cannot span lines; write \\n)'],
    ['"abc', 1, 1, 'unterminated string (missing closing quote)'],
    ['"\\x"', 1, 2, "invalid escape '\\x' in a string"],
    ['"\\u12G4"', 1, 2, 'invalid \\u escape in a string: expected four hex digits'],
    ['"a\tb"', 1, 3, 'control character U+0009 in a string must be escaped'],
    ['[01]', 1, 2, "invalid number '01'"],
    ['[1.]', 1, 2, "invalid number '1.'"],
    ['-', 1, 1, "invalid number '-'"],
    ["{'a': 1}", 1, 2, `unexpected "'": expected a member name in double quotes or '}'`],
    [
      '[undefined]',
      1,
      2,
      "unexpected 'undefined': expected a value (strings need double quotes; literals are true, false and null)",
    ],
    ['{} {}', 1, 4, "unexpected '{' after the end of the JSON value (only one value is allowed)"],
    ['\ufeff\ufeff{}', 1, 1, 'unexpected U+FEFF: expected a value'],
    [
      '{\n\n\n  "a": tru }',
      4,
      8,
      "unexpected 'tru': expected a value (strings need double quotes; literals are true, false and null)",
    ],
  ])('%j → %i:%i %s', (text, line, column, message) => {
    expect(failure(text)).toMatchObject({ line, column, message });
  });
});

describe('parseJsonWithPositions: maxDepth', () => {
  const tooDeep = 'more than 2 levels of nested arrays and objects (the most this tool reads)';

  it('refuses the bracket that goes too deep, before parsing anything', () => {
    expect(parseJsonWithPositions('[[1]]', { maxDepth: 2 }).ok).toBe(true);
    expect(parseJsonWithPositions('{"a": [[1]]}', { maxDepth: 2 })).toEqual({
      ok: false,
      error: { message: tooDeep, line: 1, column: 8, offset: 7 },
    });
    expect(parseJsonWithPositions('{"a": "[[[[["}', { maxDepth: 2 }).ok).toBe(true);
  });

  it('does not count a byte order mark in the column', () => {
    expect(parseJsonWithPositions('\ufeff[\n [[1]]]', { maxDepth: 2 })).toMatchObject({
      ok: false,
      error: { message: tooDeep, line: 2, column: 3 },
    });
  });

  it('reports a syntax error that comes before the excess instead', () => {
    expect(parseJsonWithPositions("{'a': [[[[", { maxDepth: 2 })).toMatchObject({
      ok: false,
      error: {
        line: 1,
        column: 2,
        message: `unexpected "'": expected a member name in double quotes or '}'`,
      },
    });
    // An error after the excess is never reached.
    expect(parseJsonWithPositions('[[[1]]] x', { maxDepth: 2 })).toMatchObject({
      ok: false,
      error: { message: tooDeep, column: 3 },
    });
  });
});

describe('JsonPositionMap.locateAll', () => {
  const text = '{\n  "a": {"b": 1, "b": {"c": 2}},\n  "e\\u0073c": [10, 20],\n  "x/y": {"~": 3}\n}';

  it('places many pointers with one scan, as locate places each', () => {
    const { positions } = parsed(text);
    const pointers = ['/a/b/c', '/a/b', '/esc/1', '/esc/2', '/x~1y/~0', '/nope/deeper', '', '/a/b/c/d'];
    const all = positions.locateAll(pointers);
    expect(all).toEqual(pointers.map((pointer) => positions.locate(pointer)));
    expect(all.map(({ pointer, position }) => [pointer, position.line, position.column])).toEqual([
      ['/a/b/c', 2, 23],
      ['/a/b', 2, 17],
      ['/esc/1', 3, 20],
      ['/esc', 3, 3],
      ['/x~1y/~0', 4, 11],
      ['', 1, 1],
      ['', 1, 1],
      ['/a/b/c', 2, 23],
    ]);
  });

  it('reads a numeric token as a member name in an object and as an index in an array', () => {
    const text = '{"0": {"12": 1, "\\u0031": 2}, "list": [5, 6], "01": 7}';
    const { positions } = parsed(text);
    const at = (part: string) => text.indexOf(part) + 1;
    expect(positions.locate('/0/12')).toMatchObject({ pointer: '/0/12', position: { column: at('"12"') } });
    expect(positions.locate('/0/1')).toMatchObject({
      pointer: '/0/1',
      position: { column: at('"\\u0031"') },
    });
    expect(positions.locate('/list/1')).toMatchObject({ pointer: '/list/1', position: { column: at('6]') } });
    expect(positions.locate('/list/01')).toMatchObject({
      pointer: '/list',
      position: { column: at('"list"') },
    });
    expect(positions.locate('/01')).toMatchObject({ pointer: '/01', position: { column: at('"01"') } });
  });

  it('takes the last of duplicate keys, as JSON.parse does, and nothing found under an earlier one', () => {
    const { positions } = parsed('{"a": {"b": 1}, "a": {"c": 2}}');
    expect(positions.locate('/a/b')).toMatchObject({ pointer: '/a', position: { column: 17 } });
    expect(positions.locate('/a/c')).toMatchObject({ pointer: '/a/c', position: { column: 23 } });
  });

  it('finds 100,000 element pointers in a 100,000-element array in linear time', () => {
    const count = 100_000;
    const big = JSON.stringify({ list: Array.from({ length: count }, (_, index) => ({ id: index })) });
    const { positions } = parsed(big);
    const all = positions.locateAll(Array.from({ length: count }, (_, index) => `/list/${index}/id`));
    expect(all[count - 1]!.position.offset).toBe(big.lastIndexOf('"id"'));
  });
});
