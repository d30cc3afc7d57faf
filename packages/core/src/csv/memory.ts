import { InputError, type MlopsErrorOptions } from '../errors.js';
import { escapeText } from '../text/escape.js';

/**
 * The memory a CSV read may hold, and the accounting that stops it before it passes.
 *
 * A reader charges a {@link ReadMemory} for everything it keeps as it reads (see
 * {@link CSV_MEMORY_COSTS}): the raw bytes it holds (a read chunk, a whole file or its gunzipped
 * content), the growing column arrays (their allocated capacity, not just what is filled), the
 * distinct texts of each column, and the fixed tables of the byte-level reader. A charge that would
 * pass the read's limit throws a {@link MemoryBudgetError} at once, before the memory is taken, so a
 * gzip bomb, `/dev/zero` or an endless pipe ends with a message instead of the process being killed.
 *
 * The figure is a conservative estimate of what the read holds, not the process's RSS: Node.js itself,
 * the code and short-lived values (one record's strings in csv-parse) come on top.
 *
 * This module imports nothing heavy: the worker-thread entry loads it.
 */

/** What the estimate charges, in bytes. */
export const CSV_MEMORY_COSTS = {
  /** Per distinct text kept in a column's dictionary, on top of 2 bytes per UTF-16 code unit. */
  dictionaryEntry: 80,
} as const;

/** A whole budget shared by `parts` reads that hold their data at the same time: each gets its share. */
export function memoryShare(budgetBytes: number, parts: number): number {
  return Math.floor(budgetBytes / parts);
}

/**
 * Bytes with decimal units, as the drift CLI's memory sizes are written: `2 GB` (2·10⁹), `512 MB`,
 * `1.5 GB`, `900 bytes`.
 *
 * @example formatDecimalBytes(2e9) // => '2 GB'
 * @example formatDecimalBytes(1_234_567) // => '1.2 MB'
 */
export function formatDecimalBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  if (unit === 0) return `${bytes} bytes`;
  return `${Number(value.toFixed(value < 10 ? 1 : 0))} ${units[unit]}`;
}

/** How a read stopped for lack of memory, beyond the message. */
export interface MemoryBudgetDetails {
  /** Bytes of input read (after gunzip) when it stopped. */
  bytesRead: number;
  /** Data rows read, as far as the reader knows. */
  rows: number;
  /** The most this read could hold. */
  limitBytes: number;
  /** The whole budget this read's limit is a share of (the same as the limit for a read alone). */
  budgetBytes: number;
  /** The size of a file that had to be held whole (quoted fields, a pipe), when that is what stopped it. */
  wholeFileBytes?: number;
  /** True when it stopped while gunzipping (`bytesRead` then counts gunzipped bytes). */
  gunzipping?: boolean;
  /** The one column read when it stopped (a check in passes, down to a single column). */
  column?: string;
}

/**
 * A read that stopped before its memory would have passed its limit (exit 2, as any input that cannot
 * be read). `details` say how far it got; the hint is generic, and a caller that knows its own flag
 * (the drift CLI's memory flag) may say more with {@link withHint}.
 */
export class MemoryBudgetError extends InputError {
  readonly details: MemoryBudgetDetails;

  constructor(details: MemoryBudgetDetails, options: MlopsErrorOptions = {}) {
    super(memoryBudgetMessage(details), {
      hint: 'raise the memory budget, or compare fewer columns',
      ...options,
    });
    this.details = details;
  }

  /** The same error with another hint. */
  withHint(hint: string): MemoryBudgetError {
    return new MemoryBudgetError(this.details, { file: this.file, line: this.line, hint });
  }

  /** The same error, saying it came from reading this one column alone (a check in passes). */
  forColumn(column: string): MemoryBudgetError {
    return new MemoryBudgetError(
      { ...this.details, column },
      { file: this.file, line: this.line, hint: 'raise the memory budget' },
    );
  }
}

function memoryBudgetMessage(details: MemoryBudgetDetails): string {
  const share =
    details.budgetBytes > details.limitBytes
      ? `its share (${formatDecimalBytes(details.limitBytes)}) of the memory budget of ${formatDecimalBytes(details.budgetBytes)}`
      : `the memory budget of ${formatDecimalBytes(details.budgetBytes)}`;
  if (details.wholeFileBytes !== undefined)
    return `the file is ${formatDecimalBytes(details.wholeFileBytes)}, and reading it whole would pass ${share}`;
  const rows = details.rows > 0 ? ` (${details.rows.toLocaleString('en-US')} rows)` : '';
  const what = details.gunzipping ? 'of gunzipped data' : 'of data';
  if (details.column !== undefined)
    return `reading column "${escapeText(details.column)}" alone stopped after ${formatDecimalBytes(details.bytesRead)} ${what}${rows}: holding more would pass ${share}`;
  return `reading stopped after ${formatDecimalBytes(details.bytesRead)} ${what}${rows}: holding more would pass ${share}`;
}

/**
 * The memory one read holds, charged as it grows: {@link charge} before taking memory,
 * {@link release} after letting go of it. Without a limit it only counts.
 */
export class ReadMemory {
  /** Bytes held now, by the estimate. */
  held = 0;
  /** The most held at any time: a read fits under a limit when its peak does. */
  peak = 0;
  /** Bytes of input read so far, and data rows: for the message when the read stops. */
  bytesRead = 0;
  rows = 0;

  constructor(
    /** The file as the user named it, for the message. */
    readonly file: string,
    /** The most this read may hold; undefined: no limit. */
    readonly limitBytes?: number,
    /** The whole budget the limit is a share of, for the message (default: the limit). */
    readonly budgetBytes = limitBytes,
  ) {}

  /**
   * Adds `bytes` to what the read holds.
   *
   * @throws MemoryBudgetError when that would pass the limit (nothing is charged then).
   */
  charge(bytes: number): void {
    if (this.limitBytes !== undefined && this.held + bytes > this.limitBytes) throw this.exceeded();
    this.held += bytes;
    if (this.held > this.peak) this.peak = this.held;
  }

  /** Takes `bytes` off what the read holds (memory let go). */
  release(bytes: number): void {
    this.held = Math.max(0, this.held - bytes);
  }

  /** Starts the count again: what an abandoned attempt held is garbage now. */
  reset(): void {
    this.held = 0;
    this.peak = 0;
    this.bytesRead = 0;
    this.rows = 0;
  }

  /** Bytes that can still be charged (Infinity without a limit). */
  remaining(): number {
    return this.limitBytes === undefined
      ? Number.POSITIVE_INFINITY
      : Math.max(0, this.limitBytes - this.held);
  }

  /** The error for a read that would pass its limit, as far as it got. */
  exceeded(more: Pick<MemoryBudgetDetails, 'wholeFileBytes' | 'gunzipping'> = {}): MemoryBudgetError {
    return new MemoryBudgetError(
      {
        bytesRead: this.bytesRead,
        rows: this.rows,
        limitBytes: this.limitBytes ?? Number.POSITIVE_INFINITY,
        budgetBytes: this.budgetBytes ?? this.limitBytes ?? Number.POSITIVE_INFINITY,
        ...more,
      },
      { file: this.file },
    );
  }
}
