import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { CsvError, parse } from 'csv-parse/sync';
import { InputError } from '../errors.js';
import { type CsvColumn, CsvColumnBuilder, type CsvColumnTable } from './columns.js';
import { detectDelimiter, firstLineOf } from './delimiter.js';
import { parseCsvBytesFast, readCsvFileFast } from './fast-columns.js';
import {
  firstInvalidUtf8,
  lineColumnOfByte,
  lineColumnOfOffset,
  type ScanProblem,
  scanToRecord,
} from './locate.js';

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
}

/** The delimiter a file name implies: tab for `.tsv` and `.tsv.gz`, comma otherwise. */
export function csvDelimiterForName(file: string): string {
  return /\.tsv(\.gz)?$/i.test(file) ? '\t' : ',';
}

function readBytes(path: string, file: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError('file not found', { file, hint: 'check the path' });
    if (code === 'EISDIR') throw new InputError('is a directory, expected a CSV file', { file });
    if (code === 'EACCES' || code === 'EPERM')
      throw new InputError('permission denied', { file, hint: 'check the file permissions' });
    throw new InputError(`cannot read the file: ${(error as Error).message}`, { file });
  }
}

/**
 * Reads a file once and decodes it: gunzips `.gz` names, checks the bytes are UTF-8 (else an
 * InputError with the line and column of the first bad byte), drops a byte-order mark. Without a
 * `delimiter`, finds it as {@link CsvReadOptions.delimiter} says.
 *
 * @throws InputError when the file is missing, unreadable, not gzip (for `.gz`), or not UTF-8, or
 *   its header splits on more than one candidate delimiter.
 */
export function loadCsvSource(path: string, options: { file?: string; delimiter?: string } = {}): CsvSource {
  const file = options.file ?? path;
  let bytes = readBytes(path, file);
  if (/\.gz$/i.test(path)) {
    try {
      bytes = gunzipSync(bytes);
    } catch (error) {
      throw new InputError(`is not a valid gzip file (${(error as Error).message})`, {
        file,
        hint: 'name it without .gz if it is plain text',
      });
    }
  }
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
  const choice = detectDelimiter(firstLineOf(bytes), csvDelimiterForName(path), file);
  return { file, bytes, delimiter: choice.delimiter, delimiterDetected: choice.detected };
}

/** A source from text already in memory (tests, stdin). */
export function csvSourceFromText(file: string, text: string, delimiter = ','): CsvSource {
  return { file, bytes: Buffer.from(text, 'utf8'), delimiter, delimiterDetected: false };
}

/** The decoded text of a source, without a byte-order mark: only for locating errors. */
function sourceText(source: CsvSource): string {
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
  const line = Number((error as unknown as { lines?: number }).lines ?? 0) || undefined;
  return new InputError(`invalid CSV: ${error.message}`, { file, line });
}

/**
 * Parses a CSV source into per-column storage: with the byte-level reader when the file allows it
 * (see fast-columns.ts), else with csv-parse ({@link parseCsvColumnsGeneral}). Both give the same
 * table for the same file.
 *
 * @throws InputError as {@link parseCsvColumnsGeneral} does.
 */
export function parseCsvColumns(source: CsvSource, options: CsvReadOptions = {}): CsvColumnTable {
  const fast =
    options.parser === 'csv-parse'
      ? undefined
      : parseCsvBytesFast(source.bytes, { ...options, file: source.file, delimiter: source.delimiter });
  return fast === undefined
    ? parseCsvColumnsGeneral(source, options)
    : { ...fast, delimiterDetected: source.delimiterDetected };
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
export function parseCsvColumnsGeneral(source: CsvSource, options: CsvReadOptions = {}): CsvColumnTable {
  const { file, delimiter } = source;
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
            options.only === undefined || options.only.has(name)
              ? new CsvColumnBuilder(name, options.keepText?.has(name) ?? false, naValues)
              : undefined,
          );
        } else {
          rowCount += 1;
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
    columns: builders.map((column, index) => column?.finish() ?? emptyColumn(names[index]!)),
    delimiter,
    delimiterDetected: source.delimiterDetected,
  };
}

function emptyColumn(name: string): CsvColumn {
  return new CsvColumnBuilder(name, false).finish();
}

function checkHeader(header: readonly string[], source: CsvSource): void {
  const seen = new Set<string>();
  for (let index = 0; index < header.length; index += 1) {
    const name = header[index]!;
    if (seen.has(name)) {
      const text = sourceText(source);
      const record = scanToRecord(text, source.delimiter, 0).record;
      const offset = record?.fieldStarts[index] ?? 0;
      throw new InputError(`duplicate column name "${name}" in the header`, {
        file: source.file,
        ...lineColumnOfOffset(text, offset),
        hint: 'give every column a distinct name',
      });
    }
    seen.add(name);
  }
}

/**
 * A whole CSV file in per-column storage, read once. A plain (not `.gz`) file the byte-level reader
 * can take is read from disk in chunks, never whole; any other goes through {@link loadCsvSource} and
 * {@link parseCsvColumnsGeneral}, which also explain every malformed file.
 *
 * @throws InputError as {@link loadCsvSource} and {@link parseCsvColumnsGeneral} do.
 */
export function readCsvColumns(
  path: string,
  options: CsvReadOptions & {
    file?: string;
    onProgress?: (bytesRead: number, totalBytes: number) => void;
  } = {},
): CsvColumnTable {
  const file = options.file ?? path;
  const delimiter = options.delimiter ?? csvDelimiterForName(path);
  if (options.parser !== 'csv-parse' && !/\.gz$/i.test(path)) {
    const table = readCsvFileFast(path, {
      ...options,
      file,
      delimiter,
      findDelimiter: options.delimiter === undefined,
    });
    if (table !== undefined) return table;
  }
  return parseCsvColumns(loadCsvSource(path, { file, delimiter: options.delimiter }), options);
}
