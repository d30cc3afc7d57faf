import type { ValueClass } from '../csv/columns.js';
import type { ReadMemory } from '../csv/memory.js';
import type { TypedColumnSink } from './values.js';

/**
 * One part file of a table in a typed format (Parquet, Arrow, JSON Lines), as the format's reader
 * opens it: its columns and their types, then their values on request. The driver (read.ts) checks
 * that the parts agree and gathers them into one table.
 */

export type { ValueClass };

/** A column of a part, as its file declares it. */
export interface PartColumn {
  readonly name: string;
  /** The type as the format names it, for messages and for the check that parts agree (`int64`, `string`). */
  readonly type: string;
  readonly valueClass: ValueClass;
}

/** An opened part file. */
export interface TablePart {
  /** In file order. */
  readonly columns: readonly PartColumn[];
  readonly rowCount: number;
  /**
   * Feeds every value of the named columns, in row order, each into its sink; charges `memory` for
   * what it holds on the way (raw and decoded chunks) and releases it after. `progress`, when given,
   * hears the share of the work done so far (0 to 1, never decreasing) as the feed goes on: per
   * column chunk, record batch or so many lines, not per value.
   *
   * @throws InputError naming the part file and what is wrong.
   */
  feed(
    sinks: ReadonlyMap<string, TypedColumnSink>,
    memory: ReadMemory,
    progress?: (share: number) => void,
  ): Promise<void>;
  /** Frees what the part holds open (a file descriptor). */
  close(): void;
}

/** A format's reader: opens a part file (`name` for messages). */
export type PartOpener = (path: string, name: string) => Promise<TablePart>;
