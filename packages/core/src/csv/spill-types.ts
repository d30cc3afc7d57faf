import type { ReadMemory } from './memory.js';

/**
 * The data of spilling columns to disk (spill.ts): what a read is told to spill, what it spilled, and
 * the writer's side a column builder uses (columns.ts), apart so that the builder and the spill
 * module need not import each other.
 */

/** What a read is told to spill, and where: plain data, sent to a worker thread as it is. */
export interface CsvSpillRequest {
  /** An open descriptor of an empty file, readable and writable (unlinked: see spill-space.ts). */
  readonly fd: number;
  /** The private folder the file was made in, for messages (removed once the file was open). */
  readonly folder: string;
  /** The columns to spill rather than hold. */
  readonly columns: ReadonlySet<string>;
  /** True when the folder was on a tmpfs: the spill then takes memory, not disk. */
  readonly inMemory?: boolean;
}

/** A spilled array: how many values, and where they lie: positions and byte lengths, by pairs. */
export interface CsvSpilledArray {
  readonly count: number;
  readonly extents: readonly number[];
}

/** One column as spilled: its counts, and its arrays in the spill file. */
export interface CsvSpilledColumn {
  readonly name: string;
  readonly missingCount: number;
  readonly textCount: number;
  readonly keepsText: boolean;
  readonly numbers: CsvSpilledArray;
  readonly codes: CsvSpilledArray;
  /** The distinct texts; `count` is how many. */
  readonly categories: CsvSpilledArray;
}

/**
 * What a read spilled: the file's shape, as the read saw it (a later pass's table needs it), and
 * each spilled column. Plain data, sent back from a worker thread as it is.
 */
export interface CsvSpill extends CsvSpillRequest {
  /** The file as the user named it. */
  readonly file: string;
  readonly header: readonly string[];
  readonly rowCount: number;
  readonly delimiter: string;
  readonly delimiterDetected: boolean;
  /** The spilled columns (those of `columns` that the header has). */
  readonly spilled: readonly CsvSpilledColumn[];
  /** Bytes written to the file. */
  readonly bytes: number;
}

/** What a column builder asks of a spill writer (CsvSpillWriter in spill.ts). */
export interface CsvSpillSink {
  /** Whether the column of that name is spilled. */
  wants(name: string): boolean;
  /** The size of an array's buffer before it is written out. */
  bufferBytes(memory?: ReadMemory): number;
  /** Appends bytes to the spill file; where they start. */
  append(bytes: Uint8Array): number;
  /** Appends texts; where they lie. */
  appendTexts(texts: readonly string[], memory?: ReadMemory): CsvSpilledArray;
  /** Records a spilled column. */
  add(column: CsvSpilledColumn): void;
}
