import type { CsvColumnTable, CsvTableReader } from '../csv/index.js';
import type { DriftColumnChart } from '../drift-charts/types.js';
import type { ColumnScoringThread } from './parallel-score.js';
import type { DriftReport } from './report.js';

/** What a drift check takes besides its request, and what it gives (run by detect.ts). */

/** How a check reads and reports progress; everything optional. */
export interface DriftRunOptions {
  /** Reads the files: in this thread by default (see inProcessTableReader, threadedTableReader). */
  reader?: CsvTableReader;
  /** Called after each column is scored. */
  onColumn?: (done: number, total: number) => void;
  /** Called with each file's table once read (in the first pass), the reference's first. */
  onTable?: (table: CsvColumnTable) => void;
  /** Also compute each column's chart data (drift-charts), while its data is held. */
  charts?: boolean;
  /**
   * Called between two passes, once a pass's columns are let go: a process may free their memory
   * there before the next pass reads (the drift CLI asks V8 for a collection, see its memory-budget.ts).
   */
  betweenPasses?: () => Promise<void>;
  /**
   * Where a check in passes makes the files it spills CSV columns to (see csv/spill-space.ts): the
   * system's temporary folder by default (`os.tmpdir()`, which honours TMPDIR).
   */
  tempFolder?: string;
  /**
   * A second thread to score columns on (see parallel-score.ts): `start` makes it when a check in
   * one pass (not in passes: see detect.ts) has planned columns holding at least `minValues` values
   * (both files together) and draws no charts; the check stops it when it ends. Without it, every
   * column is scored in this thread. `onShare` hears how many of the columns the worker scores.
   */
  scoring?: {
    start: () => ColumnScoringThread;
    minValues: number;
    onShare?: (worker: number, columns: number) => void;
  };
}

/** What a file of a check in passes spilled in its first pass, for the later ones to load. */
export interface DriftSpillSummary {
  /** The file, as the user named it. */
  readonly file: string;
  /** The private folder its spill file was made in (removed at once: the file was unlinked). */
  readonly folder: string;
  /** True when that folder was on a tmpfs: the spill took memory, not disk. */
  readonly inMemory: boolean;
  /** How many columns it spilled, and the bytes written. */
  readonly columns: number;
  readonly bytes: number;
}

/** A file of a check, as the report's heading describes it. */
export interface DriftFileSummary {
  /** As the user named it. */
  readonly name: string;
  readonly rows: number;
  readonly columns: number;
}

/** What a check gives: the report, and the charts drawn from the scored columns when asked for. */
export interface DriftCheck {
  readonly report: DriftReport;
  /** In the report's order; a column the current file lacks has none. Empty unless asked for. */
  readonly charts: readonly DriftColumnChart[];
  /** How many passes read the columns: 1 unless the memory budget asked for more. */
  readonly passes: number;
  /** The files whose later passes' columns were spilled in the first pass and loaded from there. */
  readonly spills: readonly DriftSpillSummary[];
  readonly reference: DriftFileSummary;
  readonly current: DriftFileSummary;
}
