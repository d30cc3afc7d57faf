import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CsvColumn, CsvColumnTable } from '../csv/columns.js';
import { readTable } from '../csv/table-reader.js';
import { InputError } from '../errors.js';
import { openJsonLinesPart } from './jsonl.js';

let folder: string;
const at = (name: string) => join(folder, name);
const write = (name: string, content: string | Uint8Array) => {
  writeFileSync(at(name), content);
  return at(name);
};
const column = (table: CsvColumnTable, name: string): CsvColumn => table.columns[table.header.indexOf(name)]!;
const numbers = (table: CsvColumnTable, name: string) => Array.from(column(table, name).numbers);
const failure = async (path: string, name: string) => {
  const error = await readTable(path, { file: name }).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(InputError);
  return (error as InputError).toLine();
};

// Every JSON type, a blank line, a CRLF line end, a key missing from a row, keys `__proto__` and `7`
// (data, in the order the file writes them), and a number past double range.
const TEXT = [
  '{"n": 1, "s": "a", "b": true, "mix": 1, "z": null, "o": {"a": 1}, "arr": [1], "__proto__": 5, "7": "x"}',
  '',
  '{"n": 2.5, "s": "1.5", "b": false, "mix": "2", "z": null, "o": null, "arr": null, "__proto__": 6, "7": "y"}\r',
  '{"n": null, "s": "", "mix": "NA", "extra": 1e400}',
  '',
].join('\n');

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'mlops-jsonl-'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('reading JSON Lines', () => {
  it.each([
    ['types.jsonl', TEXT],
    ['types.ndjson.gz', gzipSync(TEXT)],
  ])(
    'reads %s: a column per key, its type from its values, null and absent keys as missing',
    async (name, content) => {
      const table = await readTable(write(name, content), { file: name });
      expect(table.rowCount).toBe(3);
      expect(table.header).toEqual(['n', 's', 'b', 'mix', 'z', 'o', 'arr', '__proto__', '7', 'extra']);
      const types = Object.fromEntries(table.columns.map((c) => [c.name, `${c.type}/${c.valueClass}`]));
      expect(types).toEqual({
        n: 'number/number',
        s: 'string/text',
        b: 'boolean/boolean',
        mix: 'mixed(number,string)/text',
        z: 'null/text',
        o: 'object/unsupported',
        arr: 'array/unsupported',
        ['__proto__']: 'number/number',
        7: 'string/text',
        extra: 'number/number',
      });
      expect(numbers(table, 'n')).toEqual([1, 2.5]);
      expect(column(table, 'n').missingCount).toBe(1);
      // Strings are CSV cells: number text is a number, the empty string is missing.
      expect(numbers(table, 's')).toEqual([1.5]);
      expect(column(table, 's').categories).toEqual(['a']);
      expect(column(table, 's').missingCount).toBe(1);
      expect(column(table, 'b').categories).toEqual(['true', 'false']);
      expect(column(table, 'b').missingCount).toBe(1);
      // A mixed column is read value by value as CSV cells are.
      expect(numbers(table, 'mix')).toEqual([1, 2]);
      expect(column(table, 'mix').categories).toEqual(['NA']);
      expect(column(table, 'z').missingCount).toBe(3);
      expect(numbers(table, '__proto__')).toEqual([5, 6]);
      expect(column(table, '7').categories).toEqual(['x', 'y']);
      // 1e400 parses to infinity: missing, as in CSV.
      expect(column(table, 'extra').missingCount).toBe(3);
      // Nested values are not read.
      expect(column(table, 'o').numbers.length + column(table, 'o').textCount).toBe(0);
    },
  );

  it('reads numbers to the nearest double, as float() reads the same digits', async () => {
    const table = await readTable(
      write('digits.jsonl', '{"a": 9007199254740993, "b": 1.0000000000000002, "c": 1e-320, "d": -0.0}\n'),
      {},
    );
    expect([...'abcd'].map((name) => numbers(table, name)[0])).toEqual([
      9007199254740992, 1.0000000000000002, 1e-320, -0,
    ]);
  });

  it('gives an all-null column of the first part the type a later part gives it', async () => {
    mkdirSync(at('parts'));
    write('parts/1.jsonl', '{"x": null, "y": 1}\n');
    write('parts/2.jsonl', '{"x": 2, "y": 3}\n');
    const table = await readTable(at('parts'), { file: 'parts' });
    expect(column(table, 'x').type).toBe('number');
    expect(column(table, 'x').valueClass).toBe('number');
    expect(numbers(table, 'x')).toEqual([2]);
    expect(column(table, 'x').missingCount).toBe(1);
  });

  it('refuses parts that give a column different types, naming both', async () => {
    mkdirSync(at('mixed'));
    write('mixed/1.jsonl', '{"x": "a"}\n');
    write('mixed/2.jsonl', '{"x": 2}\n');
    expect(await failure(at('mixed'), 'mixed')).toBe(
      'mixed/2.jsonl: column "x" is number here but string in mixed/1.jsonl (every part of a dataset must give a column the same type)',
    );
  });
});

describe('bad JSON Lines files', () => {
  it('names the line and column of a line that is not JSON', async () => {
    expect(await failure(write('bad.jsonl', '{"a": 1}\n{"a": 2,}\n'), 'bad.jsonl')).toBe(
      'bad.jsonl:2:9: line is not valid JSON: Expected double-quoted property name in JSON at position 8 (each line must hold one JSON object, e.g. {"age": 31, "city": "Oslo"})',
    );
  });

  it('refuses a line that is not an object, text that is not UTF-8, an empty file', async () => {
    expect(await failure(write('array.jsonl', '{"a": 1}\n[1]\n'), 'array.jsonl')).toBe(
      'array.jsonl:2: line holds an array, not a JSON object (each line must hold one JSON object, e.g. {"age": 31, "city": "Oslo"})',
    );
    expect(
      await failure(
        write('latin1.jsonl', Uint8Array.from(Buffer.from('{"a":"\xe9"}\n', 'latin1'))),
        'latin1.jsonl',
      ),
    ).toBe('latin1.jsonl:1: line is not valid UTF-8 (JSON Lines files must be UTF-8; re-encode the file)');
    expect(await failure(write('empty.jsonl', ''), 'empty.jsonl')).toBe(
      'empty.jsonl: has no data rows (check the file is complete)',
    );
  });

  it('refuses a line longer than its bound, naming it', async () => {
    const path = write('long.jsonl', `{"a": 1}\n{"a": "${'x'.repeat(100)}"}\n`);
    const error = await openJsonLinesPart(path, 'long.jsonl', 50).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).toLine()).toMatch(/^long\.jsonl:2: /);
  });
});
