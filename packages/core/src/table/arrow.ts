import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import {
  CompressionType,
  compressionRegistry,
  type Data,
  type DataType,
  DateUnit,
  type Field,
  Message,
  MessageHeader,
  Precision,
  RecordBatchReader,
  TimeUnit,
  Type,
  Vector,
} from 'apache-arrow';
import { Footer } from 'apache-arrow/ipc/metadata/file';
import { uint16ToFloat64 } from 'apache-arrow/util/math';
import { decompressZstd } from 'hyparquet-compressors';
import { readError } from '../csv/read.js';
import { InputError, MlopsError } from '../errors.js';
import { escapeText } from '../text/escape.js';
import { footerFits, metadataFits } from './arrow-header.js';
import { decodeLz4Frame, isLz4FrameError } from './lz4-frame.js';
import { exactQuotient } from './parquet.js';
import type { PartColumn, TablePart, ValueClass } from './part.js';
import type { TypedColumnSink } from './values.js';

/**
 * Arrow IPC part files (`.arrow`, `.feather` = Feather v2, `.ipc`), in the IPC file format or the IPC
 * stream format, read with apache-arrow one record batch at a time (a batch's bytes, then its values
 * fed; the next batch replaces it).
 *
 * Types (see values.ts for what each value becomes), named as the Parquet reader names the same type:
 * - integers of every width, signed or not (`int8` … `uint64`; 64-bit ones arrive as BigInt and become
 *   the nearest double), `float16`, `float` (float32, widened), `double`: numbers;
 * - `decimal(p,s)` (32 to 256 bits): the double nearest the exact decimal, from the unscaled integer;
 * - `date` (date32 and date64), `timestamp[seconds|millis|micros|nanos]` (time zone or not): numbers,
 *   seconds since 1970-01-01 UTC, from the exact integer count;
 * - `string` (utf8, large utf8, utf8 view, and dictionary-encoded strings): text, classified as CSV
 *   cells; a dictionary of another value type reads as that type;
 * - `boolean`: the categories `true` and `false`;
 * - `null` (the type of an all-null column): every value missing;
 * - lists, structs, maps, unions, binary, time of day, durations, intervals: not read; the column is
 *   reported as of a type not compared.
 *
 * A null is known from the validity bitmap only; the value slot of a null is never read (writers
 * leave anything there). Compressed buffers (LZ4 frame, pyarrow's Feather default, and ZSTD) are
 * decompressed by the codecs registered below: apache-arrow has none of its own.
 */

compressionRegistry.set(CompressionType.LZ4_FRAME, { decode: (bytes) => decodeLz4Frame(bytes) });
compressionRegistry.set(CompressionType.ZSTD, { decode: (bytes) => decompressZstd(bytes) });

/** How a column's values are read. */
type ReadingKind = 'number' | 'bigint' | 'float16' | 'decimal' | 'date-days' | 'epoch' | 'value' | 'null';

interface ColumnReading {
  readonly type: string;
  readonly valueClass: ValueClass;
  readonly kind?: ReadingKind;
  /** Decimal: the scale; `epoch`: the power of ten per second of the unit (0, 3, 6, 9). */
  readonly scale?: number;
}

const TIMESTAMP_UNITS: Record<number, { name: string; power: number }> = {
  [TimeUnit.SECOND]: { name: 'seconds', power: 0 },
  [TimeUnit.MILLISECOND]: { name: 'millis', power: 3 },
  [TimeUnit.MICROSECOND]: { name: 'micros', power: 6 },
  [TimeUnit.NANOSECOND]: { name: 'nanos', power: 9 },
};

const UNSUPPORTED_NAMES: Partial<Record<Type, string>> = {
  [Type.Binary]: 'binary',
  [Type.LargeBinary]: 'binary',
  [Type.BinaryView]: 'binary',
  [Type.FixedSizeBinary]: 'binary',
  [Type.List]: 'list',
  [Type.LargeList]: 'list',
  [Type.FixedSizeList]: 'list',
  [Type.Struct]: 'struct',
  [Type.Map]: 'map',
  [Type.Union]: 'union',
  [Type.Time]: 'time',
  [Type.Duration]: 'duration',
  [Type.Interval]: 'interval',
};

/** How a column of type `type` is read. */
function columnReading(type: DataType): ColumnReading {
  const typed = type as DataType & Record<string, unknown>;
  switch (type.typeId) {
    case Type.Null:
      return { type: 'null', valueClass: 'text', kind: 'null' };
    case Type.Int: {
      const bitWidth = typed.bitWidth as number;
      return {
        type: `${typed.isSigned ? 'int' : 'uint'}${bitWidth}`,
        valueClass: 'number',
        kind: bitWidth === 64 ? 'bigint' : 'number',
      };
    }
    case Type.Float: {
      const precision = typed.precision as Precision;
      if (precision === Precision.HALF) return { type: 'float16', valueClass: 'number', kind: 'float16' };
      return {
        type: precision === Precision.SINGLE ? 'float' : 'double',
        valueClass: 'number',
        kind: 'number',
      };
    }
    case Type.Decimal:
      return {
        type: `decimal(${typed.precision},${typed.scale})`,
        valueClass: 'number',
        kind: 'decimal',
        scale: typed.scale as number,
      };
    case Type.Bool:
      return { type: 'boolean', valueClass: 'boolean', kind: 'value' };
    case Type.Utf8:
    case Type.LargeUtf8:
    case Type.Utf8View:
      return { type: 'string', valueClass: 'text', kind: 'value' };
    case Type.Date:
      return typed.unit === DateUnit.DAY
        ? { type: 'date', valueClass: 'date', kind: 'date-days' }
        : { type: 'date', valueClass: 'date', kind: 'epoch', scale: 3 };
    case Type.Timestamp: {
      const unit = TIMESTAMP_UNITS[typed.unit as number]!;
      return { type: `timestamp[${unit.name}]`, valueClass: 'date', kind: 'epoch', scale: unit.power };
    }
    case Type.Dictionary: {
      const values = columnReading(typed.dictionary as DataType);
      // The dictionary's values are looked up one by one (apache-arrow decodes them).
      return values.kind === undefined ? values : { ...values, kind: 'value' };
    }
    default:
      return {
        type: UNSUPPORTED_NAMES[type.typeId] ?? String(type).toLowerCase(),
        valueClass: 'unsupported',
      };
  }
}

/** A signed little-endian integer of `words` 32-bit words starting at `start` (a decimal's value). */
function wordsToBigInt(words: Uint32Array, start: number, count: number): bigint {
  let value = 0n;
  for (let word = count - 1; word >= 0; word -= 1) value = (value << 32n) | BigInt(words[start + word]!);
  return BigInt.asIntN(count * 32, value);
}

/** The elements of `values` a chunk of `length` values needs, by reading; undefined: not checked here. */
function elementsNeeded(kind: ReadingKind, length: number, type: DataType): number | undefined {
  switch (kind) {
    case 'number':
    case 'bigint':
    case 'float16':
    case 'date-days':
    case 'epoch':
      return length;
    case 'decimal':
      return (length * ((type as unknown as { bitWidth: number }).bitWidth ?? 128)) / 32;
    default:
      return undefined;
  }
}

/** Feeds one chunk of a column into its sink: its valid values, and a missing value for each null. */
function feedData(
  data: Data,
  reading: ColumnReading,
  sink: TypedColumnSink,
  name: string,
  column: string,
): void {
  const kind = reading.kind!;
  const { length } = data;
  if (kind === 'null') {
    for (let row = 0; row < length; row += 1) sink.addMissing();
    return;
  }
  const values = data.values as ArrayLike<number | bigint> | undefined;
  const needed = elementsNeeded(kind, length, data.type);
  const bitmap = data.nullBitmap as Uint8Array | undefined;
  const hasNulls = bitmap !== undefined && bitmap.length > 0 && data.nullCount !== 0;
  if (
    (needed !== undefined && (values === undefined || values.length < needed)) ||
    (hasNulls && bitmap.length * 8 < data.offset + length)
  )
    throw new InputError(`column "${escapeText(column)}" has fewer values than the record batch has rows`, {
      file: name,
      hint: 'the file is corrupt; write it again',
    });
  const valid = (row: number) => !hasNulls || data.getValid(row);
  switch (kind) {
    case 'number': {
      const numbers = values as ArrayLike<number>;
      for (let row = 0; row < length; row += 1)
        if (valid(row)) sink.addNumber(numbers[row]!);
        else sink.addMissing();
      return;
    }
    case 'bigint': {
      const integers = values as ArrayLike<bigint>;
      for (let row = 0; row < length; row += 1)
        if (valid(row)) sink.addBigInt(integers[row]!);
        else sink.addMissing();
      return;
    }
    case 'float16': {
      const halves = values as ArrayLike<number>;
      for (let row = 0; row < length; row += 1)
        if (valid(row)) sink.addNumber(uint16ToFloat64(halves[row]!));
        else sink.addMissing();
      return;
    }
    case 'decimal': {
      const words = values as unknown as Uint32Array;
      const stride = needed! / length;
      const scale = reading.scale!;
      for (let row = 0; row < length; row += 1)
        if (valid(row)) sink.addNumber(exactQuotient(wordsToBigInt(words, row * stride, stride), scale));
        else sink.addMissing();
      return;
    }
    case 'date-days': {
      const days = values as ArrayLike<number>;
      for (let row = 0; row < length; row += 1)
        if (valid(row)) sink.addNumber(days[row]! * 86_400);
        else sink.addMissing();
      return;
    }
    case 'epoch': {
      const counts = values as ArrayLike<bigint | number>;
      const power = reading.scale!;
      for (let row = 0; row < length; row += 1)
        if (valid(row)) sink.addNumber(exactQuotient(BigInt(counts[row]!), power));
        else sink.addMissing();
      return;
    }
    default: {
      const vector = new Vector([data]);
      for (let row = 0; row < length; row += 1) {
        if (!valid(row)) {
          sink.addMissing();
          continue;
        }
        if (sink.addValue(vector.get(row)) === undefined)
          throw new InputError(
            `column "${escapeText(column)}" (${escapeText(reading.type)}) holds a value that cannot be read`,
            { file: name },
          );
      }
    }
  }
}

/**
 * What the scan of a file's messages found: its format, where each message lies (metadata and body),
 * and per record batch its rows and body bytes.
 */
interface ArrowLayout {
  readonly isFile: boolean;
  /** Each message's bytes, from its length prefix to the end of its body, in file order. */
  readonly messages: readonly { start: number; end: number }[];
  readonly batches: readonly { rows: number; bodyBytes: number }[];
  /** Bytes of the dictionary batches' bodies (held for the whole read). */
  readonly dictionaryBytes: number;
  /**
   * The schema as a message of its own, made from an IPC file's footer, when the file's messages
   * start without one (apache-arrow's own JavaScript file writer leaves it to the footer); read before
   * the file's messages.
   */
  readonly footerSchema?: Uint8Array;
}

const MAGIC = 'ARROW1';
const CONTINUATION = 0xffffffff;

function corrupt(name: string, what: string): InputError {
  return new InputError(what, {
    file: name,
    hint: 'check the file is complete and is an Arrow IPC file or stream (Feather v2)',
  });
}

/** Reads exactly `length` bytes at `position`, or fails naming the file as truncated. */
function readExactly(fd: number, position: number, length: number, name: string): Uint8Array {
  const bytes = new Uint8Array(length);
  let done = 0;
  while (done < length) {
    const read = readSync(fd, bytes, done, length - done, position + done);
    if (read === 0) throw corrupt(name, 'ends inside a message: the file is truncated');
    done += read;
  }
  return bytes;
}

/**
 * Walks the messages of an IPC file or stream by their headers alone (the bodies are skipped): checks
 * the magic numbers and that every message lies inside the file, and counts the rows of each record
 * batch, so that the part's row count is known before its values are read.
 */
function scanLayout(fd: number, size: number, name: string): ArrowLayout {
  const start = size >= 8 ? readExactly(fd, 0, 8, name) : readExactly(fd, 0, size, name);
  const isFile = new TextDecoder().decode(start.subarray(0, 6)) === MAGIC;
  let end = size;
  let footerLength = 0;
  if (isFile) {
    if (size < 8 + 10 || new TextDecoder().decode(readExactly(fd, size - 6, 6, name)) !== MAGIC)
      throw corrupt(name, 'does not end with the Arrow magic number ARROW1: the file is truncated');
    footerLength = new DataView(readExactly(fd, size - 10, 4, name).buffer).getInt32(0, true);
    end = size - 10 - footerLength;
    if (footerLength <= 0 || end < 8) throw corrupt(name, 'has a corrupt footer');
  } else if (size < 8 || new DataView(start.buffer).getUint32(0, true) !== CONTINUATION)
    throw corrupt(
      name,
      size === 0
        ? 'is empty'
        : 'is not an Arrow IPC file: it starts with neither ARROW1 (IPC file) nor a message (IPC stream)',
    );
  const batches: { rows: number; bodyBytes: number }[] = [];
  const messages: { start: number; end: number }[] = [];
  let dictionaryBytes = 0;
  let position = isFile ? 8 : 0;
  let sawSchema = false;
  let footerSchema: Uint8Array | undefined;
  while (position + 4 <= end) {
    const messageStart = position;
    let prefix = new DataView(readExactly(fd, position, 4, name).buffer).getUint32(0, true);
    position += 4;
    if (prefix === CONTINUATION) {
      if (position + 4 > end) break;
      prefix = new DataView(readExactly(fd, position, 4, name).buffer).getUint32(0, true);
      position += 4;
    }
    if (prefix === 0) break; // end of stream
    if (prefix > end - position) throw corrupt(name, 'has a message longer than the rest of the file');
    let message: Message;
    try {
      const metadata = readExactly(fd, position, prefix, name);
      if (!metadataFits(metadata)) throw new RangeError('counts past the metadata');
      message = Message.decode(metadata);
    } catch {
      throw corrupt(name, `has a corrupt message header at byte ${position}`);
    }
    position += prefix;
    const bodyBytes = message.bodyLength;
    if (!(bodyBytes >= 0) || bodyBytes > end - position)
      throw corrupt(name, 'has a message body past the end of the file: the file is truncated');
    position += bodyBytes;
    messages.push({ start: messageStart, end: position });
    if (message.headerType === MessageHeader.Schema) {
      sawSchema = true;
      continue;
    }
    if (!sawSchema) {
      if (!isFile) throw corrupt(name, 'has data before its schema');
      // The IPC file format keeps the schema in its footer too: the one place some writers put it.
      footerSchema = schemaOfFooter(readExactly(fd, end, footerLength, name), name);
      sawSchema = true;
    }
    if (message.headerType === MessageHeader.RecordBatch) {
      let rows: number;
      try {
        rows = Number((message.header() as { length: number | bigint }).length);
      } catch {
        rows = Number.NaN;
      }
      if (!Number.isSafeInteger(rows) || rows < 0)
        throw corrupt(name, 'has a record batch of a corrupt length');
      batches.push({ rows, bodyBytes });
    } else if (message.headerType === MessageHeader.DictionaryBatch) dictionaryBytes += bodyBytes;
  }
  if (!sawSchema) throw corrupt(name, size === 0 ? 'is empty' : 'has no schema');
  return { isFile, messages, batches, dictionaryBytes, ...(footerSchema ? { footerSchema } : {}) };
}

/**
 * The schema of an IPC file's footer as an IPC message (continuation marker, length, metadata padded
 * to 8 bytes), for apache-arrow's stream reader. The footer's counts are checked before apache-arrow
 * decodes it (see footerFits).
 */
function schemaOfFooter(footer: Uint8Array, name: string): Uint8Array {
  if (!footerFits(footer)) throw corrupt(name, 'has a corrupt footer');
  let metadata: Uint8Array;
  try {
    metadata = Message.encode(Message.from(Footer.decode(footer).schema));
  } catch {
    throw corrupt(name, 'has a corrupt footer');
  }
  const padded = Math.ceil(metadata.length / 8) * 8;
  const message = new Uint8Array(8 + padded);
  const view = new DataView(message.buffer);
  view.setUint32(0, CONTINUATION, true);
  view.setInt32(4, padded, true);
  message.set(metadata, 8);
  return message;
}

/**
 * The file's messages as an IPC stream, one message's bytes at a time, read from the spans the scan
 * checked. apache-arrow reads this stream, never the file itself: its own file reader follows the
 * footer's offsets, and on a damaged file its reads past the end never finished. An IPC file's
 * messages are an IPC stream (the format says so), so both kinds are read alike.
 */
function* messageBytes(path: string, name: string, layout: ArrowLayout): Generator<Uint8Array> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw readError(error, name);
  }
  try {
    if (layout.footerSchema) yield layout.footerSchema;
    for (const { start, end } of layout.messages) yield readExactly(fd, start, end - start, name);
  } finally {
    closeSync(fd);
  }
}

/** apache-arrow's errors (and a typed array's on a corrupt buffer) as one line naming the file. */
function arrowError(error: unknown, name: string): MlopsError {
  if (error instanceof MlopsError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (isLz4FrameError(error))
    return corrupt(name, `has a corrupt LZ4-compressed buffer: ${escapeText(message)}`);
  return corrupt(name, `is not a readable Arrow IPC file: ${escapeText(message)}`);
}

/**
 * Opens an Arrow IPC file or stream: scans its message headers (see {@link scanLayout}) and reads its
 * schema.
 *
 * @throws InputError for a file that cannot be opened, is empty, is not Arrow (magic number), is
 *   truncated or has a corrupt header.
 */
export async function openArrowPart(path: string, name: string): Promise<TablePart> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw readError(error, name);
  }
  let layout: ArrowLayout;
  let fields: readonly Field[];
  try {
    const size = fstatSync(fd).size;
    layout = scanLayout(fd, size, name);
    // The schema is the first message (or the footer's, which messageBytes gives first).
    const reader = RecordBatchReader.from(
      messageBytes(path, name, {
        ...layout,
        messages: layout.footerSchema ? [] : layout.messages.slice(0, 1),
      }),
    );
    reader.open();
    fields = reader.schema.fields;
  } catch (error) {
    closeSync(fd);
    // apache-arrow decodes a message's header lazily: a corrupt one throws its own errors here too.
    throw arrowError(error, name);
  }
  closeSync(fd);
  const readings = new Map(fields.map((field) => [field.name, columnReading(field.type)]));
  const columns: PartColumn[] = fields.map((field) => {
    const { type, valueClass } = readings.get(field.name)!;
    return { name: field.name, type, valueClass };
  });
  const rowCount = layout.batches.reduce((sum, batch) => sum + batch.rows, 0);
  return {
    columns,
    rowCount,
    async feed(sinks, memory, progress) {
      const wanted = fields
        .map((field, index) => ({ field, index, reading: readings.get(field.name)! }))
        .filter(({ field, reading }) => sinks.has(field.name) && reading.valueClass !== 'unsupported');
      if (wanted.length === 0) return;
      memory.charge(layout.dictionaryBytes);
      try {
        const reader = RecordBatchReader.from(messageBytes(path, name, layout));
        let index = 0;
        for (const batch of reader) {
          const expected = layout.batches[index];
          if (expected === undefined || batch.numRows !== expected.rows)
            throw corrupt(name, 'changed while it was read, or has a corrupt record batch');
          index += 1;
          memory.charge(expected.bodyBytes);
          for (const { field, index: position, reading } of wanted) {
            const child = batch.getChildAt(position);
            if (child === null) throw corrupt(name, `has no values for column "${escapeText(field.name)}"`);
            for (const data of child.data) feedData(data, reading, sinks.get(field.name)!, name, field.name);
          }
          memory.bytesRead += expected.bodyBytes;
          memory.release(expected.bodyBytes);
          progress?.(index / layout.batches.length);
        }
        if (index !== layout.batches.length)
          throw corrupt(name, 'changed while it was read, or has a corrupt record batch');
      } catch (error) {
        throw arrowError(error, name);
      } finally {
        memory.release(layout.dictionaryBytes);
      }
    },
    close() {},
  };
}
