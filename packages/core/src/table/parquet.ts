import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import {
  type AsyncBuffer,
  type Compressors,
  type DecodedArray,
  type FileMetaData,
  type ParquetParsers,
  parquetMetadataAsync,
  parquetSchema,
  type SchemaElement,
} from 'hyparquet';
import { getTreePath } from 'hyparquet/src/schema.js';
import { compressors as wasmCompressors } from 'hyparquet-compressors';
import { readError } from '../csv/read.js';
import { InputError, MlopsError } from '../errors.js';
import { escapeText } from '../text/escape.js';
import { chunkRange, flatChunkPages } from './parquet-chunk.js';
import type { PartColumn, TablePart, ValueClass } from './part.js';
import { decodeSnappyInto, ScratchBytes, SnappyError } from './snappy.js';
import type { TypedColumnSink } from './values.js';

/**
 * Apache Parquet part files, read with hyparquet (pure JavaScript; chosen by measurement, see
 * docs/design/parquet-reader.md): one column chunk at a time, only the columns asked for, so reading
 * two columns of a wide file reads two columns' bytes.
 *
 * Types (see values.ts for what each value becomes):
 * - integers of every width, signed or not, float, double, float16: numbers; INT64 and UINT64 arrive
 *   as BigInt and become the nearest double;
 * - DECIMAL(p, s): the double nearest the exact decimal (read from the unscaled integer, not through
 *   a float multiplication), e.g. 123456789.123456789 → 123456789.12345679;
 * - DATE, TIMESTAMP (ms, µs, ns, and legacy INT96): numbers, seconds since 1970-01-01 UTC, from the
 *   exact integer count;
 * - STRING, ENUM, JSON, UUID: text, classified as CSV cells (see values.ts);
 * - BOOLEAN: the categories `true` and `false`;
 * - lists, maps, structs, binary without a string annotation, TIME, INTERVAL, geometry: not read; the
 *   column is reported as of a type not compared.
 */

/** Reads bytes `[start, end)` of the open file into `bytes` (as many as it holds). */
function readRange(fd: number, bytes: Uint8Array, start: number, name: string): Uint8Array {
  let done = 0;
  while (done < bytes.length) {
    const read = readSync(fd, bytes, done, bytes.length - done, start + done);
    if (read === 0) throw new InputError('ends before its data: the file is truncated', { file: name });
    done += read;
  }
  return bytes;
}

/** What hyparquet reads the footer through: positioned reads of the open file, never the whole file. */
function fileBuffer(fd: number, size: number, name: string): AsyncBuffer {
  return {
    byteLength: size,
    slice(start: number, end = size): ArrayBuffer {
      const length = Math.max(0, Math.min(end, size) - start);
      return readRange(fd, new Uint8Array(new ArrayBuffer(length)), start, name).buffer as ArrayBuffer;
    },
  };
}

/**
 * Decompressors: our own Snappy decoder into a buffer reused page after page (see snappy.ts), Node's
 * own zlib for gzip and brotli, hyparquet-compressors for the rest. What the Snappy one gives is
 * valid until its next call: each page is taken in full before the next is decoded (see
 * flatChunkPages).
 */
function compressorsInto(pages: ScratchBytes): Compressors {
  return {
    ...wasmCompressors,
    SNAPPY: (input, length) => decodeSnappyInto(input, length, pages),
    GZIP: (input, _length) => new Uint8Array(gunzipSync(input)),
    BROTLI: (input, _length) => new Uint8Array(brotliDecompressSync(input)),
  };
}

/** Codecs whose pages are decoded into reused memory (or are the chunk's own bytes). */
const SCRATCH_CODECS: ReadonlySet<string> = new Set(['SNAPPY', 'UNCOMPRESSED']);

/** Dates and timestamps as seconds since the epoch, from the exact integer. */
const PARSERS: Partial<ParquetParsers> = {
  dateFromDays: (days: number) => days * 86_400,
  timestampFromMilliseconds: (millis: bigint) => exactQuotient(millis, 3),
  timestampFromMicroseconds: (micros: bigint) => exactQuotient(micros, 6),
  timestampFromNanoseconds: (nanos: bigint) => exactQuotient(nanos, 9),
  stringFromBytes: (bytes: Uint8Array) => bytes && new TextDecoder().decode(bytes),
  jsonFromBytes: (bytes: Uint8Array) => bytes && new TextDecoder().decode(bytes),
  uuidFromBytes: (bytes: Uint8Array) => {
    if (!bytes) return undefined;
    const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  },
};

/**
 * `integer / 10^scale` as the nearest double: the decimal text of the exact quotient, read by
 * `Number` (correctly rounded), rather than a float division that rounds twice.
 *
 * @example exactQuotient(123456789123456789n, 9) // => 123456789.12345679
 */
export function exactQuotient(integer: bigint, scale: number): number {
  if (scale <= 0) return Number(integer * 10n ** BigInt(-scale));
  const negative = integer < 0n;
  const digits = (negative ? -integer : integer).toString().padStart(scale + 1, '0');
  const text = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return Number(negative ? `-${text}` : text);
}

/** A big-endian two's-complement integer (a DECIMAL's bytes). */
function bytesToBigInt(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  if (bytes.length > 0 && (bytes[0]! & 0x80) !== 0) value -= 1n << BigInt(bytes.length * 8);
  return value;
}

interface ColumnReading {
  /** The type shown in messages and compared across parts. */
  readonly type: string;
  readonly valueClass: ValueClass;
  /** How to read it: as hyparquet decodes it, or as a decimal of that scale from the raw integers. */
  readonly decimalScale?: number;
  /** The schema element to decode with (annotations hyparquet would misread removed). */
  readonly element: SchemaElement;
}

const INTEGER_TYPES: Record<string, string> = {
  INT_8: 'int8',
  INT_16: 'int16',
  INT_32: 'int32',
  INT_64: 'int64',
  UINT_8: 'uint8',
  UINT_16: 'uint16',
  UINT_32: 'uint32',
  UINT_64: 'uint64',
};

/** How a top-level column is read, from its schema element; `nested` when it has children or repeats. */
function columnReading(element: SchemaElement, nested: boolean): ColumnReading {
  const logical = element.logical_type;
  const converted = element.converted_type;
  const unsupported = (type: string): ColumnReading => ({ type, valueClass: 'unsupported', element });
  if (nested || element.repetition_type === 'REPEATED')
    return unsupported(
      logical?.type === 'MAP' || converted === 'MAP' || converted === 'MAP_KEY_VALUE'
        ? 'map'
        : logical?.type === 'LIST' || converted === 'LIST' || element.repetition_type === 'REPEATED'
          ? 'list'
          : 'struct',
    );
  if (logical?.type === 'NULL') return { type: 'null', valueClass: 'text', element };
  if (logical?.type === 'DECIMAL' || converted === 'DECIMAL') {
    const scale = logical?.type === 'DECIMAL' ? logical.scale : (element.scale ?? 0);
    const precision = logical?.type === 'DECIMAL' ? logical.precision : (element.precision ?? 0);
    const { converted_type: _c, logical_type: _l, ...raw } = element;
    return {
      type: `decimal(${precision},${scale})`,
      valueClass: 'number',
      decimalScale: scale,
      element: raw,
    };
  }
  if (logical?.type === 'STRING' || converted === 'UTF8')
    return { type: 'string', valueClass: 'text', element };
  if (logical?.type === 'ENUM' || converted === 'ENUM' || logical?.type === 'JSON' || converted === 'JSON') {
    const { converted_type: _c, logical_type: _l, ...raw } = element;
    return {
      type: logical?.type === 'JSON' || converted === 'JSON' ? 'json' : 'enum',
      valueClass: 'text',
      element: { ...raw, converted_type: 'UTF8', logical_type: { type: 'STRING' } },
    };
  }
  if (logical?.type === 'UUID') return { type: 'uuid', valueClass: 'text', element };
  if (logical?.type === 'DATE' || converted === 'DATE') return { type: 'date', valueClass: 'date', element };
  if (logical?.type === 'TIMESTAMP')
    return { type: `timestamp[${logical.unit.toLowerCase()}]`, valueClass: 'date', element };
  if (converted === 'TIMESTAMP_MILLIS') return { type: 'timestamp[millis]', valueClass: 'date', element };
  if (converted === 'TIMESTAMP_MICROS') return { type: 'timestamp[micros]', valueClass: 'date', element };
  if (element.type === 'INT96') return { type: 'timestamp[int96]', valueClass: 'date', element };
  if (logical?.type === 'INTEGER')
    return { type: `${logical.isSigned ? 'int' : 'uint'}${logical.bitWidth}`, valueClass: 'number', element };
  if (converted !== undefined && converted in INTEGER_TYPES)
    return { type: INTEGER_TYPES[converted]!, valueClass: 'number', element };
  if (logical?.type === 'FLOAT16') return { type: 'float16', valueClass: 'number', element };
  if (logical !== undefined) return unsupported(logical.type.toLowerCase());
  if (converted !== undefined) return unsupported(converted.toLowerCase());
  switch (element.type) {
    case 'BOOLEAN':
      return { type: 'boolean', valueClass: 'boolean', element };
    case 'INT32':
      return { type: 'int32', valueClass: 'number', element };
    case 'INT64':
      return { type: 'int64', valueClass: 'number', element };
    case 'FLOAT':
      return { type: 'float', valueClass: 'number', element };
    case 'DOUBLE':
      return { type: 'double', valueClass: 'number', element };
    default:
      return unsupported(element.type === 'BYTE_ARRAY' ? 'binary' : String(element.type).toLowerCase());
  }
}

/**
 * A DECIMAL's stored value (an integer of any width, or big-endian bytes) of that scale, as the
 * nearest double; null for a missing one; undefined for a value a decimal cannot hold.
 */
function decimalNumber(value: unknown, scale: number): number | null | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return exactQuotient(value, scale);
  if (typeof value === 'number') return exactQuotient(BigInt(value), scale);
  if (value instanceof Uint8Array) return exactQuotient(bytesToBigInt(value), scale);
  return undefined;
}

/** Feeds one decoded chunk into a sink. */
function feedChunk(
  data: DecodedArray,
  sink: TypedColumnSink,
  reading: ColumnReading,
  name: string,
  column: string,
): void {
  const scale = reading.decimalScale;
  if (scale !== undefined) {
    for (const value of data as Iterable<unknown>) {
      const number = decimalNumber(value, scale);
      if (number === undefined) throw unexpectedValue(name, column, reading.type);
      if (number === null) sink.addMissing();
      else sink.addNumber(number);
    }
    return;
  }
  if (
    data instanceof Float64Array ||
    data instanceof Float32Array ||
    data instanceof Int32Array ||
    data instanceof Uint32Array ||
    data instanceof Int16Array ||
    data instanceof Uint16Array ||
    data instanceof Int8Array
  ) {
    sink.addNumbers(data);
    return;
  }
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) {
    for (let index = 0; index < data.length; index += 1) sink.addBigInt(data[index]!);
    return;
  }
  if (data instanceof Uint8Array && reading.valueClass === 'boolean') {
    for (let index = 0; index < data.length; index += 1) sink.addBoolean(data[index] !== 0);
    return;
  }
  for (const value of data as Iterable<unknown>)
    if (sink.addValue(value) === undefined) throw unexpectedValue(name, column, reading.type);
}

/**
 * Feeds a dictionary-encoded page into a sink: each value is `dictionary[index]`, fed as feedChunk
 * would feed it, but each dictionary entry is worked out once (a decimal's quotient, a string's
 * classification).
 */
function feedIndexed(
  dictionary: DecodedArray,
  indices: Int32Array,
  sink: TypedColumnSink,
  reading: ColumnReading,
  name: string,
  column: string,
): void {
  let entries: ArrayLike<unknown> = dictionary;
  const scale = reading.decimalScale;
  if (scale !== undefined) {
    const numbers: (number | null)[] = [];
    for (const value of dictionary as Iterable<unknown>) {
      const number = decimalNumber(value, scale);
      if (number === undefined) throw unexpectedValue(name, column, reading.type);
      numbers.push(number);
    }
    entries = numbers;
  } else if (dictionary instanceof Uint8Array && reading.valueClass === 'boolean')
    entries = Array.from(dictionary, (value) => value !== 0);
  if (!sink.addIndexed(entries, indices)) throw unexpectedValue(name, column, reading.type);
}

function unexpectedValue(name: string, column: string, type: string): InputError {
  return new InputError(
    `column "${escapeText(column)}" (${escapeText(type)}) holds a value that cannot be read`,
    {
      file: name,
    },
  );
}

/** A file that is not Parquet at all. */
class NotParquet extends Error {}

/** hyparquet's own errors, and a thrift decoder's on a corrupt footer, as one line naming the file. */
function parquetError(error: unknown, name: string): MlopsError {
  if (error instanceof MlopsError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof NotParquet)
    return new InputError(`is not a Parquet file: ${message}`, {
      file: name,
      fieldHint: ['check the path, or give the format with ', { field: 'inputFormat' }],
    });
  if (error instanceof SnappyError || /codec|compress/i.test(message))
    return new InputError(`cannot decompress: ${escapeText(message)}`, {
      file: name,
      hint: 'write it with snappy, gzip, zstd, lz4, brotli or no compression',
    });
  return new InputError(`is not a readable Parquet file: ${escapeText(message)}`, {
    file: name,
    hint: 'check the file is complete and is Parquet (it must start and end with PAR1)',
  });
}

/** The top-level columns of a file, as the schema's flat list gives them (children follow their parent). */
function topLevelColumns(schema: readonly SchemaElement[]): { element: SchemaElement; nested: boolean }[] {
  const columns: { element: SchemaElement; nested: boolean }[] = [];
  let index = 1;
  const skip = (count: number) => {
    for (let child = 0; child < count; child += 1) {
      const element = schema[index++];
      if (element === undefined) throw new Error('the schema ends inside a nested column');
      skip(element.num_children ?? 0);
    }
  };
  const top = schema[0]?.num_children ?? 0;
  for (let child = 0; child < top; child += 1) {
    const element = schema[index++];
    if (element === undefined) throw new Error('the schema lists fewer columns than it declares');
    const children = element.num_children ?? 0;
    skip(children);
    columns.push({ element, nested: children > 0 });
  }
  return columns;
}

/**
 * Opens a Parquet file: reads its footer (schema, row groups) and describes its columns.
 *
 * @throws InputError for a file that cannot be opened, is not Parquet (magic number), is truncated or
 *   has a corrupt footer.
 */
export async function openParquetPart(path: string, name: string): Promise<TablePart> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw readError(error, name);
  }
  try {
    const size = fstatSync(fd).size;
    const file = fileBuffer(fd, size, name);
    let metadata: FileMetaData;
    let columns: { element: SchemaElement; nested: boolean }[];
    try {
      const head = size < 12 ? '' : Buffer.from(file.slice(0, 4) as ArrayBuffer).toString('latin1');
      if (head !== 'PAR1')
        throw new NotParquet(size < 12 ? 'too short' : 'no PAR1 magic number at its start');
      metadata = await parquetMetadataAsync(file);
      columns = topLevelColumns(metadata.schema);
    } catch (error) {
      throw parquetError(error, name);
    }
    const readings = new Map(
      columns.map(({ element, nested }) => [element.name, columnReading(element, nested)]),
    );
    // The footer with the annotations hyparquet would misread replaced (see columnReading).
    const replaced = new Map(
      [...readings.values()].map((reading) => [reading.element.name, reading.element]),
    );
    const decodable: FileMetaData = {
      ...metadata,
      schema: metadata.schema.map((element, index) =>
        index === 0 ? element : (replaced.get(element.name) ?? element),
      ),
    };
    const rowCount = Number(metadata.num_rows);
    const described: PartColumn[] = [...readings].map(([column, reading]) => ({
      name: column,
      type: reading.type,
      valueClass: reading.valueClass,
    }));
    return {
      columns: described,
      rowCount,
      async feed(sinks, memoryOfRead, progress) {
        const wanted = [...sinks.keys()].filter(
          (column) => readings.get(column)?.valueClass !== 'unsupported',
        );
        if (wanted.length === 0) return;
        // The chunk of each wanted column in each row group, and the work they make, for progress:
        // their compressed bytes.
        const chunkOf = (group: (typeof metadata.row_groups)[number], column: string) =>
          group.columns.find((entry) => entry.meta_data?.path_in_schema[0] === column)?.meta_data;
        let work = 0;
        for (const group of metadata.row_groups)
          for (const column of wanted) work += Number(chunkOf(group, column)?.total_compressed_size ?? 0);
        let done = 0;
        // Memory reused chunk after chunk: the chunk's bytes as read, its pages decompressed,
        // values moved to an 8-byte boundary, dictionary indices; charged as they grow (before they
        // are taken), released when the feed ends.
        let charged = 0;
        const grow = (bytes: number) => {
          memoryOfRead.charge(bytes);
          charged += bytes;
        };
        const scratch = {
          chunk: new ScratchBytes(grow),
          pages: new ScratchBytes(grow),
          aligned: new ScratchBytes(grow),
          indices: new ScratchBytes(grow),
        };
        const compressors = compressorsInto(scratch.pages);
        try {
          const tree = parquetSchema(decodable);
          for (const column of wanted) {
            const reading = readings.get(column)!;
            const sink = sinks.get(column)!;
            const schemaPath = getTreePath(tree, [column]);
            let fed = 0;
            let reserved = false;
            for (const group of metadata.row_groups) {
              const rows = Number(group.num_rows);
              const meta = chunkOf(group, column);
              if (meta === undefined) throw new Error(`a row group has no chunk of column "${column}"`);
              // What the chunk holds while decoded besides the scratch: the values (8 bytes each at
              // least), and its pages when a codec decodes them into new memory.
              const held =
                rows * 8 + (SCRATCH_CODECS.has(meta.codec) ? 0 : Number(meta.total_uncompressed_size));
              memoryOfRead.charge(held);
              const { start, end } = chunkRange(meta);
              if (end > size)
                throw new InputError('ends before its data: the file is truncated', { file: name });
              const bytes = readRange(fd, scratch.chunk.take(end - start), start, name);
              const pages = flatChunkPages(bytes, rows, {
                element: reading.element,
                schemaPath,
                meta,
                parsers: PARSERS,
                compressors,
                aligned: scratch.aligned,
                indices: scratch.indices,
              });
              for (const page of pages) {
                const { nulls } = page;
                if (page.indices === undefined) feedChunk(page.values, sink, reading, name, column);
                else feedIndexed(page.dictionary, page.indices, sink, reading, name, column);
                for (let index = 0; index < nulls; index += 1) sink.addMissing();
                // After the column's first page, room for its other rows (the file says how many).
                fed += (page.indices ?? page.values).length + nulls;
                if (!reserved && fed > 0) {
                  sink.reserveRows(rowCount - fed);
                  reserved = true;
                }
              }
              memoryOfRead.release(held);
              done += Number(meta.total_compressed_size);
              if (progress !== undefined && work > 0) progress(Math.min(1, done / work));
            }
          }
        } catch (error) {
          throw parquetError(error, name);
        } finally {
          memoryOfRead.release(charged);
        }
      },
      close() {
        closeSync(fd);
      },
    };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}
