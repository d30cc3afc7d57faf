import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { CSV_MEMORY_COSTS, ReadMemory } from '../csv/memory.js';
import { csvSourceFromBytes, parseCsvColumns } from '../csv/read.js';
import type { CsvTableRequest } from '../csv/table-request.js';
import { resolveDataset } from './dataset.js';
import type { InputFormat } from './format.js';
import { PART_OPENERS } from './openers.js';
import type { PartColumn } from './part.js';

/**
 * What a file's columns will hold once read, told before reading it: the header, the rows, and each
 * column's bytes by the estimate of csv/memory.ts (8 per number, 4 per text code, the distinct
 * texts). A drift check under a memory budget decides from it how many columns to read at once.
 *
 * Cheap by design, and only where it is cheap: a plain CSV file from its first megabyte (the rows
 * extrapolated from the bytes), Parquet and Arrow from their footers and headers (exact rows). A
 * gzipped CSV, a pipe or a device, JSON Lines (whose rows are only known by reading them all), and
 * anything that fails here get no estimate: the read itself then says what is wrong.
 */

/** A table's columns as they will be held, before reading them. */
export interface TableEstimate {
  /** The column names, in file order. */
  readonly header: readonly string[];
  /** Data rows: exact for Parquet and Arrow, extrapolated from the first megabyte for CSV. */
  readonly rows: number;
  /** Bytes each column will hold once read, by name. */
  readonly columnBytes: ReadonlyMap<string, number>;
  /** The part of `columnBytes` that is distinct texts (which a read holds until it ends), by name. */
  readonly textBytes: ReadonlyMap<string, number>;
  /** The file's format. */
  readonly format: InputFormat;
}

/** The bytes of a CSV file sampled for its estimate. */
export const CSV_SAMPLE_BYTES = 1 << 20;

/**
 * Bytes per row a text column of a typed file is expected to hold: its 4-byte code and, as a guess,
 * 8 bytes of distinct texts (a file does not say how many distinct texts a column has; a column
 * that holds more is found when read, see drift/passes.ts).
 */
export const TYPED_TEXT_BYTES_PER_ROW = 12;

/** The bytes per row a typed column will hold, by what its values are. */
function typedBytesPerRow(column: PartColumn, keepsText: boolean): number {
  switch (column.valueClass) {
    case 'number':
    case 'date':
      return keepsText ? 8 + TYPED_TEXT_BYTES_PER_ROW : 8;
    case 'text':
      // A cell that reads as a number is held as one (8 bytes), else as a code and its text.
      return keepsText ? 8 + TYPED_TEXT_BYTES_PER_ROW : TYPED_TEXT_BYTES_PER_ROW;
    case 'boolean':
      return 4;
    default:
      return 0;
  }
}

/** A plain CSV file's estimate from its first {@link CSV_SAMPLE_BYTES}; undefined when it cannot tell. */
function estimateCsv(path: string, file: string, request: CsvTableRequest): TableEstimate | undefined {
  if (/\.gz$/i.test(path)) return undefined;
  let descriptor: number;
  try {
    descriptor = openSync(path, 'r');
  } catch {
    return undefined;
  }
  let sample: Buffer;
  let size: number;
  try {
    const stats = fstatSync(descriptor);
    if (!stats.isFile()) return undefined;
    size = stats.size;
    sample = Buffer.allocUnsafe(Math.min(size, CSV_SAMPLE_BYTES));
    let filled = 0;
    while (filled < sample.length) {
      const count = readSync(descriptor, sample, filled, sample.length - filled, filled);
      if (count === 0) break;
      filled += count;
    }
    sample = sample.subarray(0, filled);
  } finally {
    closeSync(descriptor);
  }
  const whole = sample.length === size;
  // Whole lines only: a sample cut inside a line would end with a short row.
  const end = whole ? sample.length : sample.lastIndexOf(10) + 1;
  if (end <= 0) return undefined;
  const memory = new ReadMemory(file);
  const table = parseCsvColumns(
    csvSourceFromBytes(sample.subarray(0, end), path, { file, delimiter: request.delimiter, memory }),
    { naValues: request.naValues, keepText: request.keepText },
    memory,
  );
  const rows = whole ? table.rowCount : Math.ceil((table.rowCount * size) / end);
  const scale = rows / table.rowCount;
  const columnBytes = new Map<string, number>();
  const textBytes = new Map<string, number>();
  for (const column of table.columns) {
    let texts = 0;
    for (const category of column.categories) texts += 2 * category.length + CSV_MEMORY_COSTS.dictionaryEntry;
    const bytes = column.numbers.length * 8 + column.codes.length * 4 + texts;
    columnBytes.set(column.name, Math.ceil(bytes * scale));
    textBytes.set(column.name, Math.ceil(texts * scale));
  }
  return { header: table.header, rows, columnBytes, textBytes, format: 'csv' };
}

/**
 * The estimate of a file or dataset's columns once read (see above), or undefined when it cannot be
 * told cheaply or the file cannot be read (the read reports why). Never throws.
 */
export async function estimateTable(
  path: string,
  request: CsvTableRequest,
): Promise<TableEstimate | undefined> {
  const file = request.file ?? path;
  try {
    const dataset = resolveDataset(path, file, request.format);
    // Only regular files: opening a named pipe would wait for its writer, and take its data.
    if (!dataset.parts.every((part) => statSync(part.path, { throwIfNoEntry: false })?.isFile()))
      return undefined;
    if (dataset.format === 'csv') return dataset.isSet ? undefined : estimateCsv(path, file, request);
    const open = dataset.format === 'jsonl' ? undefined : PART_OPENERS[dataset.format];
    if (open === undefined) return undefined;
    let columns: PartColumn[] | undefined;
    let rows = 0;
    for (const source of dataset.parts) {
      const part = await open(source.path, source.name);
      try {
        if (columns === undefined) {
          columns = [...part.columns];
          if (request.hivePartitioning)
            for (const [key] of source.partitions)
              if (!columns.some((column) => column.name === key))
                columns.push({ name: key, type: 'partition', valueClass: 'text' });
        }
        rows += part.rowCount;
      } finally {
        part.close();
      }
    }
    if (columns === undefined) return undefined;
    return {
      header: columns.map((column) => column.name),
      rows,
      columnBytes: new Map(
        columns.map((column) => [
          column.name,
          rows * typedBytesPerRow(column, request.keepText?.has(column.name) ?? false),
        ]),
      ),
      // The guess of TYPED_TEXT_BYTES_PER_ROW, less the code.
      textBytes: new Map(
        columns.map((column) => [
          column.name,
          column.valueClass === 'text' || request.keepText?.has(column.name)
            ? rows * (TYPED_TEXT_BYTES_PER_ROW - 4)
            : 0,
        ]),
      ),
      format: dataset.format,
    };
  } catch {
    return undefined;
  }
}
