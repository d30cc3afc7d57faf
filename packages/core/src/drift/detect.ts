import { type CsvColumnTable, inProcessTableReader } from '../csv/index.js';
import { chartsInReportOrder, driftColumnChart } from '../drift-charts/chart.js';
import type { DriftColumnChart } from '../drift-charts/types.js';
import type { DriftCheck, DriftFileSummary, DriftRunOptions, DriftSpillSummary } from './check.js';
import { type ColumnScoringThread, scoreReportsOnTwoThreads, scoringWork } from './parallel-score.js';
import { planPassRun, runPasses } from './passes.js';
import { type DriftSettingsRequest, needsSortedNumbers, resolveDriftSettings } from './plan.js';
import { type DriftPassRead, type DriftSource, readDriftInputs } from './read.js';
import { type DriftFeatureReport, type DriftReport, featureReport } from './report.js';
import { driftReportOfFeatures } from './report-of.js';
import { scoreColumns } from './score.js';

/**
 * A drift check, step by step: plan (plan.ts: the settings, then the columns from the reference's
 * header) → read (read.ts: both files into per-column storage, kinds settled) → score (score.ts: each
 * column's method, verdict and legacy statistics) → report (report.ts, with the correction of
 * correction.ts between: the legacy-compatible report; a large pass's columns shared with a second
 * thread when the caller gives one, see parallel-score.ts). Each step is exported and tested on its own;
 * this module only runs them in order: in one pass, or, when the memory budget cannot hold every
 * column at once, in passes over groups of columns (passes.ts), each read, scored and let go before
 * the next (a CSV file parsed once: its first pass spills the later passes' columns to disk, and
 * they load them from there). Each column is scored on its own data, and the report is assembled
 * from every column's entry in plan order either way, so it is the same.
 */

/** Everything a drift check needs; the CLI fills it from flags and the config file. */
export interface DriftRequest extends DriftSource, DriftSettingsRequest {}

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
  const plan = await planPassRun(request, settings);
  // Charts are drawn from sorted values; the tests may not need them (needsSortedNumbers).
  const sortNumbers = options.charts === true || needsSortedNumbers(settings);
  const total = plan?.groups.reduce((sum, group) => sum + group.length, 0);
  const features: DriftFeatureReport[] = [];
  const charts = new Map<string, DriftColumnChart>();
  let files: Pick<DriftCheck, 'reference' | 'current'> | undefined;
  let scoringThread: ColumnScoringThread | undefined;
  // One pass: read, score, keep each column's report entry (and chart), let the data go.
  const pass = async (passRead?: DriftPassRead) => {
    const onTable = files === undefined ? options.onTable : undefined;
    const inputs = await readDriftInputs(request, settings, reader, onTable, passRead, sortNumbers);
    const before = features.length;
    const onColumn =
      options.onColumn && ((done: number, count: number) => options.onColumn!(before + done, total ?? count));
    const scoring = options.scoring;
    // Not in passes: two threads scoring at once raise the peak memory a budget is holding down (at
    // 10M rows under --max-memory 1GB, the Parquet pair's peak RSS went from 619 to 793 MB).
    if (
      !options.charts &&
      plan === undefined &&
      scoring !== undefined &&
      inputs.columns.length > 1 &&
      scoringWork(inputs) >= scoring.minValues
    ) {
      scoringThread ??= scoring.start();
      const reports = scoreReportsOnTwoThreads(
        inputs,
        settings.listTests,
        scoringThread,
        onColumn,
        scoring.onShare,
      );
      features.push(...(await reports));
    } else
      for (const column of scoreColumns(inputs, onColumn)) {
        features.push(featureReport(column, settings.listTests));
        if (options.charts && column.inCurrent) charts.set(column.name, driftColumnChart(column.feature));
      }
    files ??= { reference: summary(inputs.reference), current: summary(inputs.current) };
    // What the read spilled, if anything: all that is kept of its data.
    return { reference: inputs.reference.spill, current: inputs.current.spill };
  };
  let passes = 1;
  let spills: DriftSpillSummary[] = [];
  try {
    if (plan === undefined) await pass();
    else {
      const run = await runPasses(plan, pass, {
        betweenPasses: options.betweenPasses,
        tempFolder: options.tempFolder,
      });
      passes = run.passes;
      spills = run.spills.map((spill) => ({
        file: spill.file,
        folder: spill.folder,
        inMemory: spill.inMemory === true,
        columns: spill.spilled.length,
        bytes: spill.bytes,
      }));
    }
  } finally {
    await scoringThread?.close();
  }
  const report = driftReportOfFeatures(
    features,
    settings,
    request.referenceName ?? request.referencePath,
    request.currentName ?? request.currentPath,
  );
  return { report, charts: chartsInReportOrder(report, charts), passes, spills, ...files! };
}

/** {@link runDriftCheck}'s report alone. */
export async function detectDrift(
  request: DriftRequest,
  options: DriftRunOptions = {},
): Promise<DriftReport> {
  return (await runDriftCheck(request, options)).report;
}
