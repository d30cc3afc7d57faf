import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { CsvColumnTable } from './columns.js';
import { parseCsvBytesFast, readCsvFileFast } from './fast-columns.js';
import { type CsvReadOptions, csvSourceFromText, parseCsvColumnsGeneral } from './read.js';

/** The general (csv-parse) reader's table for the same text: what the fast reader must equal. */
function general(text: string, options: CsvReadOptions = {}, delimiter = ','): CsvColumnTable {
  return parseCsvColumnsGeneral(csvSourceFromText('t.csv', text, delimiter), options);
}

function fast(text: string, options: CsvReadOptions = {}, delimiter = ','): CsvColumnTable | undefined {
  return parseCsvBytesFast(Buffer.from(text, 'utf8'), { ...options, file: 't.csv', delimiter });
}

const folder = mkdtempSync(join(tmpdir(), 'mlops-fast-csv-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('parseCsvBytesFast gives exactly the general reader’s table', () => {
  it.each([
    ['plain numbers and text', 'a,b,c\n1,x,2.5\n-3.25,y,+4\n0.000001,x,-0\n'],
    ['CRLF and no final line end', 'a,b\r\n1,2\r\n3,4'],
    ['a byte-order mark', '\ufeffa,b\n1,2\n'],
    ['empty lines between rows', 'a,b\n1,2\n\n\n3,4\n\n'],
    ['blank and missing cells', 'a,b\n,\n  ,x\nnan,NaN\ninf,-Infinity\n'],
    ['Python float() forms', 'a\n1e5\n.5\n5.\n1_000\n 7 \n007\n+.5\n-.5e-3\n'],
    [
      'more digits than the fast conversion takes',
      'a\n12345678901234567\n0.1234567890123456789\n9007199254740993\n',
    ],
    ['unicode text and names', 'prix €,ville\n1,Zürich\n2,東京\n3,Zürich\n'],
    ['a column with numbers and text', 'code\n7\nA1\n7\n7.0\nA1\n'],
    ['tabs', 'a\tb\n1\tx\n2\ty\n'],
    [
      'repeated categories, and texts that look alike',
      'c,d\nweb,1\nios,x\nweb,x\nWeb,\nweb ,nan\nios,x\n,NA\nweb,nan\n',
    ],
    [
      'more distinct texts than the byte dictionary holds',
      `id\n${Array.from({ length: 5000 }, (_, i) => `user-${i % 3000}`).join('\n')}\n`,
    ],
  ])('%s', (_name, text) => {
    const delimiter = text.includes('\t') ? '\t' : ',';
    const table = fast(text, {}, delimiter);
    expect(table).toBeDefined();
    expect(table).toEqual(general(text, {}, delimiter));
  });

  it('with keepText, only and extra missing markers', () => {
    const text = 'id,code,score\n1,007,0.5\n2,A1,NA\n3,7,null\n4,007,1\n';
    const options = {
      keepText: new Set(['code']),
      only: new Set(['code', 'score']),
      naValues: ['NA', 'null'],
    };
    expect(fast(text, options)).toEqual(general(text, options));
  });

  it.each([
    ['a quote anywhere', 'a,b\n1,"x"\n'],
    ['a lone carriage return', 'a,b\n1,2\r3,4\n'],
    ['mixed line ends', 'a,b\r\n1,2\n3,4\r\n'],
    ['a row with too few fields', 'a,b\n1\n'],
    ['a row with too many fields', 'a,b\n1,2,3\n'],
    ['a header alone', 'a,b\n'],
    ['an empty file', ''],
    ['duplicate header names', 'a,a\n1,2\n'],
    ['an empty line before the header', '\na,b\n1,2\n'],
  ])('leaves %s to the general reader', (_name, text) => {
    expect(fast(text)).toBeUndefined();
  });

  it('leaves invalid UTF-8 to the general reader', () => {
    const bytes = Buffer.concat([Buffer.from('a,b\n1,'), Buffer.from([0xff, 0xfe]), Buffer.from('\n')]);
    expect(parseCsvBytesFast(bytes, { file: 'bad.csv', delimiter: ',' })).toBeUndefined();
  });

  it('converts plain decimals bit for bit as Number() does', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.boolean(),
            fc.bigInt({ min: 0n, max: 999_999_999_999_999n }),
            fc.integer({ min: 0, max: 15 }),
          ),
          { minLength: 1, maxLength: 50 },
        ),
        (cells) => {
          const texts = cells.map(([negative, digits, point]) => {
            const raw = digits.toString();
            const at = Math.min(point, raw.length);
            const withPoint =
              at === 0 ? raw : `${raw.slice(0, raw.length - at)}.${raw.slice(raw.length - at)}`;
            return `${negative ? '-' : ''}${withPoint}`;
          });
          const table = fast(`x\n${texts.join('\n')}\n`)!;
          const expected = texts.map((text) =>
            Number(text.startsWith('.') || text.startsWith('-.') ? text.replace('.', '0.') : text),
          );
          return isDeepStrictEqual([...table.columns[0]!.numbers], expected);
        },
      ),
      { numRuns: 300, seed: 20261127 },
    );
  });

  it('agrees with the general reader on generated files (random cells, line ends, BOM, empty lines)', () => {
    const cell = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
      fc.integer({ min: -1_000_000, max: 1_000_000 }).map(String),
      fc.constantFrom(
        '',
        ' ',
        'nan',
        'Inf',
        '-inf',
        '1_000',
        '1e-7',
        '.5',
        '5.',
        '007',
        'NA',
        'x',
        'Zürich',
        '東京',
        ' 3 ',
        '+2',
      ),
      fc.string({ unit: 'grapheme', maxLength: 6 }).filter((text) => !/[",\r\n]/.test(text)),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((width) =>
          fc.record({
            rows: fc.array(fc.array(cell, { minLength: width, maxLength: width }), {
              minLength: 1,
              maxLength: 30,
            }),
            width: fc.constant(width),
            crlf: fc.boolean(),
            bom: fc.boolean(),
            finalNewline: fc.boolean(),
            emptyLineAfter: fc.option(fc.nat(30)),
          }),
        ),
        ({ rows, width, crlf, bom, finalNewline, emptyLineAfter }) => {
          const end = crlf ? '\r\n' : '\n';
          const lines = [Array.from({ length: width }, (_, index) => `c${index}`).join(',')];
          rows.forEach((row, index) => {
            lines.push(row.join(','));
            if (emptyLineAfter === index) lines.push('');
          });
          // A row of one empty cell is an empty line, which both readers skip: keep rows non-empty.
          if (width === 1 && rows.some((row) => row[0] === '')) return true;
          const text = `${bom ? '\ufeff' : ''}${lines.join(end)}${finalNewline ? end : ''}`;
          const table = fast(text);
          return table !== undefined && isDeepStrictEqual(table, general(text));
        },
      ),
      { numRuns: 300, seed: 42 },
    );
  });
});

describe('readCsvFileFast', () => {
  const text = [
    'name,value,kind',
    ...Array.from({ length: 500 }, (_, i) => `row${i},${(i * 0.37).toFixed(3)},${i % 3 === 0 ? 'a' : 'bb'}`),
  ].join('\n');
  const path = join(folder, 'rows.csv');
  writeFileSync(path, `${text}\n`);

  it.each([7, 64, 1000, 1 << 20])('gives the same table whatever the chunk size (%i bytes)', (chunkSize) => {
    expect(readCsvFileFast(path, { file: 'rows.csv', delimiter: ',', chunkSize })).toEqual({
      ...general(`${text}\n`),
      file: 'rows.csv',
    });
  });

  it('reports progress up to the file size', () => {
    const seen: number[] = [];
    readCsvFileFast(path, {
      file: 'rows.csv',
      delimiter: ',',
      chunkSize: 4096,
      onProgress: (read, total) => seen.push(read / total),
    });
    expect(seen.at(-1)).toBe(1);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it('returns undefined for a file it cannot open (the general reader explains)', () => {
    expect(
      readCsvFileFast(join(folder, 'missing.csv'), { file: 'missing.csv', delimiter: ',' }),
    ).toBeUndefined();
  });
});
