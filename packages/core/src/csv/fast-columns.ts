import { constants as bufferConstants, isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { ByteDictionary } from './byte-dictionary.js';
import {
  type CsvColumnBuilder,
  type CsvColumnTable,
  csvColumnBuilderFor,
  emptyCsvColumn,
} from './columns.js';
import { detectDelimiter } from './delimiter.js';
import { cellTooLongError, codePointCount, MAX_CELL_BYTES } from './limits.js';
import type { ReadMemory } from './memory.js';
import type { CsvSpillWriter } from './spill.js';

/**
 * The byte-level CSV reader: the fast path for the files most people have (no quote character at
 * all), giving exactly the {@link CsvColumnTable} that the general csv-parse reader gives for the same
 * file, at several times its speed.
 *
 * It reads the file in chunks and never decodes it into one string. A cell that is a plain decimal
 * number (`-12.345678`: an optional sign, digits, an optional fraction, at most 15 digits in all) is
 * converted straight from its bytes: the digits make an integer below 2^53, and one division by an
 * exact power of ten is correctly rounded, so the value is bit for bit what `Number(text)` gives.
 * A text cell whose bytes were seen before in its column is counted by its code (see
 * {@link ByteDictionary}). Every other cell is decoded and classified by the shared
 * {@link CsvColumnBuilder}, as in the general reader.
 *
 * When a file is not one it can read exactly (a quote character anywhere, a lone carriage return or
 * mixed line ends, invalid UTF-8, empty lines before the header, duplicate header names, a row whose
 * field count differs from the header's, no data rows, an unreadable file) it returns `undefined`, and
 * the caller uses the general reader, which also writes the located error messages. So the fast path
 * never has an opinion of its own about a file.
 *
 * Cost: one pass over the bytes, O(size); memory: one chunk plus the output columns.
 */
export interface FastCsvOptions {
  /** The file as the user named it, for the table. */
  file: string;
  /** The field delimiter: one ASCII character. */
  delimiter: string;
  /**
   * When the header is one field under `delimiter`, look for another in it (see detectDelimiter) and
   * read the file with that one.
   */
  findDelimiter?: boolean;
  /** Extra markers of a missing cell (see CsvColumnBuilder). */
  naValues?: readonly string[];
  /** Columns whose numeric cells keep their text too. */
  keepText?: ReadonlySet<string>;
  /** Only these columns get storage (all by default). */
  only?: ReadonlySet<string>;
  /** Bytes read at a time from a file (default 8 MiB). */
  chunkSize?: number;
  /** Called after each chunk with the bytes read so far and the file's size. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /**
   * The read's memory, charged for the chunk buffer, the columns and their byte dictionaries; a charge
   * past its limit throws MemoryBudgetError (see memory.ts).
   */
  memory?: ReadMemory;
  /** Where the columns it names are spilled rather than held (see spill.ts). */
  spillWriter?: CsvSpillWriter;
}

const QUOTE = 0x22;
const CARRIAGE_RETURN = 0x0d;
const LINE_FEED = 0x0a;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
/** The most digits whose integer value is surely exact in a double (10^15 < 2^53). */
const MAX_FAST_DIGITS = 15;
const POWERS_OF_TEN = Array.from({ length: MAX_FAST_DIGITS + 1 }, (_, exponent) => 10 ** exponent);
const DEFAULT_CHUNK_SIZE = 8 * 1024 * 1024;

/** Thrown inside the scan when the file needs the general reader. */
class NotFastEligible extends Error {}

/**
 * Thrown inside the scan at a cell longer than MAX_CELL_BYTES: where it starts, relative to the scan
 * (lines into it, the byte offsets of its line and of the cell), for the scanner to locate.
 */
class CellTooLong extends Error {
  constructor(
    readonly linesIn: number,
    readonly lineStart: number,
    readonly cellStart: number,
  ) {
    super('cell too long');
  }
}

/**
 * A column being read: the shared builder, whether its numeric cells need their text too, and its
 * text cells by their bytes.
 */
interface ColumnSink {
  readonly builder: CsvColumnBuilder;
  readonly keepText: boolean;
  readonly texts: ByteDictionary;
}

/**
 * A cell that is not a plain decimal, or whose text the column keeps: counted by its code when its
 * bytes are a text seen before, else decoded and classified by the builder (and remembered, if text).
 */
function addCellBytes(
  column: ColumnSink,
  buffer: Buffer,
  bytes: Uint8Array,
  start: number,
  end: number,
): void {
  const hash = ByteDictionary.hash(bytes, start, end);
  const known = column.texts.find(bytes, start, end, hash);
  if (known !== -1) {
    column.builder.addTextCode(known);
    return;
  }
  const cell = buffer.toString('utf8', start, end);
  if (column.builder.addCell(cell) === 'text') {
    column.texts.add(bytes, start, end, hash, column.builder.textCode(cell)!);
  }
}

/**
 * Reads the rows of `buffer[position, stop)` into the columns and returns how many there were. Rows
 * end at a line feed, or at `stop` for the last line of a file without a final line feed. A plain
 * function with everything in locals: this loop is the whole cost of reading a file.
 *
 * `lines.empty` gets the number of empty lines skipped.
 *
 * @throws NotFastEligible for a row whose field count differs from the header's, or a line end that
 *   differs from the header's; CellTooLong for a cell longer than MAX_CELL_BYTES.
 */
function scanRows(
  buffer: Buffer,
  position: number,
  stop: number,
  crlf: boolean,
  delimiter: number,
  columns: readonly (ColumnSink | undefined)[],
  lines: { empty: number },
): number {
  const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const fieldCount = columns.length;
  let rowCount = 0;
  let emptyLines = 0;
  while (position < stop) {
    let lineFeed = bytes.indexOf(LINE_FEED, position);
    if (lineFeed === -1 || lineFeed >= stop) lineFeed = stop;
    let end = lineFeed;
    if (crlf) {
      if (lineFeed < stop) {
        if (bytes[lineFeed - 1] !== CARRIAGE_RETURN) throw new NotFastEligible();
        end = lineFeed - 1;
      }
      const carriageReturn = bytes.indexOf(CARRIAGE_RETURN, position);
      if (carriageReturn !== -1 && carriageReturn < end) throw new NotFastEligible();
    }
    if (end === position) {
      position = lineFeed + 1; // an empty line: skipped, as the general reader does
      emptyLines += 1;
      continue;
    }
    // Field by field, in one pass: a plain decimal is converted while its bytes are scanned. Past the
    // end of the line, the delimiter stands in as the byte read.
    let index = position;
    for (let field = 0; field < fieldCount; field += 1) {
      const fieldStart = index;
      let byte = index < end ? bytes[index]! : delimiter;
      let negative = false;
      if (byte === MINUS || byte === PLUS) {
        negative = byte === MINUS;
        index += 1;
        byte = index < end ? bytes[index]! : delimiter;
      }
      let mantissa = 0;
      let digits = 0;
      let fractionDigits = 0;
      while (byte >= ZERO && byte <= NINE) {
        mantissa = mantissa * 10 + (byte - ZERO);
        digits += 1;
        index += 1;
        byte = index < end ? bytes[index]! : delimiter;
      }
      if (byte === DOT) {
        index += 1;
        byte = index < end ? bytes[index]! : delimiter;
        while (byte >= ZERO && byte <= NINE) {
          mantissa = mantissa * 10 + (byte - ZERO);
          digits += 1;
          fractionDigits += 1;
          index += 1;
          byte = index < end ? bytes[index]! : delimiter;
        }
      }
      const plain = byte === delimiter && digits > 0 && digits <= MAX_FAST_DIGITS;
      if (!plain) {
        while (index < end && bytes[index] !== delimiter) index += 1;
        if (index - fieldStart > MAX_CELL_BYTES)
          throw new CellTooLong(rowCount + emptyLines, position, fieldStart);
      }
      // A row with fewer or more fields than the header: the general reader reports it.
      if (index >= end !== (field === fieldCount - 1)) throw new NotFastEligible();
      const column = columns[field];
      if (column !== undefined) {
        if (plain && !column.keepText) {
          const value = mantissa / POWERS_OF_TEN[fractionDigits]!;
          column.builder.addNumber(negative ? -value : value);
        } else {
          addCellBytes(column, buffer, bytes, fieldStart, index);
        }
      }
      index += 1;
    }
    rowCount += 1;
    position = lineFeed + 1;
  }
  lines.empty = emptyLines;
  return rowCount;
}

/** The byte offset of the first field of `line` longer than MAX_CELL_BYTES, or -1. */
function findLongField(line: Uint8Array, delimiter: number): number {
  if (line.length <= MAX_CELL_BYTES) return -1;
  let start = 0;
  for (;;) {
    const next = line.indexOf(delimiter, start);
    const end = next === -1 ? line.length : next;
    if (end - start > MAX_CELL_BYTES) return start;
    if (next === -1) return -1;
    start = next + 1;
  }
}

/** The state of one file being read: fed chunk by chunk, it consumes whole lines. */
class FastCsvScanner {
  private delimiter: number;
  private delimiterText: string;
  private delimiterDetected = false;
  private header: string[] | undefined;
  private crlf = false;
  private columns: (ColumnSink | undefined)[] = [];
  private rowCount = 0;
  /** Lines consumed: the header, the rows and the empty lines. */
  private linesConsumed = 0;
  private readonly emptyLines = { empty: 0 };
  private atStart = true;

  constructor(private readonly options: FastCsvOptions) {
    this.delimiterText = options.delimiter;
    this.delimiter = options.delimiter.charCodeAt(0);
  }

  /** Whether the delimiter lets the byte scan work (it stands in for the end of a field). */
  static eligibleDelimiter(delimiter: string): boolean {
    if (delimiter.length !== 1) return false;
    const code = delimiter.charCodeAt(0);
    if (code >= 0x80 || (code >= ZERO && code <= NINE)) return false;
    return ![QUOTE, CARRIAGE_RETURN, LINE_FEED, MINUS, PLUS, DOT].includes(code);
  }

  /**
   * Consumes the whole lines of `buffer[0, end)` (all of it when `final`) and returns the offset of
   * the first byte not consumed.
   */
  consume(buffer: Buffer, end: number, final: boolean): number {
    let position = 0;
    if (this.atStart) {
      if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) position = 3;
      else if (!final && end < 3) return 0;
    }
    const lastLineFeed = buffer.lastIndexOf(LINE_FEED, end - 1);
    const stop = final ? end : lastLineFeed + 1;
    if (stop <= position) return final ? end : 0;
    const region = buffer.subarray(position, stop);
    if (region.indexOf(QUOTE) !== -1 || !isUtf8(region)) throw new NotFastEligible();
    if (this.header === undefined) {
      position = this.readHeader(buffer, position, stop);
      this.linesConsumed = 1;
    } else if (!this.crlf && region.indexOf(CARRIAGE_RETURN) !== -1) throw new NotFastEligible();
    this.atStart = false;
    let rows: number;
    try {
      rows = scanRows(buffer, position, stop, this.crlf, this.delimiter, this.columns, this.emptyLines);
    } catch (error) {
      if (!(error instanceof CellTooLong)) throw error;
      throw cellTooLongError(
        this.options.file,
        this.linesConsumed + error.linesIn + 1,
        codePointCount(buffer, error.lineStart, error.cellStart) + 1,
      );
    }
    this.rowCount += rows;
    this.linesConsumed += rows + this.emptyLines.empty;
    return stop;
  }

  /**
   * Checks the line not consumed yet, `buffer[0, length)` (a line longer than the buffer): its last
   * field so far must not pass MAX_CELL_BYTES. A quote in it: the general reader judges.
   *
   * @throws InputError for a cell too long; NotFastEligible for a quote.
   */
  checkOpenLine(buffer: Buffer, length: number): void {
    const from = this.atStart && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
    const line = buffer.subarray(from, length);
    const cellStart = line.lastIndexOf(this.delimiter) + 1;
    if (line.length - cellStart <= MAX_CELL_BYTES) return;
    if (line.indexOf(QUOTE) !== -1) throw new NotFastEligible();
    throw cellTooLongError(this.options.file, this.linesConsumed + 1, codePointCount(line, 0, cellStart) + 1);
  }

  /** Reads the header line at `position`; returns where the data starts. */
  private readHeader(buffer: Buffer, position: number, stop: number): number {
    let lineFeed = buffer.indexOf(LINE_FEED, position);
    if (lineFeed === -1 || lineFeed >= stop) lineFeed = stop;
    this.crlf = lineFeed > position && buffer[lineFeed - 1] === CARRIAGE_RETURN;
    const headerEnd = this.crlf ? lineFeed - 1 : lineFeed;
    if (!this.crlf && buffer.subarray(position, stop).indexOf(CARRIAGE_RETURN) !== -1)
      throw new NotFastEligible();
    // Empty lines before the header, or duplicate names: left to the general reader.
    if (headerEnd === position) throw new NotFastEligible();
    // Field by field, each checked against the cell limit before it becomes a string.
    const headerBytes = buffer.subarray(position, headerEnd);
    const long = findLongField(headerBytes, this.delimiter);
    if (long !== -1) throw cellTooLongError(this.options.file, 1, codePointCount(headerBytes, 0, long) + 1);
    if (headerBytes.length > bufferConstants.MAX_STRING_LENGTH) throw new NotFastEligible();
    const headerLine = headerBytes.toString('utf8');
    let header = headerLine.split(this.delimiterText);
    if (this.options.findDelimiter && header.length === 1) {
      const choice = detectDelimiter(headerLine, this.delimiterText, this.options.file);
      if (choice.detected) {
        this.delimiterText = choice.delimiter;
        this.delimiter = choice.delimiter.charCodeAt(0);
        this.delimiterDetected = true;
        header = headerLine.split(this.delimiterText);
      }
    }
    if (new Set(header).size !== header.length || header.some((name) => name.includes('\r')))
      throw new NotFastEligible();
    const { only, keepText, spillWriter } = this.options;
    const naValues =
      this.options.naValues && this.options.naValues.length > 0 ? new Set(this.options.naValues) : undefined;
    this.header = header;
    const memory = this.options.memory;
    this.columns = header.map((name): ColumnSink | undefined => {
      const builder = csvColumnBuilderFor(name, { only, keepText, naValues, memory, spill: spillWriter });
      if (builder === undefined) return undefined;
      memory?.charge(ByteDictionary.byteSize());
      return { builder, keepText: keepText?.has(name) ?? false, texts: new ByteDictionary() };
    });
    return lineFeed + 1;
  }

  /**
   * After the first chunk: reserves room in every column for the rows still to come, estimated from
   * the bytes per row so far (a little over, so that nothing is copied while growing).
   */
  reserveForRest(bytesConsumed: number, totalBytes: number): void {
    if (this.rowCount === 0 || bytesConsumed >= totalBytes) return;
    const rows = Math.ceil(((totalBytes - bytesConsumed) / bytesConsumed) * this.rowCount * 1.02) + 64;
    for (const column of this.columns) column?.builder.reserveRows(rows);
  }

  /** Data rows read so far. */
  get rows(): number {
    return this.rowCount;
  }

  /** The table; undefined for a file without a header or data rows (the general reader explains). */
  finish(): CsvColumnTable | undefined {
    const header = this.header;
    if (header === undefined || this.rowCount === 0) return undefined;
    return {
      file: this.options.file,
      header,
      rowCount: this.rowCount,
      columns: this.columns.map(
        (column, index) => column?.builder.finish() ?? emptyCsvColumn(header[index]!),
      ),
      delimiter: this.delimiterText,
      delimiterDetected: this.delimiterDetected,
    };
  }
}

/**
 * Reads CSV bytes already in memory (a decompressed `.gz`, a test's text) into per-column storage,
 * or returns `undefined` when the general reader must do it.
 */
export function parseCsvBytesFast(bytes: Uint8Array, options: FastCsvOptions): CsvColumnTable | undefined {
  if (!FastCsvScanner.eligibleDelimiter(options.delimiter)) return undefined;
  const scanner = new FastCsvScanner(options);
  try {
    scanner.consume(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), bytes.byteLength, true);
  } catch (error) {
    if (error instanceof NotFastEligible) return undefined;
    throw error;
  }
  return scanner.finish();
}

/**
 * Reads a CSV file chunk by chunk into per-column storage, or returns `undefined` when the general
 * reader must do it (including when the file cannot be opened: the general reader says why).
 */
export function readCsvFileFast(path: string, options: FastCsvOptions): CsvColumnTable | undefined {
  if (!FastCsvScanner.eligibleDelimiter(options.delimiter)) return undefined;
  let descriptor: number;
  try {
    descriptor = openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const totalBytes = fstatSync(descriptor).size;
    const scanner = new FastCsvScanner(options);
    const memory = options.memory;
    // A small memory limit gets smaller chunks (a quarter of it, at least 64 KiB).
    const chunkSize =
      options.chunkSize ??
      Math.min(DEFAULT_CHUNK_SIZE, Math.max(64 * 1024, Math.floor((memory?.remaining() ?? Infinity) / 4)));
    memory?.charge(chunkSize);
    let buffer = Buffer.allocUnsafe(chunkSize);
    let carried = 0;
    let bytesRead = 0;
    let bytesConsumed = 0;
    for (;;) {
      if (carried === buffer.length) {
        // A line longer than the buffer: grow it (both are held while copying), unless its last cell
        // so far is already too long.
        scanner.checkOpenLine(buffer, carried);
        memory?.charge(buffer.length * 2);
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, carried);
        memory?.release(buffer.length);
        buffer = bigger;
      }
      const count = readSync(descriptor, buffer, carried, buffer.length - carried, null);
      bytesRead += count;
      if (memory) {
        memory.bytesRead = bytesRead;
        memory.rows = scanner.rows;
      }
      const end = carried + count;
      const final = count === 0;
      const consumed = scanner.consume(buffer, end, final);
      if (memory) memory.rows = scanner.rows;
      if (final) break;
      if (bytesConsumed === 0 && consumed > 0) scanner.reserveForRest(consumed, totalBytes);
      bytesConsumed += consumed;
      carried = end - consumed;
      buffer.copy(buffer, 0, consumed, end);
      options.onProgress?.(bytesRead, totalBytes);
    }
    return scanner.finish();
  } catch (error) {
    if (error instanceof NotFastEligible) return undefined;
    if ((error as NodeJS.ErrnoException).code !== undefined) return undefined;
    throw error;
  } finally {
    closeSync(descriptor);
  }
}
