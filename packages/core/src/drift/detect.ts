import { type CsvColumnTable, type CsvTableReader, inProcessTableReader } from '../csv/index.js';
import { type DriftSettingsRequest, resolveDriftSettings } from './plan.js';
import { type DriftSource, readDriftInputs } from './read.js';
import type { DriftReport } from './report.js';
import { driftReportOf } from './report-of.js';
import { type ScoredColumn, scoreColumns } from './score.js';

/**
 * A drift check, step by step: plan (plan.ts: the settings, then the columns from the reference's
 * header) → read (read.ts: both files into per-column storage, kinds settled) → score (score.ts: each
 * column's method, verdict and legacy statistics) → report (report.ts, with the correction of
 * correction.ts between: the legacy-compatible report). Each step is exported and tested on its own;
 * this module only runs them in order.
 */

/** Everything a drift check needs; the CLI fills it from flags and the config file. */
export interface DriftRequest extends DriftSource, DriftSettingsRequest {}

/** How a check reads and reports progress; everything optional. */
export interface DriftRunOptions {
  /** Reads the files: in this thread by default (see inProcessTableReader, threadedTableReader). */
  reader?: CsvTableReader;
  /** Called after each column is scored. */
  onColumn?: (done: number, total: number) => void;
  /** Called with each file's table once read, the reference's first (e.g. to say which delimiter). */
  onTable?: (table: CsvColumnTable) => void;
}

/** A file of a check, as the report's heading describes it. */
export interface DriftFileSummary {
  /** As the user named it. */
  readonly name: string;
  readonly rows: number;
  readonly columns: number;
}

/** What a check gives: the report, and the scored columns behind it (for charts). */
export interface DriftCheck {
  readonly report: DriftReport;
  /** In plan order; the report lists them by drift. */
  readonly columns: readonly ScoredColumn[];
  readonly reference: DriftFileSummary;
  readonly current: DriftFileSummary;
}

const summary = (table: CsvColumnTable): DriftFileSummary => ({
  name: table.file,
  rows: table.rowCount,
  columns: table.header.length,
});

/**
 * Compares two CSV files column by column: the report and the scored columns. A compared column that
 * cannot be scored (missing from the current file, or without a usable value in either file) is
 * reported with its reason and counts as drifted (see unscored.ts).
 *
 * @throws InputError for unreadable or malformed files, or files whose delimiters disagree;
 *   MemoryBudgetError (an InputError) for a read that would pass its share of `maxMemoryBytes`;
 *   UsageError for a column name, method or correction that does not fit (with its `field`).
 */
export async function runDriftCheck(
  request: DriftRequest,
  options: DriftRunOptions = {},
): Promise<DriftCheck> {
  const settings = resolveDriftSettings(request);
  const reader = options.reader ?? inProcessTableReader();
  const inputs = await readDriftInputs(request, settings, reader, options.onTable);
  const columns = scoreColumns(inputs, options.onColumn);
  const report = driftReportOf(
    columns,
    settings,
    request.referenceName ?? request.referencePath,
    request.currentName ?? request.currentPath,
  );
  return { report, columns, reference: summary(inputs.reference), current: summary(inputs.current) };
}

/** {@link runDriftCheck}'s report alone. */
export async function detectDrift(
  request: DriftRequest,
  options: DriftRunOptions = {},
): Promise<DriftReport> {
  return (await runDriftCheck(request, options)).report;
}
