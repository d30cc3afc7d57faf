import { constants as bufferConstants, isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { CsvError, parse } from 'csv-parse/sync';
import { InputError } from '../errors.js';
import {
  type CsvColumnBuilder,
  type CsvColumnTable,
  csvColumnBuilderFor,
  emptyCsvColumn,
} from './columns.js';
import { detectDelimiter, firstLineOf } from './delimiter.js';
import { parseCsvBytesFast, readCsvFileFast } from './fast-columns.js';
import { cellTooLongError, MAX_CELL_BYTES } from './limits.js';
import {
  findLongCell,
  firstInvalidUtf8,
  lineColumnOfByte,
  lineColumnOfOffset,
  type ScanProblem,
  scanToRecord,
} from './locate.js';
import { formatDecimalBytes, ReadMemory } from './memory.js';
import { type CsvSpillRequest, CsvSpillWriter } from './spill.js';

/**
 * A CSV file's bytes, checked as UTF-8 and ready to parse (possibly more than once). The bytes are
 * parsed as they are, without a decoded copy of the whole file; the text is decoded only to locate an
 * error.
 */
export interface CsvSource {
  /** The file as the user named it, for messages. */
  readonly file: string;
  /** The whole content (gunzipped), valid UTF-8, possibly starting with a byte-order mark. */
  readonly bytes: Uint8Array;
  /**
   * The field delimiter: from the options, else `\t` for `.tsv`/`.tsv.gz`, else `,`, unless the header
   * shows another (see detectDelimiter).
   */
  readonly delimiter: string;
  /** True when the delimiter was found in the header rather than given or implied by the name. */
  readonly delimiterDetected: boolean;
}

export interface CsvReadOptions {
  /**
   * Field delimiter, one character. By default: tab for `.tsv`/`.tsv.gz`, comma otherwise, unless the
   * header is one field under that and splits on exactly one of `;`, tab, `|` (see detectDelimiter).
   */
  delimiter?: string;
  /** Extra markers of a missing cell, compared with the cell stripped of white space. */
  naValues?: readonly string[];
  /** Columns whose numeric cells keep their text too (the columns that will be treated as categories). */
  keepText?: ReadonlySet<string>;
  /** Only these columns get storage; the others are checked for shape but not kept (all by default). */
  only?: ReadonlySet<string>;
  /**
   * `auto` (the default): the byte-level reader when the file allows it, else csv-parse; `csv-parse`:
   * always csv-parse (slower; the same table).
   */
  parser?: 'auto' | 'csv-parse';
  /**
   * The most memory the read may hold, in bytes, by the estimate of memory.ts (raw bytes held, column
   * arrays, distinct texts); past it the read stops with a MemoryBudgetError. No limit by default.
   */
  maxMemoryBytes?: number;
  /** The whole budget `maxMemoryBytes` is a share of, for the message (default: `maxMemoryBytes`). */
  memoryBudgetBytes?: number;
  /**
   * Columns to spill to a file rather than hold (outside `only`), for later passes of a check to load
   * instead of parsing the file again; the table then says where they are (see spill.ts).
   */
  spill?: CsvSpillRequest;
}

/** The spill writer of one read, from its options (none unless it spills). */
function spillWriterFor(file: string, options: CsvReadOptions): CsvSpillWriter | undefined {
  return options.spill === undefined ? undefined : new CsvSpillWriter(options.spill, file);
}

/** A table read, with what its read spilled, if it did. */
function withSpill(table: CsvColumnTable, spillWriter: CsvSpillWriter | undefined): CsvColumnTable {
  return spillWriter === undefined ? table : spillWriter.finish(table);
}

/** The memory account of one read, from its options. */
export function readMemoryFor(file: string, options: CsvReadOptions): ReadMemory {
  return new ReadMemory(file, options.maxMemoryBytes, options.memoryBudgetBytes);
}

/** The delimiter a file name implies: tab for `.tsv` and `.tsv.gz`, comma otherwise. */
export function csvDelimiterForName(file: string): string {
  return /\.tsv(\.gz)?$/i.test(file) ? '\t' : ',';
}

/** The InputError for a file that cannot be opened or read. */
export function readError(error: unknown, file: string): InputError {
  if (error instanceof InputError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new InputError('file not found', { file, hint: 'check the path' });
  if (code === 'EISDIR') return new InputError('is a directory, expected a CSV file', { file });
  if (code === 'EACCES' || code === 'EPERM')
    return new InputError('permission denied', { file, hint: 'check the file permissions' });
  return new InputError(`cannot read the file: ${(error as Error).message}`, { file });
}

/** The error for a file that must be held whole and is larger than one Buffer can be. */
export function tooLargeForOneBuffer(file: string): InputError {
  return new InputError(
    `is larger than ${formatDecimalBytes(bufferConstants.MAX_LENGTH)}, the most one buffer can hold, and must be read whole (quoted fields, .gz, a pipe)`,
    { file, hint: 'split the file, or remove the quotes and read it uncompressed' },
  );
}

/** Bytes read at a time from a pipe or a device. */
const STREAM_CHUNK = 1 << 20;

/**
 * Reads a whole file, charging the memory as it goes: a regular file into one buffer of its size, a
 * pipe or a device in chunks (then joined, both held for a moment), so that `/dev/zero` or an endless
 * pipe stops at the read's limit.
 */
function readBytes(path: string, file: string, memory: ReadMemory): Buffer {
  let descriptor: number;
  try {
    descriptor = openSync(path, 'r');
  } catch (error) {
    throw readError(error, file);
  }
  try {
    const stats = fstatSync(descriptor);
    if (stats.isDirectory()) throw new InputError('is a directory, expected a CSV file', { file });
    const chunks: Buffer[] = [];
    let total = 0;
    // A regular file: its size, then a small read to see the end (it may have grown).
    let chunkSize = stats.isFile() && stats.size > 0 ? stats.size : STREAM_CHUNK;
    if (stats.isFile() && chunkSize > memory.remaining())
      throw memory.exceeded({ wholeFileBytes: stats.size });
    if (stats.isFile() && chunkSize > bufferConstants.MAX_LENGTH) throw tooLargeForOneBuffer(file);
    for (;;) {
      memory.charge(chunkSize);
      const chunk = Buffer.allocUnsafe(chunkSize);
      let filled = 0;
      while (filled < chunk.length) {
        const count = readSync(descriptor, chunk, filled, chunk.length - filled, null);
        if (count === 0) break;
        filled += count;
        memory.bytesRead = total + filled;
      }
      total += filled;
      if (filled > 0) chunks.push(filled === chunk.length ? chunk : chunk.subarray(0, filled));
      if (filled < chunk.length) break;
      chunkSize = stats.isFile() ? 64 * 1024 : STREAM_CHUNK;
    }
    if (chunks.length === 1) return chunks[0]!;
    if (total > bufferConstants.MAX_LENGTH) throw tooLargeForOneBuffer(file);
    memory.charge(total);
    const joined = Buffer.concat(chunks, total);
    memory.release(chunks.reduce((sum, chunk) => sum + chunk.buffer.byteLength, 0));
    return joined;
  } catch (error) {
    throw readError(error, file);
  } finally {
    closeSync(descriptor);
  }
}

/**
 * Gunzips `compressed`, holding at most what the read's memory has left: the output is joined from
 * pieces, so it is held twice for a moment, and may be at most half of what is left.
 */
function gunzipBounded(compressed: Buffer, file: string, memory: ReadMemory): Buffer {
  const byBudget = Math.floor(memory.remaining() / 2);
  const limit = Math.max(1, Math.min(byBudget, bufferConstants.MAX_LENGTH));
  let bytes: Buffer;
  try {
    bytes = gunzipSync(compressed, { maxOutputLength: limit });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      memory.bytesRead = limit;
      if (byBudget > limit)
        throw new InputError(
          `gunzips to more than ${formatDecimalBytes(limit)}, the most one buffer can hold`,
          { file, hint: 'split the file' },
        );
      throw memory.exceeded({ gunzipping: true });
    }
    throw new InputError(`is not a valid gzip file (${(error as Error).message})`, {
      file,
      hint: 'name it without .gz if it is plain text',
    });
  }
  memory.charge(bytes.length);
  memory.release(compressed.buffer.byteLength);
  memory.bytesRead = bytes.length;
  return bytes;
}

/**
 * Reads a file once and decodes it: gunzips `.gz` names, checks the bytes are UTF-8 (else an
 * InputError with the line and column of the first bad byte), drops a byte-order mark. Without a
 * `delimiter`, finds it as {@link CsvReadOptions.delimiter} says.
 *
 * @throws InputError when the file is missing, unreadable, not gzip (for `.gz`), or not UTF-8, or
 *   its header splits on more than one candidate delimiter; MemoryBudgetError when its bytes (or what
 *   they gunzip to) would pass `memory`'s limit.
 */
export function loadCsvSource(
  path: string,
  options: { file?: string; delimiter?: string; memory?: ReadMemory } = {},
): CsvSource {
  const file = options.file ?? path;
  const memory = options.memory ?? new ReadMemory(file);
  return csvSourceFromBytes(readBytes(path, file, memory), path, { ...options, file, memory });
}

/**
 * A source from a whole file's bytes, read already (a pipe, read asynchronously): gunzipped for a
 * `.gz` path, checked as UTF-8, its delimiter found; as {@link loadCsvSource}.
 */
export function csvSourceFromBytes(
  raw: Buffer,
  path: string,
  options: { file: string; delimiter?: string; memory: ReadMemory },
): CsvSource {
  const { file, memory } = options;
  const bytes = /\.gz$/i.test(path) ? gunzipBounded(raw, file, memory) : raw;
  const bad = isUtf8(bytes) ? -1 : firstInvalidUtf8(bytes);
  if (bad !== -1) {
    const where = lineColumnOfByte(bytes, bad);
    throw new InputError(`invalid UTF-8 byte 0x${bytes[bad]!.toString(16).padStart(2, '0')}`, {
      file,
      ...where,
      hint: 'save the file as UTF-8',
    });
  }
  if (options.delimiter !== undefined)
    return { file, bytes, delimiter: options.delimiter, delimiterDetected: false };
  // A first line longer than any cell may be is cut: it is refused later anyway, if one field.
  const choice = detectDelimiter(firstLineOf(bytes, MAX_CELL_BYTES + 3), csvDelimiterForName(path), file);
  return { file, bytes, delimiter: choice.delimiter, delimiterDetected: choice.detected };
}

/** A source from text already in memory (tests, stdin). */
export function csvSourceFromText(file: string, text: string, delimiter = ','): CsvSource {
  return { file, bytes: Buffer.from(text, 'utf8'), delimiter, delimiterDetected: false };
}

/**
 * The decoded text of a source, without a byte-order mark: only for locating errors; undefined for a
 * source too large for one string (the error is then reported by line only).
 */
function sourceText(source: CsvSource): string | undefined {
  if (source.bytes.byteLength > bufferConstants.MAX_STRING_LENGTH) return undefined;
  const text = Buffer.from(source.bytes.buffer, source.bytes.byteOffset, source.bytes.byteLength).toString(
    'utf8',
  );
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function describeProblem(problem: ScanProblem): string {
  return problem.kind === 'unclosed-quote'
    ? 'unterminated quoted field: this quote is never closed'
    : 'unexpected text after a closing quote';
}

/** Turns csv-parse's error into an InputError pointing at the line and column. */
function locateError(error: CsvError, source: CsvSource, headerLength: number): InputError {
  const { file, delimiter } = source;
  const text = sourceText(source);
  const line = Number((error as unknown as { lines?: number }).lines ?? 0) || undefined;
  if (text === undefined) return new InputError(`invalid CSV: ${error.message}`, { file, line });
  const failedRecord = Number((error as unknown as { records?: number }).records ?? 0);
  const scanned = scanToRecord(text, delimiter, failedRecord);
  if (scanned.problem !== undefined) {
    return new InputError(describeProblem(scanned.problem), {
      file,
      ...lineColumnOfOffset(text, scanned.problem.offset),
      hint: 'close the quote, or double a quote inside a quoted field ("")',
    });
  }
  if (error.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' && scanned.record !== undefined) {
    const { fieldStarts, end } = scanned.record;
    const found = fieldStarts.length;
    const offset = found > headerLength ? fieldStarts[headerLength]! : end;
    return new InputError(
      `row has ${found} field${found === 1 ? '' : 's'} but the header has ${headerLength}`,
      {
        file,
        ...lineColumnOfOffset(text, offset),
        hint: 'every row needs one field per header name; quote fields that contain the delimiter',
      },
    );
  }
  return new InputError(`invalid CSV: ${error.message}`, { file, line });
}

/**
 * Parses a CSV source into per-column storage: with the byte-level reader when the file allows it
 * (see fast-columns.ts), else with csv-parse ({@link parseCsvColumnsGeneral}). Both give the same
 * table for the same file, and spill the same columns (`options.spill`, see spill.ts; through
 * `spillWriter`, that of a read that tried the file already), the table saying where.
 *
 * @throws InputError as {@link parseCsvColumnsGeneral} does, or when a spilled column cannot be written.
 */
export function parseCsvColumns(
  source: CsvSource,
  options: CsvReadOptions = {},
  memory: ReadMemory = readMemoryFor(source.file, options),
  spillWriter: CsvSpillWriter | undefined = spillWriterFor(source.file, options),
): CsvColumnTable {
  const before = memory.held;
  const fast =
    options.parser === 'csv-parse'
      ? undefined
      : parseCsvBytesFast(source.bytes, {
          ...options,
          file: source.file,
          delimiter: source.delimiter,
          memory,
          spillWriter,
        });
  if (fast !== undefined)
    return withSpill({ ...fast, delimiterDetected: source.delimiterDetected }, spillWriter);
  memory.release(memory.held - before); // the byte-level attempt's columns are garbage
  spillWriter?.reset(); // and what it spilled
  return withSpill(parseCsvColumnsGeneral(source, options, memory, spillWriter), spillWriter);
}

/**
 * Parses CSV text into per-column storage with csv-parse (standard quoting, embedded newlines,
 * `\n`/`\r\n`/`\r` line ends; empty lines skipped), classifying each cell as missing, a number
 * (Python `float()` rules; NaN and ±inf count as missing) or text. No object is kept per row.
 *
 * Cost: O(size of the text); memory: 8 bytes per numeric cell, 4 per kept text cell, plus the
 * distinct texts.
 *
 * @throws InputError for an empty file, a header without data rows, duplicate header names, a row
 *   whose field count differs from the header's, an unterminated quote: each with line and column.
 */
export function parseCsvColumnsGeneral(
  source: CsvSource,
  options: CsvReadOptions = {},
  memory: ReadMemory = readMemoryFor(source.file, options),
  spillWriter?: CsvSpillWriter,
): CsvColumnTable {
  const { file, delimiter } = source;
  memory.bytesRead = Math.max(memory.bytesRead, source.bytes.length);
  // A cell past the string limit would end csv-parse with a RangeError: found first, by its bytes.
  const long =
    source.bytes.length > MAX_CELL_BYTES ? findLongCell(source.bytes, delimiter, MAX_CELL_BYTES) : undefined;
  if (long !== undefined) throw cellTooLongError(file, long.line, long.column);
  const naValues = options.naValues && options.naValues.length > 0 ? new Set(options.naValues) : undefined;
  let header: string[] | undefined;
  let builders: (CsvColumnBuilder | undefined)[] = [];
  let rowCount = 0;
  try {
    parse(Buffer.from(source.bytes.buffer, source.bytes.byteOffset, source.bytes.byteLength), {
      delimiter,
      // Each of the three line ends, in any mix, as Python's csv module reads them (and locate.ts
      // scans them): left to csv-parse, it would take the first one it meets for the whole file.
      record_delimiter: ['\r\n', '\n', '\r'],
      bom: true,
      skip_empty_lines: true,
      relax_quotes: true,
      on_record: (record: string[]) => {
        if (header === undefined) {
          header = record;
          checkHeader(record, source);
          builders = record.map((name) =>
            csvColumnBuilderFor(name, {
              only: options.only,
              keepText: options.keepText,
              naValues,
              memory,
              spill: spillWriter,
            }),
          );
        } else {
          rowCount += 1;
          memory.rows = rowCount;
          for (let index = 0; index < builders.length; index += 1) builders[index]?.addCell(record[index]!);
        }
        return null;
      },
    });
  } catch (error) {
    if (error instanceof InputError) throw error;
    if (error instanceof CsvError) throw locateError(error, source, header?.length ?? 0);
    throw error;
  }
  if (header === undefined)
    throw new InputError('is empty: expected a header row and data rows', { file, line: 1 });
  if (rowCount === 0)
    throw new InputError('has a header but no data rows', {
      file,
      line: 2,
      hint: 'check the file is complete',
    });
  const names = header;
  return {
    file,
    header,
    rowCount,
    columns: builders.map((column, index) => column?.finish() ?? emptyCsvColumn(names[index]!)),
    delimiter,
    delimiterDetected: source.delimiterDetected,
  };
}

function checkHeader(header: readonly string[], source: CsvSource): void {
  const seen = new Set<string>();
  for (let index = 0; index < header.length; index += 1) {
    const name = header[index]!;
    if (seen.has(name)) {
      const text = sourceText(source);
      const record = text === undefined ? undefined : scanToRecord(text, source.delimiter, 0).record;
      const offset = record?.fieldStarts[index] ?? 0;
      throw new InputError(`duplicate column name "${name}" in the header`, {
        file: source.file,
        ...(text === undefined ? { line: 1 } : lineColumnOfOffset(text, offset)),
        hint: 'give every column a distinct name',
      });
    }
    seen.add(name);
  }
}

/**
 * A whole CSV file in per-column storage, read once. A plain (not `.gz`) regular file the byte-level
 * reader can take is read from disk in chunks, never whole; any other (a pipe, a device, a `.gz`)
 * goes through {@link loadCsvSource} and {@link parseCsvColumns}, which also explain every malformed
 * file. The read holds at most `maxMemoryBytes` (see memory.ts). With `spill`, the columns it names
 * are spilled rather than held, and the table says where (see spill.ts).
 *
 * @throws InputError as {@link loadCsvSource} and {@link parseCsvColumnsGeneral} do, or when a
 *   spilled column cannot be written; MemoryBudgetError when the read would hold more than
 *   `maxMemoryBytes`.
 */
export function readCsvColumns(
  path: string,
  options: CsvReadOptions & {
    file?: string;
    onProgress?: (bytesRead: number, totalBytes: number) => void;
    /** The read's memory account (default: a new one from `maxMemoryBytes`). */
    memory?: ReadMemory;
  } = {},
): CsvColumnTable {
  const file = options.file ?? path;
  const delimiter = options.delimiter ?? csvDelimiterForName(path);
  const memory = options.memory ?? readMemoryFor(file, options);
  const spillWriter = spillWriterFor(file, options);
  // Only a regular file is read twice when the byte-level reader hands it over; a pipe or a device is
  // read once, whole (and bounded), then parsed from memory.
  const regular = statSync(path, { throwIfNoEntry: false })?.isFile() === true;
  if (options.parser !== 'csv-parse' && regular && !/\.gz$/i.test(path)) {
    const table = readCsvFileFast(path, {
      ...options,
      file,
      delimiter,
      findDelimiter: options.delimiter === undefined,
      memory,
      spillWriter,
    });
    if (table !== undefined) return withSpill(table, spillWriter);
    memory.reset(); // what the byte-level attempt held is garbage
    spillWriter?.reset(); // and what it spilled
  }
  const source = loadCsvSource(path, { file, delimiter: options.delimiter, memory });
  return parseCsvColumns(source, options, memory, spillWriter);
}
