import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Message, MessageHeader, Table, tableFromArrays, tableToIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CsvColumn, CsvColumnTable } from '../csv/columns.js';
import { readTable } from '../csv/table-reader.js';
import { InputError } from '../errors.js';

// Arrow IPC files written by polars (nodejs-polars 0.24.1, the Rust writer, independent of
// apache-arrow, which the reader uses): scripts/fixtures/arrow_polars.mjs, whose values the expected
// ones below are written from by hand. Three rows each; the same table as an IPC file, as an IPC
// stream, and as IPC files with LZ4-frame and ZSTD compressed buffers.

const fixture = (name: string) => new URL(`../../../../fixtures/arrow/${name}`, import.meta.url).pathname;
const FILES = ['polars-types.arrow', 'polars-types.arrows', 'polars-lz4.arrow', 'polars-zstd.arrow'] as const;
const column = (table: CsvColumnTable, name: string): CsvColumn => table.columns[table.header.indexOf(name)]!;
const numbers = (table: CsvColumnTable, name: string) => Array.from(column(table, name).numbers);

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'mlops-arrow-'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('reading Arrow IPC written by polars', () => {
  it.each(FILES)('reads every type of %s, nulls as missing', async (name) => {
    const table = await readTable(fixture(name), { file: name, keepText: new Set(['s', 'b', 'cat']) });
    expect(table.rowCount).toBe(3);
    const types = Object.fromEntries(table.columns.map((c) => [c.name, `${c.type}/${c.valueClass}`]));
    expect(types).toEqual({
      i8: 'int8/number',
      i16: 'int16/number',
      i32: 'int32/number',
      i64: 'int64/number',
      u8: 'uint8/number',
      u16: 'uint16/number',
      u32: 'uint32/number',
      u64: 'uint64/number',
      f32: 'float/number',
      f64: 'double/number',
      s: 'string/text',
      b: 'boolean/boolean',
      // A dictionary-encoded (categorical) column is its values' type.
      cat: 'string/text',
      d: 'date/date',
      ts_ms: 'timestamp[millis]/date',
      ts_us: 'timestamp[micros]/date',
      ts_ns: 'timestamp[nanos]/date',
      dec: 'decimal(10,2)/number',
      lst: 'list/unsupported',
    });
    expect(numbers(table, 'i8')).toEqual([1, -128]);
    expect(numbers(table, 'i16')).toEqual([32767, -2]);
    expect(numbers(table, 'i32')).toEqual([2147483647, -2147483648]);
    // 2^53 + 1 and 2^64 - 1: the nearest doubles (ties to even), as float() of the digits gives.
    expect(numbers(table, 'i64')).toEqual([9007199254740992, -5]);
    expect(numbers(table, 'u64')).toEqual([Number(18446744073709551615n), 3]);
    expect(numbers(table, 'u8')).toEqual([255, 0]);
    expect(numbers(table, 'u16')).toEqual([65535, 1]);
    expect(numbers(table, 'u32')).toEqual([4294967295, 7]);
    // float32 0.1 widened to double, as pandas and polars widen it.
    expect(numbers(table, 'f32')).toEqual([0.10000000149011612, -2.5]);
    expect(numbers(table, 'f64')).toEqual([0.1, 1e308]);
    // Dates and timestamps: seconds since 1970-01-01 UTC from the exact stored counts.
    expect(numbers(table, 'd')).toEqual([1796083200, -86400]);
    expect(numbers(table, 'ts_ms')).toEqual([1.5, -1.5]);
    expect(numbers(table, 'ts_us')).toEqual([0.000001, 1796083200]);
    // 1796126400123456789 ns: the double nearest 1796126400.123456789.
    expect(numbers(table, 'ts_ns')).toEqual([1e-9, 1796126400.1234567]);
    expect(numbers(table, 'dec')).toEqual([1.23, -0.05]);
    for (const name of ['i8', 'i16', 'i32', 'i64', 'u64', 'f32', 'f64', 'd', 'ts_ns', 'dec', 's', 'b', 'cat'])
      expect(column(table, name).missingCount, name).toBe(1);
    expect(column(table, 's').categories).toEqual(['a', '1.5']);
    expect(column(table, 'b').categories).toEqual(['true', 'false']);
    expect(column(table, 'cat').categories).toEqual(['x', 'y']);
    // A type not compared is not read.
    expect(column(table, 'lst').numbers.length + column(table, 'lst').textCount).toBe(0);
  });

  it('reads only the columns asked for', async () => {
    const table = await readTable(fixture('polars-zstd.arrow'), { only: new Set(['f64']) });
    expect(table.header).toHaveLength(19);
    expect(numbers(table, 'f64')).toEqual([0.1, 1e308]);
    expect(column(table, 'i8').numbers).toHaveLength(0);
  });
});

describe('an IPC file whose schema is in its footer only', () => {
  // apache-arrow's JavaScript file writer starts the file's messages with the first record batch and
  // keeps the schema in the footer; readers that follow the footer (pyarrow, polars) read such files.
  const write = (name: string) => {
    const whole = tableFromArrays({
      x: Float64Array.of(0.5, 1.5, Number.NaN, 10.5, 11.5, Number.NaN),
      s: ['a0', 'b', 'a0', 'a1', 'b', 'a1'],
    });
    // Two record batches of three rows.
    const bytes = tableToIPC(new Table([...whole.slice(0, 3).batches, ...whole.slice(3).batches]), 'file');
    // The first message after the magic number and its padding: a dictionary batch, not the schema.
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    expect(view.getUint32(8, true)).toBe(0xffffffff);
    const first = Message.decode(bytes.subarray(16, 16 + view.getInt32(12, true)));
    expect(first.headerType).toBe(MessageHeader.DictionaryBatch);
    writeFileSync(join(folder, name), bytes);
    return bytes;
  };

  it('reads it, the schema taken from the footer', async () => {
    write('js-writer.arrow');
    const table = await readTable(join(folder, 'js-writer.arrow'), { file: 'js-writer.arrow' });
    expect(table.header).toEqual(['x', 's']);
    expect(table.rowCount).toBe(6);
    expect(numbers(table, 'x')).toEqual([0.5, 1.5, 10.5, 11.5]);
    expect(column(table, 'x').missingCount).toBe(2);
    expect(column(table, 's').categories).toEqual(['a0', 'b', 'a1']);
    expect(Array.from(column(table, 's').codes)).toEqual([0, 1, 0, 2, 1, 2]);
  });

  it('refuses it with a damaged footer, at once', async () => {
    const bytes = write('js-writer-damaged.arrow');
    const footerLength = new DataView(bytes.buffer, bytes.byteOffset).getInt32(bytes.length - 10, true);
    const damaged = Uint8Array.from(bytes);
    damaged.fill(0xff, bytes.length - 10 - footerLength, bytes.length - 10);
    writeFileSync(join(folder, 'js-writer-damaged.arrow'), damaged);
    const error = await readTable(join(folder, 'js-writer-damaged.arrow'), { file: 'damaged.arrow' }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).toLine()).toMatch(/^damaged\.arrow: has a corrupt footer \(/);
  });
});

describe('bad Arrow files', () => {
  const failure = async (bytes: Uint8Array | string, name: string) => {
    writeFileSync(join(folder, name), bytes);
    const error = await readTable(join(folder, name), { file: name }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).file).toBe(name);
    expect((error as InputError).toLine()).not.toMatch(/\n/);
    return (error as InputError).message;
  };

  it('refuses a file that is not Arrow IPC', async () => {
    expect(await failure('a,b\n1,2\n', 'csv.arrow')).toBe(
      'is not an Arrow IPC file: it starts with neither ARROW1 (IPC file) nor a message (IPC stream)',
    );
    expect(await failure('', 'empty.arrow')).toBe('is empty');
  });

  it.each(FILES)('refuses %s cut in half', async (name) => {
    const whole = readFileSync(fixture(name));
    expect(await failure(whole.subarray(0, Math.floor(whole.length / 2)), `half-${name}`)).toBe(
      name.endsWith('.arrows')
        ? 'has a message body past the end of the file: the file is truncated'
        : 'does not end with the Arrow magic number ARROW1: the file is truncated',
    );
  });

  it('ends on a file with a slice of its bytes deleted (apache-arrow alone read it forever)', async () => {
    // polars-types.arrow with 17 bytes deleted, found by the fuzz suite (tests/fuzz/drift.fuzz.test.ts).
    const error = await readTable(fixture('damaged-slice-deleted.arrow'), { file: 'damaged.arrow' }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).toLine()).toBe(
      'damaged.arrow: has no data rows (check the file is complete)',
    );
  });

  // Damaged by the fuzz suite's byte mutations: counts in a message's metadata that pass its length
  // (apache-arrow alone built fields until the process ran out of memory).
  it.each([
    ['damaged-schema-counts.arrow', 'has a corrupt message header at byte 16'],
    ['damaged-header.arrows', 'has a corrupt message header at byte 1408'],
  ])('refuses %s, whose metadata counts pass its length', async (name, message) => {
    const error = await readTable(fixture(name), { file: name }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe(message);
  });

  it('refuses an LZ4-compressed buffer that is not an LZ4 frame', async () => {
    const bytes = Buffer.from(readFileSync(fixture('polars-lz4.arrow')));
    const magic = Buffer.from([0x04, 0x22, 0x4d, 0x18]);
    const at = bytes.indexOf(magic);
    expect(at).toBeGreaterThan(0);
    bytes[at] = 0x05;
    expect(await failure(bytes, 'bad-lz4.arrow')).toBe(
      'has a corrupt LZ4-compressed buffer: the data is not an LZ4 frame (wrong magic number)',
    );
  });

  it('says the same when another copy of the reader filled the codec registry last', async () => {
    // The built package registers its own LZ4 decoder in apache-arrow's one global registry (as it
    // does when a test runner loads both the sources and the package): its errors are another
    // copy's class, and must read the same.
    await import('@mlops/core');
    const bytes = Buffer.from(readFileSync(fixture('polars-lz4.arrow')));
    bytes[bytes.indexOf(Buffer.from([0x04, 0x22, 0x4d, 0x18]))] = 0x05;
    expect(await failure(bytes, 'bad-lz4.arrow')).toBe(
      'has a corrupt LZ4-compressed buffer: the data is not an LZ4 frame (wrong magic number)',
    );
  });
});
