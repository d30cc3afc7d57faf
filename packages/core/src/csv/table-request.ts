// What a table read is asked for and how it reports progress: shared by the readers (table-reader.ts),
// the streaming reader (stream-read.ts) and the worker-thread read (worker-read.ts), which must stay
// light enough for a bin to import from its first lines.
import type { InputFormat } from '../table/format.js';
import type { CsvReadOptions } from './read.js';
import type { CsvSpill } from './spill.js';

/** One file's read: the CSV options, the name for messages, and whether to sort numbers. */
export interface CsvTableRequest extends CsvReadOptions {
  /** The file as the user named it, for messages. */
  file?: string;
  /** Sort every column's numbers ascending (and mark them `numbersSorted`). */
  sortNumbers?: boolean;
  /** The file's format; by default from its name (see inputFormatForName), or a folder's files. */
  format?: InputFormat;
  /** Hive partition folders (`day=2026-11-30`) of a dataset become columns (not by default). */
  hivePartitioning?: boolean;
  /**
   * Load the columns of `only` from what an earlier read of the file spilled (see spill.ts) instead
   * of reading the file: the same table, without parsing it again.
   */
  fromSpill?: CsvSpill;
}

/** Progress of one file: bytes read so far, of the file's size. */
export type CsvProgress = (file: string, bytesRead: number, totalBytes: number) => void;
