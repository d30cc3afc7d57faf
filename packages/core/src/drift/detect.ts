import {
  type CsvColumnTable,
  type CsvTableReader,
  inProcessTableReader,
  MemoryBudgetError,
} from '../csv/index.js';
import { chartsInReportOrder, driftColumnChart } from '../drift-charts/chart.js';
import type { DriftColumnChart } from '../drift-charts/types.js';
import { planPasses, splitGroup } from './passes.js';
import { type DriftSettingsRequest, resolveDriftSettings } from './plan.js';
import { type DriftSource, readDriftInputs } from './read.js';
import { type DriftFeatureReport, type DriftReport, featureReport } from './report.js';
import { driftReportOfFeatures } from './report-of.js';
import { scoreColumns } from './score.js';

/**
 * A drift check, step by step: plan (plan.ts: the settings, then the columns from the reference's
 * header) → read (read.ts: both files into per-column storage, kinds settled) → score (score.ts: each
 * column's method, verdict and legacy statistics) → report (report.ts, with the correction of
 * correction.ts between: the legacy-compatible report). Each step is exported and tested on its own;
 * this module only runs them in order: in one pass, or, when the memory budget cannot hold every
 * column at once, in passes over groups of columns (passes.ts), each read, scored and let go before
 * the next. Each column is scored on its own data, and the report is assembled from every column's
 * entry in plan order either way, so it is the same.
 */

/** Everything a drift check needs; the CLI fills it from flags and the config file. */
export interface DriftRequest extends DriftSource, DriftSettingsRequest {}

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
  const groups = await planPasses(request, settings);
  const total = groups?.reduce((sum, group) => sum + group.length, 0);
  const features: DriftFeatureReport[] = [];
  const charts = new Map<string, DriftColumnChart>();
  let files: Pick<DriftCheck, 'reference' | 'current'> | undefined;
  // One pass: read, score, keep each column's report entry (and chart), let the data go.
  const pass = async (group?: ReadonlySet<string>) => {
    const onTable = files === undefined ? options.onTable : undefined;
    const inputs = await readDriftInputs(request, settings, reader, onTable, group);
    const before = features.length;
    const onColumn = options.onColumn;
    const scored = scoreColumns(
      inputs,
      onColumn && ((done, count) => onColumn(before + done, total ?? count)),
    );
    for (const column of scored) {
      features.push(featureReport(column, settings.listTests));
      if (options.charts && column.inCurrent) charts.set(column.name, driftColumnChart(column.feature));
    }
    files ??= { reference: summary(inputs.reference), current: summary(inputs.current) };
  };
  let passes = 1;
  if (groups === undefined) await pass();
  else {
    // A group whose read stops at the budget (the estimate was short) is tried again in halves.
    const queue = [...groups];
    passes = 0;
    while (queue.length > 0) {
      const group = queue.shift()!;
      if (passes > 0) await options.betweenPasses?.();
      passes += 1;
      try {
        await pass(new Set(group));
      } catch (error) {
        if (!(error instanceof MemoryBudgetError)) throw error;
        const halves = splitGroup(group);
        if (halves.length === 0)
          throw error.details.wholeFileBytes === undefined ? error.forColumn(group[0]!) : error;
        queue.unshift(...halves);
      }
    }
  }
  const report = driftReportOfFeatures(
    features,
    settings,
    request.referenceName ?? request.referencePath,
    request.currentName ?? request.currentPath,
  );
  return { report, charts: chartsInReportOrder(report, charts), passes, ...files! };
}

/** {@link runDriftCheck}'s report alone. */
export async function detectDrift(
  request: DriftRequest,
  options: DriftRunOptions = {},
): Promise<DriftReport> {
  return (await runDriftCheck(request, options)).report;
}
