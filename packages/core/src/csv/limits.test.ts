import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { codePointCount, MAX_CELL_BYTES } from './limits.js';
import { findLongCell } from './locate.js';
import { readCsvColumns } from './read.js';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('findLongCell: the first cell longer than the limit, by line and column', () => {
  it.each([
    ['a,b\n1,22\n', undefined],
    ['a,b\n1,123\n', undefined], // exactly the limit
    ['a,b\n1,1234\n', { line: 2, column: 3 }],
    ['a,b\r\n1,2\r\nxyzw,1\r\n', { line: 3, column: 1 }],
    ['a,b\r1,2\r\n\n1,wxyz', { line: 4, column: 3 }],
    ['a,b\n"\n",1\né,1234\n', { line: 4, column: 3 }], // a quoted line end counts as a line
    ['a,b\n"1,2"\n', { line: 2, column: 1 }], // quotes count in the length
    ['a,b\n"1""",2\n', { line: 2, column: 1 }],
    ['\ufeffabcd,b\n', { line: 1, column: 1 }],
    ['a;bbb\n', undefined], // with ';' as the delimiter, below
    ['a;bbbb\n', { line: 1, column: 3 }],
  ])('%j', (text, where) => {
    expect(findLongCell(bytes(text), text.startsWith('a;') ? ';' : ',', 3)).toEqual(where);
  });

  it('codePointCount counts characters, not bytes', () => {
    expect(codePointCount(bytes('aé🙂b'), 0, bytes('aé🙂b').length)).toBe(4);
  });
});

describe('every reader refuses a cell over 64 MiB with its line and column, never a RangeError', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlops-cell-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const long = 'x'.repeat(MAX_CELL_BYTES + 1);
  writeFileSync(join(dir, 'plain.csv'), `a,b\n1,2\n\né,${long}\n3,4\n`);
  writeFileSync(join(dir, 'quoted.csv'), `a,b\n1,"2"\n\né,"${long.slice(2)}"\n`);
  writeFileSync(join(dir, 'exact.csv'), `a,b\n1,${long.slice(1)}\n`);
  writeFileSync(join(dir, 'header.csv.gz'), gzipSync(`a,${long}\n1,2\n`, { level: 1 }));

  const where = (name: string, parser: 'auto' | 'csv-parse' = 'auto') => {
    try {
      readCsvColumns(join(dir, name), { file: name, parser });
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      const { file, line, column, message } = error as InputError;
      return { file, line, column, message };
    }
    return undefined;
  };
  const message = 'cell longer than 64 MiB, the most a cell may hold';

  it.each([
    ['plain.csv', 'auto', 4, 3], // the byte-level reader (its buffer grew for the line)
    ['plain.csv', 'csv-parse', 4, 3],
    ['quoted.csv', 'auto', 4, 3], // quotes: csv-parse
    ['header.csv.gz', 'auto', 1, 3],
  ] as const)('%s (%s): line %d, column %d', (name, parser, line, column) => {
    expect(where(name, parser)).toEqual({ file: name, line, column, message });
  });

  it('a cell of exactly 64 MiB is read', () => {
    const table = readCsvColumns(join(dir, 'exact.csv'), { file: 'exact.csv' });
    expect(table.columns[1]!.categories[0]!.length).toBe(MAX_CELL_BYTES);
  });
});
