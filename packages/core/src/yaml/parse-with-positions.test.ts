import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { MAX_YAML_DEPTH, parseYamlWithPositions } from './parse-with-positions.js';

/** The value of a text that parses, or the test fails with the error. */
function parsedValue(text: string): unknown {
  const result = parseYamlWithPositions(text);
  if (!result.ok) throw new Error(`expected a value, got ${JSON.stringify(result.error)}`);
  return result.value;
}

/** The error of a text that does not parse: its message and `line:column`. */
function errorOf(text: string, options = {}): string {
  const result = parseYamlWithPositions(text, options);
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.value)}`);
  return `${result.error.line}:${result.error.column} ${result.error.message}`;
}

/** The billion laughs document: 9 levels of 9 aliases to the level below (9^9 strings expanded). */
function billionLaughs(): string {
  let text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  let previous = 'a';
  for (const name of 'bcdefghi') {
    text += `${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]\n`;
    previous = name;
  }
  return text;
}

describe('parseYamlWithPositions: values', () => {
  it.each([
    ['name: p\nstages:\n  - name: a\n', { name: 'p', stages: [{ name: 'a' }] }],
    ['{"name": "p", "stages": []}', { name: 'p', stages: [] }], // JSON is YAML
    [
      'a: yes\nb: 0x10\nc: 1e3\nd: 2026-01-01\ne: ~\nf: "0.5"\n',
      { a: 'yes', b: 16, c: 1000, d: '2026-01-01', e: null, f: '0.5' },
    ],
    ['a: !!str 12\nb: !!int "3"\n', { a: '12', b: 3 }], // the core schema's own tags
    ['---\na: 1\n...\n', { a: 1 }], // one document with its markers
    ['\ufeffa: 1\n', { a: 1 }],
    ['', null],
    ['# only a comment\n', null],
    ['1: one\ntrue: yes\n~: nothing\n', { '1': 'one', true: 'yes', '': 'nothing' }], // keys become strings
    ['x: &d {p: 1}\ny: {<<: *d, q: 2}\n', { x: { p: 1 }, y: { '<<': { p: 1 }, q: 2 } }], // YAML 1.2: no merge keys
    ['defaults: &d [a, b]\nstage: {inputs: *d}\n', { defaults: ['a', 'b'], stage: { inputs: ['a', 'b'] } }],
  ])('%j', (text, expected) => {
    expect(parsedValue(text)).toEqual(expected);
  });

  it('keeps __proto__, constructor and toString as own keys, touching no prototype', () => {
    const value = parsedValue('__proto__: {polluted: true}\nconstructor: c\ntoString: t\n') as Record<
      string,
      unknown
    >;
    expect(Object.keys(value)).toEqual(['__proto__', 'constructor', 'toString']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('gives .nan and .inf as numbers (the rules refuse them where a number must be finite)', () => {
    const value = parsedValue('a: .nan\nb: -.inf\n') as { a: number; b: number };
    expect(Number.isNaN(value.a)).toBe(true);
    expect(value.b).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('parseYamlWithPositions: refusals, each at its place', () => {
  it.each([
    ['a:\n  b: 1\n c: 2\n', '3:1 all mapping items must start at the same column'],
    ['a:\n\tb: 1\n', '2:1 tabs are not allowed as indentation'],
    ['a: "abc\n', '2:1 missing closing "quote'],
    ['a: *nowhere\n', '1:4 unresolved alias (the anchor must be set before the alias): nowhere'],
    ['a: 1\n---\nb: 2\n', '2:1 a second document starts here (a pipeline file holds one YAML document)'],
    ['name: p\nname: q\n', '2:1 the key "name" appears twice in one mapping (keys must be unique)'],
    ['1: a\n"1": b\n', '2:1 the key "1" appears twice in one mapping (keys must be unique)'],
    ['? [a, b]\n: 1\n', '1:3 a key that is a sequence (the keys of a pipeline file are plain values)'],
    ['? {a: b}\n: 1\n', '1:3 a key that is a mapping (the keys of a pipeline file are plain values)'],
    ['a: &k x\n*k : 1\n', '2:1 a key that is an alias (the keys of a pipeline file are plain values)'],
  ])('%j → %s', (text, expected) => {
    expect(errorOf(text)).toBe(expected);
  });

  it.each([
    '!!js/function "function () { globalThis.pwned = true }"',
    '!!js/undefined ""',
    '!!python/object/apply:os.system ["touch pwned"]',
    '!!binary aGVsbG8=',
    '!!set {x, y}',
    '!!omap [a: 1]',
    '!!timestamp 2001-12-14',
    '!custom value',
  ])('refuses the tag of %s, resolving nothing and running nothing', (value) => {
    const tag = value.slice(0, value.indexOf(' '));
    expect(errorOf(`a: ${value}\n`)).toBe(
      `1:4 the tag "${tag}" is not one of YAML's core schema (a pipeline file holds mappings, sequences, strings, numbers, booleans and null)`,
    );
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
  });

  it('refuses the billion laughs at its first alias, fast', () => {
    const started = performance.now();
    expect(errorOf(billionLaughs())).toBe(
      '2:8 its aliases expand to too many nodes (more than 100 repetitions: the limit that stops "billion laughs" files)',
    );
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('reports the first of a million problems without building a million errors', () => {
    for (const [text, expected] of [
      [`a: {x: 1, ${','.repeat(1_000_000)}}\n`, '1:11 unexpected , in flow map'],
      [']'.repeat(1_000_000), '1:1 unexpected flow-seq-end token in YAML document'],
    ] as const) {
      const started = performance.now();
      expect(errorOf(text)).toBe(expected);
      expect(performance.now() - started).toBeLessThan(15_000);
    }
  });

  it('refuses a value that aliases make deeper than the limit, or that holds itself', () => {
    let chain = `a0: &a0 ${'['.repeat(60)}${']'.repeat(60)}\n`;
    for (let index = 1; index < 3; index++)
      chain += `a${index}: &a${index} ${'['.repeat(30)}*a${index - 1}${']'.repeat(30)}\n`;
    expect(errorOf(chain)).toBe(
      '2:39 its aliases nest values more than 100 levels deep (the most this tool reads)',
    );
    expect(errorOf('a: &a [*a]\n')).toBe(
      '1:8 its aliases nest values more than 100 levels deep (the most this tool reads)',
    );
  });
});

describe('parseYamlWithPositions: nesting', () => {
  const tooDeep = `more than ${MAX_YAML_DEPTH} levels of nested mappings and sequences (the most this tool reads)`;
  const blockMaps = (levels: number) =>
    Array.from({ length: levels }, (_, index) => `${' '.repeat(index)}a:\n`).join('');

  it('reads 100 levels of every kind, and refuses 101 at the collection that goes too deep', () => {
    expect(JSON.stringify(parsedValue(`${'['.repeat(100)}${']'.repeat(100)}`))).toHaveLength(200);
    expect(errorOf(`${'['.repeat(101)}${']'.repeat(101)}`)).toBe(`1:101 ${tooDeep}`);
    expect(errorOf(`${'{a: '.repeat(101)}1${'}'.repeat(101)}`)).toBe(`1:401 ${tooDeep}`);
    expect(() => parsedValue(`${'- '.repeat(100)}x\n`)).not.toThrow();
    expect(errorOf(`${'- '.repeat(101)}x\n`)).toBe(`1:201 ${tooDeep}`);
    expect(() => parsedValue(`${blockMaps(99)}${' '.repeat(99)}a: x\n`)).not.toThrow();
    expect(errorOf(`${blockMaps(100)}${' '.repeat(100)}a: x\n`)).toBe(`101:101 ${tooDeep}`);
    // A sequence at the same column as its mapping's key: two levels per column.
    const mixed = Array.from(
      { length: 51 },
      (_, index) => `${'  '.repeat(index)}k:\n${'  '.repeat(index)}-\n`,
    );
    expect(errorOf(mixed.join(''))).toBe(`101:101 ${tooDeep}`);
  });

  it('refuses a file of millions of brackets or dashes by a scan, before the parser builds anything', () => {
    for (const text of ['['.repeat(2_000_000), '- '.repeat(1_000_000), '{a: '.repeat(500_000)]) {
      const started = performance.now();
      expect(errorOf(text)).toMatch(new RegExp(`^1:\\d+ ${tooDeep.replace(/[()]/g, '\\$&')}$`));
      expect(performance.now() - started).toBeLessThan(10_000);
    }
  });
});

describe('parseYamlWithPositions: positions', () => {
  const text = [
    'name: p', // 1
    'stages:', // 2
    '  - name: a', // 3
    '    inputs: [x, "y"]', // 4
    '  - &s {name: b}', // 5
    '  - *s', // 6
    "  - 'quoted key': 1", // 7
  ].join('\n');

  it('places a member at its key, an element at its item, through aliases, a missing path at its nearest ancestor', () => {
    const result = parseYamlWithPositions(text);
    if (!result.ok) throw new Error('expected a value');
    const located = result.positions.locateAll([
      '',
      '/name',
      '/stages/0/name',
      '/stages/0/inputs/1',
      '/stages/1',
      '/stages/1/name',
      '/stages/2/name',
      '/stages/3/quoted key',
      '/stages/0/gate/threshold',
      '/stages/9',
      '/stages/01',
    ]);
    expect(located.map(({ pointer, position }) => `${pointer} ${position.line}:${position.column}`)).toEqual([
      ' 1:1',
      '/name 1:1',
      '/stages/0/name 3:5',
      '/stages/0/inputs/1 4:17',
      '/stages/1 5:8', // the item's value, after its anchor
      '/stages/1/name 5:9',
      '/stages/2/name 5:9',
      '/stages/3/quoted key 7:5',
      '/stages/0 3:5',
      '/stages 2:1',
      '/stages 2:1',
    ]);
  });

  it('counts columns in UTF-16 code units after a byte order mark, and lines at LF (CRLF once)', () => {
    const result = parseYamlWithPositions('\ufeffé: 1\r\n😀: {x: 1}\r\nz: 2\n');
    if (!result.ok) throw new Error('expected a value');
    expect(result.positions.locateAll(['/é', '/😀/x', '/z']).map((each) => each.position)).toEqual([
      { line: 1, column: 1, offset: 1 },
      { line: 2, column: 6, offset: 12 },
      { line: 3, column: 1, offset: 19 },
    ]);
  });

  it('places any JSON document the same as the JSON path would, key for key', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        const yaml = stringify(value);
        const result = parseYamlWithPositions(yaml);
        expect(result.ok).toBe(true);
        if (result.ok) expect(JSON.stringify(result.value)).toBe(JSON.stringify(value));
      }),
      { numRuns: 200 },
    );
  });

  it('never throws: any text gives a value or an error with a position inside the text', () => {
    const yamlish = fc.stringMatching(/^[-[\]{}"':,&*!?|># \n\tabc01]{0,40}$/);
    fc.assert(
      fc.property(fc.oneof(fc.string(), yamlish), (text) => {
        const result = parseYamlWithPositions(text);
        if (!result.ok) {
          expect(result.error.line).toBeGreaterThanOrEqual(1);
          expect(result.error.column).toBeGreaterThanOrEqual(1);
          expect(result.error.offset).toBeLessThanOrEqual(text.length);
          expect(result.error.message).not.toMatch(/\.$/);
        }
      }),
      { numRuns: 500 },
    );
  });
});
