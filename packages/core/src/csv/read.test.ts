import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import type { CsvColumnTable } from './columns.js';
import { csvSourceFromText, parseCsvColumns, readCsvColumns } from './read.js';

const dir = mkdtempSync(join(tmpdir(), 'mlops-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function parse(text: string, options: Parameters<typeof parseCsvColumns>[1] = {}): CsvColumnTable {
  return parseCsvColumns(csvSourceFromText('data.csv', text), options);
}

/** The error line a user would see for a reader failure. */
function errorLine(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof InputError) return error.toLine();
    throw error;
  }
  throw new Error('expected an InputError');
}

function plain(table: CsvColumnTable) {
  return table.columns.map((column) => ({
    name: column.name,
    missing: column.missingCount,
    numbers: [...column.numbers],
    text: column.textCount,
    codes: [...column.codes],
    categories: [...column.categories],
  }));
}

describe('parseCsvColumns stores each column once, no object per row', () => {
  it('classifies cells: numbers, text, missing (blank, nan, inf, markers)', () => {
    const table = parse('x,y\n1.5,a\n ,b\nnan,a\n-inf,NA\n 2 ,7\n', { naValues: ['NA'] });
    expect(table.rowCount).toBe(5);
    expect(plain(table)).toEqual([
      { name: 'x', missing: 3, numbers: [1.5, 2], text: 0, codes: [], categories: [] },
      { name: 'y', missing: 1, numbers: [7], text: 3, codes: [0, 1, 0], categories: ['a', 'b'] },
    ]);
  });

  it('keeps the text of numeric cells for keepText columns, as written', () => {
    const table = parse('c\n7\n7.0\nA\n7\n', { keepText: new Set(['c']) });
    expect(plain(table)[0]).toEqual({
      name: 'c',
      missing: 0,
      numbers: [7, 7, 7],
      text: 1,
      codes: [0, 1, 2, 0],
      categories: ['7', '7.0', 'A'],
    });
  });

  it('reads quotes, embedded newlines, CRLF, empty lines and a BOM', () => {
    const table = parse('\ufeffname,note\r\n"Smith, J","line 1\r\nline 2"\r\n\r\n"He said ""hi""",x\r\n');
    expect(table.header).toEqual(['name', 'note']);
    expect(table.rowCount).toBe(2);
    expect(table.columns[0]!.categories).toEqual(['Smith, J', 'He said "hi"']);
    expect(table.columns[1]!.categories).toEqual(['line 1\r\nline 2', 'x']);
  });

  it("reads \n, \r\n and a lone \r as line ends, in any mix, as Python's csv module does", () => {
    // csv.reader(io.StringIO('a,b\r1,2\r3,4\n5,6\r\n"x\ry",8\n', newline='')): the header and 4 rows.
    const table = parse('a,b\r1,2\r3,4\n5,6\r\n"x\ry",8\n');
    expect(table.rowCount).toBe(4);
    expect([...table.columns[0]!.numbers]).toEqual([1, 3, 5]);
    expect(table.columns[0]!.categories).toEqual(['x\ry']);
    expect([...table.columns[1]!.numbers]).toEqual([2, 4, 6, 8]);
  });

  it('stores only the columns asked for', () => {
    const table = parse('a,b\n1,2\n3,4\n', { only: new Set(['b']) });
    expect([...table.columns[0]!.numbers]).toEqual([]);
    expect([...table.columns[1]!.numbers]).toEqual([2, 4]);
  });
});

describe('readCsvColumns picks the format by name', () => {
  it('reads .tsv with tabs, .csv.gz and .tsv.gz gunzipped', () => {
    const expected = [
      { name: 'a', missing: 0, numbers: [1, 3], text: 0, codes: [], categories: [] },
      { name: 'b', missing: 0, numbers: [], text: 2, codes: [0, 1], categories: ['x', 'y'] },
    ];
    expect(plain(readCsvColumns(write('t.tsv', 'a\tb\n1\tx\n3\ty\n')))).toEqual(expected);
    expect(plain(readCsvColumns(write('t.csv.gz', gzipSync('a,b\n1,x\n3,y\n'))))).toEqual(expected);
    expect(plain(readCsvColumns(write('t.tsv.gz', gzipSync('a\tb\n1\tx\n3\ty\n'))))).toEqual(expected);
    expect(plain(readCsvColumns(write('semi.csv', 'a;b\n1;x\n3;y\n'), { delimiter: ';' }))).toEqual(expected);
  });
});

describe('bad input: one InputError naming file, line and column', () => {
  it.each([
    [
      'a ragged row (too many fields)',
      'a,b,c\n1,2,3\n\n4,5,6,7\n',
      'data.csv:4:7: row has 4 fields but the header has 3',
    ],
    ['a ragged row (too few fields)', 'a,b,c\n1,2\n', 'data.csv:2:4: row has 2 fields but the header has 3'],
    [
      'a ragged row among mixed line ends',
      'a,b\r1,2\r\n3\n4,5\n',
      'data.csv:3:2: row has 1 field but the header has 2',
    ],
    [
      'a ragged row after a multi-line field',
      'a,b\n1,"x\ny"\n2,3,4\n',
      'data.csv:4:5: row has 3 fields but the header has 2',
    ],
    [
      'an unterminated quote',
      'a,b\n1,2\n3,"abc\n4,5\n',
      'data.csv:3:3: unterminated quoted field: this quote is never closed',
    ],
    ['a duplicate header name', 'a,b,a\n1,2,3\n', 'data.csv:1:5: duplicate column name "a" in the header'],
    ['an empty file', '', 'data.csv:1: is empty: expected a header row and data rows'],
    ['a header without rows', 'a,b\r\n', 'data.csv:2: has a header but no data rows'],
  ])('%s', (_name, text, message) => {
    expect(errorLine(() => parse(text))).toMatch(new RegExp(`^${message.replace(/[()[\]"]/g, '\\$&')}`));
  });

  it('invalid UTF-8, with the line and the column in characters', () => {
    const path = write(
      'latin1.csv',
      Buffer.concat([Buffer.from('a,b\n1,é\n2,'), Buffer.from([0xe9]), Buffer.from('t\n')]),
    );
    expect(errorLine(() => readCsvColumns(path, { file: 'latin1.csv' }))).toBe(
      'latin1.csv:3:3: invalid UTF-8 byte 0xe9 (save the file as UTF-8)',
    );
  });

  it('a missing file, a directory, a corrupt gzip', () => {
    expect(errorLine(() => readCsvColumns(join(dir, 'nope.csv'), { file: 'nope.csv' }))).toBe(
      'nope.csv: file not found (check the path)',
    );
    expect(errorLine(() => readCsvColumns(dir, { file: 'folder' }))).toBe(
      'folder: is a directory, expected a CSV file',
    );
    expect(
      errorLine(() => readCsvColumns(write('bad.csv.gz', 'a,b\n1,2\n'), { file: 'bad.csv.gz' })),
    ).toMatch(/^bad\.csv\.gz: is not a valid gzip file/);
  });

  it('any text gives a table or an InputError, never another exception', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '1', ',', '"', '\n', '\r', ' ', 'é') }), (text) => {
        try {
          const table = parse(text);
          for (const column of table.columns)
            expect(column.missingCount + column.numbers.length + column.textCount).toBe(table.rowCount);
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
