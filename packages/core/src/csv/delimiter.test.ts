import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { delimiterMismatch, detectDelimiter, firstLineOf } from './delimiter.js';
import { readCsvColumns } from './read.js';

describe('detectDelimiter: another delimiter only for a one-field header that splits on exactly one', () => {
  it.each([
    ['a,b,c', ',', ',', false],
    ['a;b;c', ',', ';', true],
    ['a\tb', ',', '\t', true],
    ['a|b', ',', '|', true],
    ['a;b', '\t', ';', true], // a .tsv whose header has no tab
    ['a\tb', '\t', '\t', false],
    ['single', ',', ',', false], // a file of one column
    ['a,b;c', ',', ',', false], // splits on the expected one: kept
    ['"a;b"', ',', ',', false], // the ';' is inside quotes: one column
    ['"a;b";c', ',', ';', true],
    ['', ',', ',', false],
  ])('%j (expected %j) → %j', (line, expected, delimiter, detected) => {
    expect(detectDelimiter(line, expected, 'f.csv')).toEqual({ delimiter, detected });
  });

  it('refuses a header that splits on two candidates, naming both', () => {
    const attempt = () => detectDelimiter('a;b|c', ',', 'f.csv');
    expect(attempt).toThrow(InputError);
    expect(attempt).toThrow(
      expect.objectContaining({
        message: "the header has no ',' but holds ';' and '|': cannot tell which one separates the fields",
        file: 'f.csv',
        line: 1,
        fieldHint: ['give it with ', { field: 'delimiter' }, " ';'", ' or ', { field: 'delimiter' }, " '|'"],
      }),
    );
    // As a CLI prints it, naming the field by its flag.
    let line = '';
    try {
      attempt();
    } catch (error) {
      line = (error as InputError).toLine((field) => `--${field}`);
    }
    expect(line).toBe(
      "f.csv:1: the header has no ',' but holds ';' and '|': cannot tell which one separates the fields (give it with --delimiter ';' or --delimiter '|')",
    );
  });

  it('delimiterMismatch names the delimiter field in its hint', () => {
    const error = delimiterMismatch({ file: 'ref.csv', delimiter: ';' }, { file: 'cur.csv', delimiter: ',' });
    expect(error.toLine((field) => `--${field}`)).toBe(
      "cur.csv:1: the fields are separated by ',', but ref.csv's by ';' (save both files with the same delimiter, then name it if needed: --delimiter ';')",
    );
  });

  it('firstLineOf skips a byte-order mark and empty lines, and stops at any line end', () => {
    expect(firstLineOf(Buffer.from('\ufeff\n\r\na;b\r\n1;2\n'))).toBe('a;b');
    expect(firstLineOf(Buffer.from('a;b\r1;2'))).toBe('a;b');
    expect(firstLineOf(Buffer.from(''))).toBe('');
  });
});

describe('every reader honours the delimiter found in the header', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlops-delimiter-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const text = 'a;b;c\n1;x;2.5\n2;y;3\n3;x;\n';
  writeFileSync(join(dir, 'semi.csv'), text);
  writeFileSync(join(dir, 'semi.csv.gz'), gzipSync(text));
  writeFileSync(join(dir, 'quoted.csv'), 'a;"b";c\n1;"x";2.5\n2;y;3\n3;x;\n');

  const read = (name: string, parser: 'auto' | 'csv-parse') =>
    readCsvColumns(join(dir, name), { file: name, parser });

  it.each([
    ['semi.csv', 'auto'], // the byte-level reader
    ['semi.csv', 'csv-parse'],
    ['semi.csv.gz', 'auto'], // gunzipped, then the byte-level reader on the bytes
    ['quoted.csv', 'auto'], // quotes: csv-parse
  ] as const)('%s with %s', (name, parser) => {
    const table = read(name, parser);
    expect(table.header).toEqual(['a', 'b', 'c']);
    expect(table).toMatchObject({ rowCount: 3, delimiter: ';', delimiterDetected: true });
    expect([...table.columns[2]!.numbers]).toEqual([2.5, 3]);
    expect(table.columns[2]!.missingCount).toBe(1);
  });

  it('a delimiter given is used as it is', () => {
    const table = readCsvColumns(join(dir, 'semi.csv'), { file: 'semi.csv', delimiter: ',' });
    expect(table).toMatchObject({ header: ['a;b;c'], delimiter: ',', delimiterDetected: false });
  });
});
