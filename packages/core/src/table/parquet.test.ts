import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetMetadata, parquetSchema } from 'hyparquet';
import { getTreePath } from 'hyparquet/src/schema.js';
import { parquetWriteFile } from 'hyparquet-writer';
import { ByteWriter } from 'hyparquet-writer/src/bytewriter.js';
import { writePageHeader } from 'hyparquet-writer/src/datapage.js';
import { writeRleBitPackedHybrid } from 'hyparquet-writer/src/encoding.js';
import { writeMetadata } from 'hyparquet-writer/src/metadata.js';
import { writePlain } from 'hyparquet-writer/src/plain.js';
import pl from 'nodejs-polars';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CsvColumn, CsvColumnTable } from '../csv/columns.js';
import { readTable } from '../csv/table-reader.js';
import { InputError } from '../errors.js';
import { exactQuotient } from './parquet.js';
import { chunkRange, flatChunkPages } from './parquet-chunk.js';
import { duckdb, sqlPath } from './testing/duckdb.js';

// Files written by two writers independent of hyparquet: DuckDB (@duckdb/node-api) and polars
// (nodejs-polars), into a temporary folder. Expected values are written out by hand from the SQL.

let folder: string;
const at = (name: string) => join(folder, name);
const column = (table: CsvColumnTable, name: string): CsvColumn => table.columns[table.header.indexOf(name)]!;
const numbers = (table: CsvColumnTable, name: string) => Array.from(column(table, name).numbers);
/** A column's storage without the type a typed reader adds, to compare with a CSV file's. */
const stored = ({ type: _t, valueClass: _v, ...rest }: CsvColumn & { type?: string; valueClass?: string }) =>
  rest;

const CODECS = ['snappy', 'gzip', 'zstd', 'lz4', 'brotli', 'uncompressed'] as const;

// Ten rows, i = 0..9; row groups of 4 rows (three groups).
const TYPES_SQL = `SELECT i::TINYINT AS i8, i::INT AS i32, (i * 1000000000000)::BIGINT AS i64,
  (9007199254740993 + i)::BIGINT AS big, i::UTINYINT AS u8, (4000000000 + i)::UINTEGER AS u32,
  (i / 7.0)::DOUBLE AS d, (i / 3.0)::FLOAT AS f,
  CASE WHEN i % 5 = 0 THEN NULL ELSE i * 0.5 END::DOUBLE AS dn,
  CASE WHEN i = 3 THEN 'nan'::DOUBLE WHEN i = 4 THEN 'inf'::DOUBLE ELSE i END::DOUBLE AS dnan,
  ('c' || (i % 3)) AS s, CASE WHEN i % 4 = 0 THEN NULL ELSE (i % 2)::VARCHAR END AS snum,
  (i % 2 = 0) AS b, (123456789.123456789 + i)::DECIMAL(18,9) AS dec,
  (i - 5.25)::DECIMAL(38,2) AS dec38, (i + 0.5)::DECIMAL(4,1) AS dec4,
  DATE '2026-01-01' + i::INT AS dt, TIMESTAMP '2026-01-01 00:00:00.123456' + INTERVAL (i) SECOND AS ts,
  [i, i + 1] AS lst, {'x': i} AS st
  FROM range(10) r(i)`;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'mlops-parquet-'));
  const db = await duckdb();
  try {
    await db.run(`CREATE TABLE t AS ${TYPES_SQL}`);
    for (const codec of CODECS)
      await db.run(
        `COPY t TO ${sqlPath(at(`types-${codec}.parquet`))} (FORMAT parquet, COMPRESSION ${codec}, ROW_GROUP_SIZE 4)`,
      );
    await db.run(`COPY (SELECT * FROM t WHERE false) TO ${sqlPath(at('empty.parquet'))} (FORMAT parquet)`);
    // A dataset in Hive partition folders, plus the files Spark leaves beside the data.
    await db.run(
      `COPY (SELECT i AS x, ('d' || (i % 2)) AS day FROM range(6) r(i)) TO ${sqlPath(at('hive'))} (FORMAT parquet, PARTITION_BY (day))`,
    );
    writeFileSync(at('hive/_SUCCESS'), '');
    writeFileSync(at('hive/.part.crc'), 'not parquet');
    // Parts that disagree on a column's type.
    mkdirSync(at('mixed'));
    await db.run(`COPY (SELECT 1::INT AS x) TO ${sqlPath(at('mixed/a.parquet'))} (FORMAT parquet)`);
    await db.run(`COPY (SELECT 'one' AS x) TO ${sqlPath(at('mixed/b.parquet'))} (FORMAT parquet)`);
    // Dictionary-encoded strings over several row groups and pages: categories, number text, blanks,
    // missing markers and nulls; and the same rows as CSV (DuckDB writes NULL as an empty field).
    const words = `['red', 'blue', '1.5', '', 'NA', ' 7 ', 'nan', 'green']`;
    const dictionarySql = `SELECT CASE WHEN i % 11 = 0 THEN NULL ELSE ${words}[1 + (i * 7) % 8] END AS w,
      ((i * 13) % 5) * 0.25 AS x FROM range(5000) r(i)`;
    await db.run(
      `COPY (${dictionarySql}) TO ${sqlPath(at('dictionary.parquet'))} (FORMAT parquet, ROW_GROUP_SIZE 1000)`,
    );
    await db.run(`COPY (${dictionarySql}) TO ${sqlPath(at('dictionary.csv'))} (FORMAT csv, HEADER true)`);
    mkdirSync(at('extra'));
    await db.run(`COPY (SELECT 1::INT AS x) TO ${sqlPath(at('extra/a.parquet'))} (FORMAT parquet)`);
    await db.run(
      `COPY (SELECT 2::INT AS x, 3::INT AS y) TO ${sqlPath(at('extra/b.parquet'))} (FORMAT parquet)`,
    );
  } finally {
    db.close();
  }
  // polars: float32, int64 past 2^53, dictionary-encoded (categorical) strings, nulls.
  pl.DataFrame({
    f32: pl.Series('f32', [0.1, 2.5, null, -3.75], pl.Float32),
    // 2^53 + 1 made in polars' own int64 arithmetic (its JavaScript API takes no BigInt).
    i64: pl
      .Series('i64', [2 ** 53, -5, null, 0])
      .cast(pl.Int64)
      .add(pl.Series([1, 1, 1, 1]).cast(pl.Int64)),
    cat: pl.Series('cat', ['red', null, 'blue', 'red'], pl.Categorical),
    txt: pl.Series('txt', ['a', 'b', 'a', null], pl.Utf8),
  }).writeParquet(at('polars.parquet'));
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('reading Parquet written by DuckDB', () => {
  it.each(CODECS)('reads every column of a %s file with three row groups', async (codec) => {
    const table = await readTable(at(`types-${codec}.parquet`), { file: `types-${codec}.parquet` });
    expect(table.rowCount).toBe(10);
    expect(table.header).toEqual([
      'i8',
      'i32',
      'i64',
      'big',
      'u8',
      'u32',
      'd',
      'f',
      'dn',
      'dnan',
      's',
      'snum',
      'b',
      'dec',
      'dec38',
      'dec4',
      'dt',
      'ts',
      'lst',
      'st',
    ]);
    const range = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    expect(numbers(table, 'i8')).toEqual(range);
    expect(numbers(table, 'i64')).toEqual(range.map((i) => i * 1e12));
    // 9007199254740993 + i, each the nearest double (ties to even), as float() of the digits gives.
    expect(numbers(table, 'big')).toEqual(range.map((i) => Number(`${9007199254740993n + BigInt(i)}`)));
    expect(numbers(table, 'u32')).toEqual(range.map((i) => 4000000000 + i));
    expect(numbers(table, 'd')).toEqual(range.map((i) => i / 7));
    // FLOAT: the float32 nearest i/3, widened to the same double.
    expect(numbers(table, 'f')).toEqual(range.map((i) => Math.fround(i / 3)));
    expect(numbers(table, 'dn')).toEqual([0.5, 1, 1.5, 2, 3, 3.5, 4, 4.5]);
    expect(column(table, 'dn').missingCount).toBe(2);
    // NaN and infinity are missing, as in CSV.
    expect(column(table, 'dnan').missingCount).toBe(2);
    expect(numbers(table, 'dnan')).toEqual([0, 1, 2, 5, 6, 7, 8, 9]);
    expect(column(table, 's').categories).toEqual(['c0', 'c1', 'c2']);
    expect(column(table, 's').textCount).toBe(10);
    // String cells holding numbers are numbers, as CSV cells are.
    expect(numbers(table, 'snum')).toEqual([1, 0, 1, 1, 0, 1, 1]);
    expect(column(table, 'snum').missingCount).toBe(3);
    expect(column(table, 'b').categories).toEqual(['true', 'false']);
    // DECIMAL: the double nearest the exact decimal, not a float product.
    expect(numbers(table, 'dec')).toEqual(range.map((i) => Number(`${123456789 + i}.123456789`)));
    expect(numbers(table, 'dec')[0]).toBe(123456789.12345679);
    expect(numbers(table, 'dec38')).toEqual(range.map((i) => Number((i - 5.25).toFixed(2))));
    expect(numbers(table, 'dec4')).toEqual(range.map((i) => i + 0.5));
    // DATE and TIMESTAMP: seconds since 1970-01-01 UTC.
    expect(numbers(table, 'dt')).toEqual(range.map((i) => Date.UTC(2026, 0, 1 + i) / 1000));
    expect(numbers(table, 'ts')).toEqual(
      range.map((i) => Number(`${Date.UTC(2026, 0, 1) / 1000 + i}.123456`)),
    );
    const types = Object.fromEntries(table.columns.map((c) => [c.name, `${c.type}/${c.valueClass}`]));
    expect(types).toEqual({
      i8: 'int8/number',
      i32: 'int32/number',
      i64: 'int64/number',
      big: 'int64/number',
      u8: 'uint8/number',
      u32: 'uint32/number',
      d: 'double/number',
      f: 'float/number',
      dn: 'double/number',
      dnan: 'double/number',
      s: 'string/text',
      snum: 'string/text',
      b: 'boolean/boolean',
      dec: 'decimal(18,9)/number',
      dec38: 'decimal(38,2)/number',
      dec4: 'decimal(4,1)/number',
      dt: 'date/date',
      ts: 'timestamp[micros]/date',
      lst: 'list/unsupported',
      st: 'struct/unsupported',
    });
    // A type not compared is not read.
    expect(column(table, 'lst').numbers.length + column(table, 'lst').textCount).toBe(0);
  });

  it('reads only the columns asked for, and keeps text for categories', async () => {
    const table = await readTable(at('types-zstd.parquet'), {
      only: new Set(['i32', 'dec4']),
      keepText: new Set(['i32', 'dec4']),
    });
    expect(table.header).toHaveLength(20);
    expect(column(table, 'i32').categories).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(column(table, 'dec4').categories[0]).toBe('0.5');
    expect(column(table, 'd').numbers).toHaveLength(0);
  });

  it('sorts the numbers when asked', async () => {
    const table = await readTable(at('types-snappy.parquet'), {
      sortNumbers: true,
      only: new Set(['dec38']),
    });
    expect(column(table, 'dec38').numbersSorted).toBe(true);
    expect(numbers(table, 'dec38')).toEqual([...numbers(table, 'dec38')].sort((a, b) => a - b));
  });
});

describe('reading Parquet written by polars', () => {
  it('reads float32, int64 past 2^53, dictionary-encoded strings and nulls', async () => {
    const table = await readTable(at('polars.parquet'), {});
    expect(table.rowCount).toBe(4);
    expect(numbers(table, 'f32')).toEqual([Math.fround(0.1), 2.5, -3.75]);
    expect(numbers(table, 'f32')[0]).toBe(0.10000000149011612);
    expect(column(table, 'f32').missingCount).toBe(1);
    expect(numbers(table, 'i64')).toEqual([9007199254740992, -4, 1]);
    expect(column(table, 'i64').type).toBe('int64');
    expect(column(table, 'cat').categories).toEqual(['red', 'blue']);
    expect(column(table, 'cat').missingCount).toBe(1);
    expect(Array.from(column(table, 'cat').codes)).toEqual([0, 1, 0]);
    expect(column(table, 'txt').categories).toEqual(['a', 'b']);
    expect(column(table, 'f32').type).toBe('float');
    expect(column(table, 'txt').valueClass).toBe('text');
  });
});

describe('dictionary-encoded columns', () => {
  it('are read as codes, each entry classified once, giving the table the CSV file gives', async () => {
    const bytes = readFileSync(at('dictionary.parquet'));
    const metadata = parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
    const tree = parquetSchema(metadata);
    const group = metadata.row_groups[0]!;
    const chunk = group.columns[0]!.meta_data!;
    const { start, end } = chunkRange(chunk);
    const pages = [
      ...flatChunkPages(bytes.subarray(start, end), Number(group.num_rows), {
        element: metadata.schema[1]!,
        schemaPath: getTreePath(tree, ['w']),
        meta: chunk,
        parsers: {},
        compressors: {},
      }),
    ];
    expect(pages.every((page) => page.indices !== undefined)).toBe(true);

    const request = { naValues: ['NA'] };
    const parquet = await readTable(at('dictionary.parquet'), { ...request, file: 'dictionary.parquet' });
    const csv = await readTable(at('dictionary.csv'), { ...request, file: 'dictionary.csv' });
    for (const name of ['w', 'x']) expect(stored(column(parquet, name))).toEqual(stored(column(csv, name)));
    // The SQL's rows, counted here: null, blank, NA and nan are missing; 1.5 and 7 numbers.
    const words = ['red', 'blue', '1.5', '', 'NA', ' 7 ', 'nan', 'green'];
    const cells = Array.from({ length: 5000 }, (_, i) => (i % 11 === 0 ? null : words[(i * 7) % 8]!));
    const w = column(parquet, 'w');
    expect(w.missingCount).toBe(
      cells.filter((cell) => cell === null || ['', 'NA', 'nan'].includes(cell)).length,
    );
    expect(w.numbers.length).toBe(cells.filter((cell) => cell === '1.5' || cell === ' 7 ').length);
    expect([...w.categories].sort()).toEqual(['blue', 'green', 'red']);
  });
});

type WriterPageHeader = Parameters<typeof writePageHeader>[1];

/**
 * A Parquet file of REQUIRED columns in version 1 data pages (what Spark and pyarrow write for
 * non-nullable columns), uncompressed, put together from hyparquet-writer's page and footer writers:
 * `x` DOUBLE in PLAIN pages of `pageRows` values, `s` a STRING with a dictionary page and pages of
 * RLE_DICTIONARY indices.
 */
function writeRequiredV1(path: string, x: readonly number[], s: readonly string[], pageRows: number): void {
  const out = new ByteWriter();
  out.appendUint32(0x31524150); // PAR1
  const bytesOf = (write: (writer: ByteWriter) => void) => {
    const writer = new ByteWriter();
    write(writer);
    return Uint8Array.from(writer.getBytes());
  };
  const page = (
    header: Omit<WriterPageHeader, 'uncompressed_page_size' | 'compressed_page_size'>,
    body: Uint8Array,
  ) => {
    writePageHeader(out, {
      ...header,
      uncompressed_page_size: body.length,
      compressed_page_size: body.length,
    });
    out.appendBytes(body);
  };
  const dataPage = (count: number, encoding: 'PLAIN' | 'RLE_DICTIONARY') => ({
    type: 'DATA_PAGE' as const,
    data_page_header: {
      num_values: count,
      encoding,
      definition_level_encoding: 'RLE' as const,
      repetition_level_encoding: 'RLE' as const,
    },
  });
  const parts = <T>(values: readonly T[]) =>
    Array.from({ length: Math.ceil(values.length / pageRows) }, (_, i) =>
      values.slice(i * pageRows, (i + 1) * pageRows),
    );
  const xStart = out.offset;
  for (const part of parts(x))
    page(
      dataPage(part.length, 'PLAIN'),
      bytesOf((w) => writePlain(w, part, 'DOUBLE', undefined)),
    );
  const xEnd = out.offset;
  const dictionary = [...new Set(s)];
  const sStart = out.offset;
  const encoder = new TextEncoder();
  page(
    { type: 'DICTIONARY_PAGE', dictionary_page_header: { num_values: dictionary.length, encoding: 'PLAIN' } },
    bytesOf((w) =>
      writePlain(
        w,
        dictionary.map((text) => encoder.encode(text)),
        'BYTE_ARRAY',
        undefined,
      ),
    ),
  );
  const sData = out.offset;
  const width = Math.max(1, Math.ceil(Math.log2(dictionary.length)));
  for (const part of parts(s))
    page(
      dataPage(part.length, 'RLE_DICTIONARY'),
      bytesOf((w) => {
        w.appendUint8(width);
        writeRleBitPackedHybrid(
          w,
          part.map((text) => dictionary.indexOf(text)),
          width,
        );
      }),
    );
  const sEnd = out.offset;
  const chunk = (name: string, type: 'DOUBLE' | 'BYTE_ARRAY', start: number, data: number, end: number) => ({
    file_offset: BigInt(start),
    meta_data: {
      type,
      encodings: type === 'DOUBLE' ? ['PLAIN'] : ['PLAIN', 'RLE_DICTIONARY'],
      path_in_schema: [name],
      codec: 'UNCOMPRESSED',
      num_values: BigInt(x.length),
      total_uncompressed_size: BigInt(end - start),
      total_compressed_size: BigInt(end - start),
      data_page_offset: BigInt(data),
      ...(data === start ? {} : { dictionary_page_offset: BigInt(start) }),
    },
  });
  writeMetadata(out, {
    version: 1,
    schema: [
      { name: 'schema', num_children: 2 },
      { name: 'x', type: 'DOUBLE', repetition_type: 'REQUIRED' },
      { name: 's', type: 'BYTE_ARRAY', repetition_type: 'REQUIRED', converted_type: 'UTF8' },
    ],
    num_rows: BigInt(x.length),
    row_groups: [
      {
        columns: [chunk('x', 'DOUBLE', xStart, xStart, xEnd), chunk('s', 'BYTE_ARRAY', sStart, sData, sEnd)],
        total_byte_size: BigInt(sEnd - xStart),
        num_rows: BigInt(x.length),
      },
    ],
    created_by: 'mlops parquet.test.ts',
  } as unknown as Parameters<typeof writeMetadata>[1]);
  out.appendUint32(0x31524150);
  writeFileSync(path, Uint8Array.from(out.getBytes()));
}

describe('REQUIRED columns (no definition levels), as Spark and pyarrow write non-nullable ones', () => {
  // Neither DuckDB nor polars writes them: hyparquet-writer does (nullable: false; version 2 data
  // pages), and a file put together from its page writers has them in version 1 pages (as Spark and
  // pyarrow write), with dictionary pages for the strings and several pages per column.
  it("are read from their pages' start, doubles and dictionary-encoded strings, as their CSV is", async () => {
    const rows = 30_000;
    const x = Array.from({ length: rows }, (_, i) => ((i * 7919) % 10007) / 8);
    const s = Array.from({ length: rows }, (_, i) => ['north', 'south', '3.5', 'NA', 'east'][(i * 13) % 5]!);
    parquetWriteFile({
      filename: at('required-v2.parquet'),
      columnData: [
        { name: 'x', data: x, type: 'DOUBLE', nullable: false },
        { name: 's', data: s, type: 'STRING', nullable: false },
      ],
      rowGroupSize: 12_000,
      pageSize: 16_384,
    });
    writeRequiredV1(at('required-v1.parquet'), x, s, 7_000);
    writeFileSync(at('required.csv'), `x,s\n${x.map((value, i) => `${value},${s[i]}`).join('\n')}\n`);
    const request = { naValues: ['NA'] };
    const csv = await readTable(at('required.csv'), { ...request, file: 'required.csv' });
    for (const file of ['required-v2.parquet', 'required-v1.parquet']) {
      const bytes = readFileSync(at(file));
      const metadata = parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
      expect(metadata.schema.slice(1).map((element) => element.repetition_type)).toEqual([
        'REQUIRED',
        'REQUIRED',
      ]);
      expect(metadata.row_groups[0]!.columns[1]!.meta_data!.encodings).toContain('RLE_DICTIONARY');
      const parquet = await readTable(at(file), { ...request, file });
      for (const name of ['x', 's']) expect(stored(column(parquet, name))).toEqual(stored(column(csv, name)));
      expect(numbers(parquet, 'x').slice(0, 3)).toEqual([0, 989.875, 728.875]);
      expect(column(parquet, 's').missingCount).toBe(rows / 5);
    }
  });
});

describe('datasets of part files', () => {
  it('reads a folder of Hive partitions as one table, leaving the partition keys out', async () => {
    const table = await readTable(at('hive'), { file: 'hive' });
    expect(table.header).toEqual(['x']);
    expect(table.rowCount).toBe(6);
    expect(numbers(table, 'x').sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('adds the partition keys as columns when asked', async () => {
    const table = await readTable(at('hive'), { file: 'hive', hivePartitioning: true });
    expect(table.header).toEqual(['x', 'day']);
    expect(column(table, 'day').categories).toEqual(['d0', 'd1']);
    // Parts in path order: day=d0 (0, 2, 4), then day=d1 (1, 3, 5).
    expect(numbers(table, 'x')).toEqual([0, 2, 4, 1, 3, 5]);
    expect(Array.from(column(table, 'day').codes)).toEqual([0, 0, 0, 1, 1, 1]);
  });

  it('reads the files a pattern matches', async () => {
    const table = await readTable(join(folder, 'hive/day=d1/*.parquet'), { file: 'hive/day=d1/*.parquet' });
    expect(numbers(table, 'x')).toEqual([1, 3, 5]);
  });

  it('says so when a pattern matches nothing', async () => {
    await expect(readTable(join(folder, 'nothing/*.parquet'), { file: 'nothing/*.parquet' })).rejects.toThrow(
      'no file matches this pattern',
    );
  });

  it('refuses parts whose column types differ, naming both', async () => {
    const error = await readTable(at('mixed'), { file: 'mixed' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).file).toBe('mixed/b.parquet');
    expect((error as InputError).message).toBe('column "x" is string here but int32 in mixed/a.parquet');
  });

  it('refuses parts with a column the first lacks', async () => {
    await expect(readTable(at('extra'), { file: 'extra' })).rejects.toThrow(
      'has a column "y", which extra/a.parquet lacks',
    );
  });
});

describe('bad Parquet files', () => {
  const failure = async (bytes: Uint8Array | string, name: string) => {
    writeFileSync(at(name), bytes);
    const error = await readTable(at(name), { file: name }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).file).toBe(name);
    return (error as InputError).message;
  };

  it('refuses a file without the magic number', async () => {
    expect(await failure('a,b\n1,2\n', 'csv.parquet')).toBe('is not a Parquet file: too short');
    expect(await failure('x'.repeat(100), 'text.parquet')).toBe(
      'is not a Parquet file: no PAR1 magic number at its start',
    );
  });

  it('refuses a truncated file', async () => {
    const whole = readFileSync(at('types-snappy.parquet'));
    expect(await failure(whole.subarray(0, Math.floor(whole.length / 2)), 'half.parquet')).toMatch(
      /^is not a readable Parquet file: /,
    );
  });

  it.each(['gzip', 'snappy'])(
    'refuses a %s file whose data pages are damaged, with one line',
    async (codec) => {
      const whole = Buffer.from(readFileSync(at(`types-${codec}.parquet`)));
      for (let index = 200; index < 260; index += 1) whole[index] = 0xff;
      expect(await failure(whole, 'damaged.parquet')).not.toMatch(/\n/);
    },
  );

  it('refuses a file with no rows', async () => {
    const error = await readTable(at('empty.parquet'), { file: 'empty.parquet' }).catch(
      (caught: unknown) => caught,
    );
    expect((error as InputError).message).toBe('has no data rows');
  });

  it('says a missing file is missing', async () => {
    await expect(readTable(at('absent.parquet'), { file: 'absent.parquet' })).rejects.toThrow(
      'file not found',
    );
  });
});

describe('exactQuotient', () => {
  it.each([
    [123456789123456789n, 9, 123456789.12345679],
    [-525n, 2, -5.25],
    [1n, 20, 1e-20],
    [0n, 3, 0],
    [12n, 0, 12],
    [12n, -2, 1200],
  ])('%s / 10^%s = %s', (integer, scale, expected) => {
    expect(exactQuotient(integer, scale)).toBe(expected);
  });
});
