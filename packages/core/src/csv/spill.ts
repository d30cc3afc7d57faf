import { ftruncateSync, readSync, writeSync } from 'node:fs';
import { InputError } from '../errors.js';
import { type CsvColumn, type CsvColumnTable, emptyCsvColumn } from './columns.js';
import { CSV_MEMORY_COSTS, type ReadMemory } from './memory.js';
import type {
  CsvSpill,
  CsvSpilledArray,
  CsvSpilledColumn,
  CsvSpillRequest,
  CsvSpillSink,
} from './spill-types.js';

/**
 * Spilling columns to disk: how a CSV file is parsed once for a check in passes.
 *
 * A drift check whose columns do not fit its memory budget at once reads them in passes over groups
 * of columns (drift/passes.ts). A Parquet or Arrow pass reads only its columns; a CSV file has to be
 * parsed whole to get any column out of it. So the first pass that reads a CSV file is told to
 * spill the columns of the later passes: their cells go through the same {@link CsvColumnBuilder}
 * as the columns it keeps (so they are classified by the one set of rules, whatever reader parses
 * the file), but the builder's arrays are written to a spill file each time they fill a buffer,
 * instead of growing. At the end of the read each spilled column's string table is written after
 * its arrays, and the read returns, with its table, a {@link CsvSpill}: where each spilled column's
 * arrays lie in the file. A later pass then loads its columns from there ({@link loadSpilledTable}),
 * in the thread that would have read the file, and sorts them there as a read would.
 *
 * The spill file is one per file read, made by the main thread (spill-space.ts) and handed over as
 * an open descriptor: it is unlinked at once, so it never outlives the process, however it ends.
 * Every spilled array is written as it fills, in buffers of at most {@link SPILL_BUFFER_BYTES}:
 * - numbers: the column's Float64Array values, in file order (finite numbers only, as the builder
 *   keeps them; `-0` as written), 8 bytes each;
 * - codes: its Int32Array dictionary codes, 4 bytes each;
 * - categories: each distinct text as its UTF-8 length (4 bytes, little-endian) and its bytes.
 * An array is a list of extents (position, bytes) in the file, as its buffers were written.
 *
 * Memory: a spilled column holds one buffer per array while read (charged to the read's memory, as
 * its arrays would be) and its distinct texts, which its codes are given from until the read ends
 * (charged as the builder charges them, then let go). A load holds what a read of the column would.
 */

/** The largest buffer a spilled array fills before it is written: 1 MiB. */
export const SPILL_BUFFER_BYTES = 1 << 20;

/** The smallest: a read under a small budget gets buffers from what it has left (see bufferBytes). */
export const MIN_SPILL_BUFFER_BYTES = 16 << 10;

export type { CsvSpill, CsvSpilledArray, CsvSpilledColumn, CsvSpillRequest } from './spill-types.js';

/**
 * The write a spill writer makes: `fs.writeSync` with a position. A test gives another to stand for
 * a full disk (ENOSPC), which is hard to make for real (the fault-injection seam of this module).
 */
export type SpillWrite = (
  fd: number,
  buffer: Uint8Array,
  offset: number,
  length: number,
  position: number,
) => number;

/** The hint for a spill that cannot be written: in the caller's terms for the memory budget. */
const SPILL_FIELD_HINT = [
  'or raise ',
  { field: 'maxMemory' },
  ', so that fewer columns are spilled',
] as const;

/** The error for a spill file that cannot be written: the folder, what happened, what to do. */
export function spillWriteError(error: unknown, spill: CsvSpillRequest, file: string): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  const what =
    code === 'ENOSPC'
      ? 'no space left on the device'
      : code === 'EDQUOT'
        ? 'disk quota exceeded'
        : code === 'EFBIG'
          ? 'the spill file reached the size limit of a file (ulimit -f)'
          : `cannot write (${(error as Error).message})`;
  return new InputError(`${what} while spilling columns of ${file} there`, {
    file: spill.folder,
    hint:
      code === 'EFBIG'
        ? 'raise the file size limit'
        : 'free space there, or point TMPDIR at a folder on a disk with more',
    fieldHint: SPILL_FIELD_HINT,
  });
}

/** The error for a spill file that cannot be read back (a device error: it was written whole). */
function spillReadError(error: unknown, spill: CsvSpill): InputError {
  return new InputError(
    `cannot read back the columns of ${spill.file} spilled there (${(error as Error).message})`,
    { file: spill.folder, hint: 'check the device; or point TMPDIR at another folder' },
  );
}

/**
 * Writes one read's spilled columns into its spill file, one after the other: every buffer a spilled
 * array fills ({@link append}), then each column's texts and counts when it is finished ({@link add}).
 * Shared by every attempt of a read: a byte-level read that hands over to the general reader starts
 * it again ({@link reset}).
 */
export class CsvSpillWriter implements CsvSpillSink {
  private position = 0;
  private columns: CsvSpilledColumn[] = [];
  private buffer: number | undefined;

  /**
   * @param request - the spill file and the columns to spill.
   * @param file - the file read, as the user named it, for messages.
   * @param write - how bytes are written (a test's fault; `fs.writeSync` by default).
   */
  constructor(
    readonly request: CsvSpillRequest,
    private readonly file: string,
    private readonly write: SpillWrite = writeSync,
  ) {}

  /** Whether the column of that name is spilled. */
  wants(name: string): boolean {
    return this.request.columns.has(name);
  }

  /**
   * Bytes per buffer of a spilled array: {@link SPILL_BUFFER_BYTES}, or less under a small budget:
   * an eighth of what the read has left when the first spilled column starts, shared by two arrays
   * per spilled column, at least {@link MIN_SPILL_BUFFER_BYTES}. Decided once per read.
   */
  bufferBytes(memory?: ReadMemory): number {
    if (this.buffer === undefined) {
      const share = (memory?.remaining() ?? Number.POSITIVE_INFINITY) / 8 / (2 * this.request.columns.size);
      const bytes = Math.min(SPILL_BUFFER_BYTES, Math.max(MIN_SPILL_BUFFER_BYTES, share));
      this.buffer = Math.floor(bytes / 8) * 8;
    }
    return this.buffer;
  }

  /**
   * Writes `bytes` at the end of the spill file and returns where they start.
   *
   * @throws InputError when they cannot be written (a full disk: see spillWriteError).
   */
  append(bytes: Uint8Array): number {
    const start = this.position;
    let done = 0;
    try {
      while (done < bytes.byteLength)
        done += this.write(this.request.fd, bytes, done, bytes.byteLength - done, start + done);
    } catch (error) {
      throw spillWriteError(error, this.request, this.file);
    }
    this.position += bytes.byteLength;
    return start;
  }

  /**
   * Writes a column's distinct texts, in buffers as its arrays (each text whole in one extent), and
   * returns where they lie.
   */
  appendTexts(texts: readonly string[], memory?: ReadMemory): CsvSpilledArray {
    const extents: number[] = [];
    if (texts.length === 0) return { count: 0, extents };
    const size = this.bufferBytes(memory);
    memory?.charge(size);
    const buffer = Buffer.allocUnsafe(size);
    let filled = 0;
    const flush = () => {
      if (filled === 0) return;
      extents.push(this.append(buffer.subarray(0, filled)), filled);
      filled = 0;
    };
    for (const text of texts) {
      const length = Buffer.byteLength(text, 'utf8');
      if (filled + 4 + length > size) flush();
      if (4 + length > size) {
        // A text longer than a buffer: an extent of its own.
        memory?.charge(4 + length);
        const own = Buffer.allocUnsafe(4 + length);
        own.writeUInt32LE(length, 0);
        own.write(text, 4, 'utf8');
        extents.push(this.append(own), own.length);
        memory?.release(4 + length);
        continue;
      }
      buffer.writeUInt32LE(length, filled);
      buffer.write(text, filled + 4, 'utf8');
      filled += 4 + length;
    }
    flush();
    memory?.release(size);
    return { count: texts.length, extents };
  }

  /** Records a finished spilled column. */
  add(column: CsvSpilledColumn): void {
    this.columns.push(column);
  }

  /**
   * Forgets what was written (an attempt abandoned for another reader): the file is emptied, and
   * the next attempt decides its buffers anew.
   */
  reset(): void {
    this.position = 0;
    this.columns = [];
    this.buffer = undefined;
    try {
      ftruncateSync(this.request.fd, 0);
    } catch (error) {
      throw spillWriteError(error, this.request, this.file);
    }
  }

  /** The table read, with what was spilled. */
  finish(table: CsvColumnTable): CsvColumnTable {
    return {
      ...table,
      spill: {
        ...this.request,
        file: table.file,
        header: table.header,
        rowCount: table.rowCount,
        delimiter: table.delimiter,
        delimiterDetected: table.delimiterDetected,
        spilled: this.columns,
        bytes: this.position,
      },
    };
  }
}

/** Whether every column of `group` that the file has was spilled: a pass can load them all. */
export function spillHolds(spill: CsvSpill, group: ReadonlySet<string>): boolean {
  const spilled = new Set(spill.spilled.map((column) => column.name));
  return [...group].every((name) => spilled.has(name) || !spill.header.includes(name));
}

/** Reads `bytes` at `position` of the spill file into `target` from `offset`. */
function readExtent(
  spill: CsvSpill,
  target: Uint8Array,
  offset: number,
  bytes: number,
  position: number,
): void {
  let done = 0;
  try {
    while (done < bytes) {
      const count = readSync(spill.fd, target, offset + done, bytes - done, position + done);
      if (count === 0) throw new Error('the file ends before what was written');
      done += count;
    }
  } catch (error) {
    throw spillReadError(error, spill);
  }
}

/** A spilled array back in a typed array of its exact length, charged to the load's memory. */
function loadArray<T extends Float64Array | Int32Array>(
  spill: CsvSpill,
  array: CsvSpilledArray,
  create: (length: number) => T,
  bytesPerElement: number,
  memory: ReadMemory,
): T {
  memory.charge(array.count * bytesPerElement);
  const typed = create(array.count);
  const bytes = new Uint8Array(typed.buffer, typed.byteOffset, typed.byteLength);
  let offset = 0;
  for (let index = 0; index < array.extents.length; index += 2) {
    const length = array.extents[index + 1]!;
    readExtent(spill, bytes, offset, length, array.extents[index]!);
    offset += length;
    memory.bytesRead += length;
  }
  if (offset !== typed.byteLength) throw spillReadError(new Error('its extents do not add up'), spill);
  return typed;
}

/** A spilled column's texts back, each charged as the builder charged it. */
function loadTexts(spill: CsvSpill, array: CsvSpilledArray, memory: ReadMemory): string[] {
  const texts: string[] = [];
  for (let index = 0; index < array.extents.length; index += 2) {
    const length = array.extents[index + 1]!;
    memory.charge(length);
    const buffer = Buffer.allocUnsafe(length);
    readExtent(spill, buffer, 0, length, array.extents[index]!);
    memory.bytesRead += length;
    for (let at = 0; at < length; ) {
      const size = buffer.readUInt32LE(at);
      const text = buffer.toString('utf8', at + 4, at + 4 + size);
      memory.charge(2 * text.length + CSV_MEMORY_COSTS.dictionaryEntry);
      texts.push(text);
      at += 4 + size;
    }
    memory.release(length);
  }
  if (texts.length !== array.count) throw spillReadError(new Error('its texts do not add up'), spill);
  return texts;
}

/** One spilled column, as the read that spilled it would have returned it. */
export function loadSpilledColumn(spill: CsvSpill, column: CsvSpilledColumn, memory: ReadMemory): CsvColumn {
  return {
    name: column.name,
    missingCount: column.missingCount,
    numbers: loadArray(spill, column.numbers, (length) => new Float64Array(length), 8, memory),
    textCount: column.textCount,
    keepsText: column.keepsText,
    codes: loadArray(spill, column.codes, (length) => new Int32Array(length), 4, memory),
    categories: loadTexts(spill, column.categories, memory),
  };
}

/**
 * The table a read of the file with `only` would give (numbers in file order), from a spill: the
 * columns of `only` loaded, every other one empty. Charges `memory` as a read does, so a load that
 * would pass its limit stops with a MemoryBudgetError as a read would.
 *
 * @throws InputError when the spill file cannot be read back; Error for a column of `only` that the
 *   file has but that was not spilled (the caller checks with spillHolds first).
 */
export function loadSpilledTable(
  spill: CsvSpill,
  only: ReadonlySet<string> | undefined,
  memory: ReadMemory,
): CsvColumnTable {
  const byName = new Map(spill.spilled.map((column) => [column.name, column]));
  memory.rows = spill.rowCount;
  return {
    file: spill.file,
    header: spill.header,
    rowCount: spill.rowCount,
    columns: spill.header.map((name) => {
      if (only !== undefined && !only.has(name)) return emptyCsvColumn(name);
      const column = byName.get(name);
      if (column === undefined) throw new Error(`column "${name}" of ${spill.file} was not spilled`);
      return loadSpilledColumn(spill, column, memory);
    }),
    delimiter: spill.delimiter,
    delimiterDetected: spill.delimiterDetected,
  };
}
