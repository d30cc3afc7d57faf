import {
  type CsvColumn,
  CsvColumnBuilder,
  type CsvColumnTable,
  type CsvTableReader,
  delimiterMismatch,
  inProcessTableReader,
  memoryShare,
  tableHeldBytes,
} from '../csv/index.js';
import { UsageError } from '../errors.js';
import { roundHalfEven } from '../stats/index.js';
import type { DriftConfig, DriftCorrection } from './config.js';
import { adjustPValues } from './correction.js';
import { DriftFeature, type FeatureKind } from './feature.js';
import { legacyStatistics } from './legacy-statistics.js';
import { type DriftMethod, isDriftScore } from './method.js';
import {
  autoMethodName,
  DRIFT_METHOD_NAMES,
  DRIFT_METHODS,
  type DriftMethodChoice,
  type DriftMethodName,
} from './method-registry.js';
import {
  buildDriftReport,
  DRIFT_RECOMMENDATIONS,
  type DriftFeatureReport,
  type DriftReport,
} from './report.js';
import { COLUMN_MISSING_IN_CURRENT, unscoredReason } from './unscored.js';

/** Everything a drift check needs; the CLI fills it from flags and the config file. */
export interface DriftRequest {
  /** Paths to read. */
  referencePath: string;
  currentPath: string;
  /** The names to show in messages and in the report (as the user typed them); default the paths. */
  referenceName?: string;
  currentName?: string;
  /** Columns to compare, in this order; default every reference column. */
  columns?: readonly string[];
  /** Threshold for every column (default: the method's own). */
  threshold?: number;
  /** Method for every column; default `legacy`. */
  method?: DriftMethodChoice;
  correction?: DriftCorrection;
  /** The alert fires when more than this share of the columns drifted; default 0.3. */
  driftShare?: number;
  /** Columns forced to one kind, overriding the inference and the config. */
  categorical?: readonly string[];
  numeric?: readonly string[];
  config?: DriftConfig;
  delimiter?: string;
  /** Extra missing-value markers. */
  naValues?: readonly string[];
  /** Which CSV parser reads the files (see CsvReadOptions.parser); the report is the same either way. */
  parser?: 'auto' | 'csv-parse';
  /**
   * The memory the data read may hold, in bytes (no limit when undefined). Each file gets half, as
   * both are held together (see memoryShare); a read that would pass its half stops with a
   * MemoryBudgetError. What counts is described in csv/memory.ts.
   */
  maxMemoryBytes?: number;
}

/** How detectDrift reads and reports progress; everything optional. */
export interface DriftRunOptions {
  /** Reads the files: in this thread by default (see inProcessTableReader, workerTableReader). */
  reader?: CsvTableReader;
  /** Called after each column is scored. */
  onColumn?: (done: number, total: number) => void;
  /** Called with each file's table once read, the reference's first (e.g. to say which delimiter). */
  onTable?: (table: CsvColumnTable) => void;
}

/** The share of numeric reference values above which the legacy inference calls a column numeric. */
export const NUMERIC_SHARE = 0.8;

/**
 * The legacy type inference: numeric when more than 80% of the column's non-missing reference cells
 * are numbers (Python `float()` rules), else categorical.
 */
export function inferFeatureKind(column: CsvColumn): FeatureKind {
  const present = column.numbers.length + column.textCount;
  return present > 0 && column.numbers.length / present > NUMERIC_SHARE ? 'numeric' : 'categorical';
}

interface ColumnPlan {
  name: string;
  kind?: FeatureKind;
  method: DriftMethodChoice;
  threshold?: number;
}

/** Resolves which columns to compare and each column's settings, from the reference header. */
function planColumns(request: DriftRequest, header: readonly string[], referenceName: string): ColumnPlan[] {
  const config = request.config ?? {};
  const inHeader = new Set(header);
  const check = (names: readonly string[], where: string) => {
    for (const name of names) {
      if (!inHeader.has(name))
        throw new UsageError(`${where}: no column "${name}" in ${referenceName}`, {
          hint: `its columns are ${header.map((column) => `"${column}"`).join(', ')}`,
        });
    }
  };
  check(request.columns ?? [], '--columns');
  const repeated = request.columns?.find((name, index) => request.columns!.indexOf(name) !== index);
  if (repeated !== undefined) throw new UsageError(`--columns: "${repeated}" is given twice`);
  check(request.categorical ?? [], '--categorical');
  check(request.numeric ?? [], '--numeric');
  check(config.ignore ?? [], 'config ignore');
  check([...(config.columns?.keys() ?? [])], 'config columns');
  const both = (request.categorical ?? []).filter((name) => request.numeric?.includes(name));
  if (both.length > 0) throw new UsageError(`column "${both[0]}" is in both --categorical and --numeric`);

  const ignored = new Set(config.ignore ?? []);
  for (const [name, settings] of config.columns ?? []) if (settings.ignore) ignored.add(name);
  const globalMethod = request.method ?? config.method ?? 'legacy';
  const globalThreshold = request.threshold ?? config.threshold;
  const names = (request.columns ?? header).filter((name) => !ignored.has(name));
  if (names.length === 0)
    throw new UsageError('no columns left to compare', { hint: 'check --columns and the ignore list' });
  return names.map((name) => {
    const own = config.columns?.get(name) ?? {};
    const kind: FeatureKind | undefined = request.categorical?.includes(name)
      ? 'categorical'
      : request.numeric?.includes(name)
        ? 'numeric'
        : own.kind;
    const plan: ColumnPlan = { name, method: own.method ?? globalMethod };
    if (kind !== undefined) plan.kind = kind;
    const threshold = own.threshold ?? globalThreshold;
    if (threshold !== undefined) plan.threshold = threshold;
    return plan;
  });
}

function columnOf(table: CsvColumnTable, name: string): CsvColumn {
  return table.columns[table.header.indexOf(name)]!;
}

/** The column of that name, or undefined when the file's header lacks it. */
function columnIfAny(table: CsvColumnTable, name: string): CsvColumn | undefined {
  const index = table.header.indexOf(name);
  return index === -1 ? undefined : table.columns[index];
}

/** The methods that can score a column of this kind, for error messages. */
function methodsFor(kind: FeatureKind): string {
  return [
    ...DRIFT_METHOD_NAMES.filter((name) => DRIFT_METHODS[name].featureKinds.some((k) => k === kind)),
    'auto',
  ].join(', ');
}

/**
 * The method that scores the column. `checkKind` false skips the check that the method fits the
 * column's kind: for a column whose reference has no value, the kind was not inferred from anything.
 */
function chooseMethod(
  plan: ColumnPlan,
  feature: DriftFeature,
  checkKind = true,
): DriftMethod & { name: DriftMethodName } {
  if (plan.method === 'auto') return DRIFT_METHODS[autoMethodName(feature)];
  const method: DriftMethod & { name: DriftMethodName } = DRIFT_METHODS[plan.method];
  if (checkKind && !method.featureKinds.some((kind) => kind === feature.kind))
    throw new UsageError(`method ${method.name} does not apply to ${feature.kind} column "${feature.name}"`, {
      hint: `methods for ${feature.kind} columns: ${methodsFor(feature.kind)}`,
    });
  return method;
}

/** The report of a column that could not be scored: no score, counted as drifted, with the reason. */
function unscoredFeature(
  feature: DriftFeature,
  method: DriftMethod & { name: DriftMethodName },
  threshold: number,
  reason: string,
): DriftFeatureReport {
  return {
    feature: feature.name,
    data_type: feature.kind,
    ref_count: feature.referenceCount,
    cur_count: feature.currentCount,
    drift_score: null,
    is_drifted: true,
    method: method.name,
    score_kind: method.scoreKind,
    threshold,
    ref_missing: feature.referenceMissing,
    cur_missing: feature.currentMissing,
    scored: false,
    reason,
  };
}

/** Scores one column: the legacy statistics, the method's score and the verdict (before corrections). */
function scoreFeature(
  feature: DriftFeature,
  method: DriftMethod & { name: DriftMethodName },
  threshold: number,
): DriftFeatureReport {
  const base = {
    feature: feature.name,
    data_type: feature.kind,
    ref_count: feature.referenceCount,
    cur_count: feature.currentCount,
  };
  const added = {
    method: method.name,
    score_kind: method.scoreKind,
    threshold,
  };
  const missing = {
    ref_missing: feature.referenceMissing,
    cur_missing: feature.currentMissing,
    scored: true,
  };
  const unsuitable = method.unsuitable?.(feature);
  if (unsuitable !== undefined)
    throw new UsageError(`${unsuitable}`, {
      hint: `methods for ${feature.kind} columns: ${methodsFor(feature.kind)}`,
    });
  const outcome = method.compute(feature);
  const isDrifted = isDriftScore(method.scoreKind, outcome.score, threshold, method.inclusive);
  const driftScore = outcome.reportedScore ?? outcome.score;
  const recommendation = isDrifted ? { recommendation: DRIFT_RECOMMENDATIONS[feature.kind] } : {};
  const legacy = legacyStatistics(feature);
  if (legacy.kind === 'numeric') {
    return {
      ...base,
      ref_mean: legacy.refMean,
      cur_mean: legacy.curMean,
      ref_std: legacy.refStd,
      cur_std: legacy.curStd,
      mean_shift: legacy.meanShift,
      ks_statistic: legacy.ksStatistic,
      psi: legacy.psi,
      drift_score: driftScore,
      is_drifted: isDrifted,
      psi_interpretation: legacy.psiInterpretation,
      ...recommendation,
      ...added,
      ks_pvalue: legacy.ksPValue,
      ...missing,
    };
  }
  return {
    ...base,
    chi_square: roundHalfEven(legacy.chiSquare, 4),
    drift_score: driftScore,
    is_drifted: isDrifted,
    ...(legacy.newCategories.length > 0 ? { new_categories: [...legacy.newCategories] } : {}),
    ...(legacy.missingCategories.length > 0 ? { missing_categories: [...legacy.missingCategories] } : {}),
    ...recommendation,
    ...added,
    chi_square_pvalue: legacy.chiSquarePValue,
    ...missing,
  };
}

/** Applies `--correction` to the p-value columns and recomputes their verdicts. */
function applyCorrection(features: DriftFeatureReport[], correction: DriftCorrection): void {
  if (correction === 'none') return;
  if (!features.some((feature) => feature.score_kind === 'p_value'))
    throw new UsageError(`--correction ${correction} needs p-value methods, and no column uses one`, {
      hint: 'use --method ks, chisquare, ztest or auto',
    });
  // Columns not scored have no p-value: they stay drifted, and are not among the m tests.
  const tested = features.filter((feature) => feature.score_kind === 'p_value' && feature.scored);
  if (tested.length === 0) return;
  const adjusted = adjustPValues(
    tested.map((feature) => feature.drift_score!),
    correction,
  );
  tested.forEach((feature, index) => {
    const pValue = adjusted[index]!;
    feature.p_value_adjusted = pValue;
    feature.is_drifted = isDriftScore('p_value', pValue, feature.threshold);
    if (feature.is_drifted) feature.recommendation = DRIFT_RECOMMENDATIONS[feature.data_type];
    else delete feature.recommendation;
  });
}

/**
 * Reads both files (at once, when the reader has threads), plans the columns and settles each
 * column's kind. A column compared as categories that also holds numbers needs those numbers' text:
 * such columns are then read a second time, keeping it (only they are stored; rare: only for columns
 * of numbers treated as categories). Errors come in a fixed order whatever finishes first: the
 * reference's, then the columns' (from the reference's header), then the current's.
 */
async function readTables(
  request: DriftRequest,
  reader: CsvTableReader,
  referenceName: string,
  currentName: string,
  onTable?: (table: CsvColumnTable) => void,
) {
  const config = request.config ?? {};
  const forcedText = new Set([
    ...(request.categorical ?? []),
    ...[...(config.columns ?? [])].flatMap(([name, c]) => (c.kind === 'categorical' ? [name] : [])),
  ]);
  const only = request.columns === undefined ? undefined : new Set(request.columns);
  const budget = request.maxMemoryBytes;
  const fileShare = budget === undefined ? undefined : memoryShare(budget, 2);
  const base = {
    delimiter: request.delimiter,
    naValues: request.naValues,
    only,
    parser: request.parser,
    ...(budget === undefined ? {} : { maxMemoryBytes: fileShare, memoryBudgetBytes: budget }),
  };
  const referenceRead = reader.read(request.referencePath, {
    ...base,
    file: referenceName,
    keepText: forcedText,
  });
  const currentRead = reader.read(request.currentPath, { ...base, file: currentName, keepText: forcedText });
  // An error of the reference or of the columns is thrown at once, without waiting for the current
  // file; the current's own error, if any, only after them, whichever read ends first.
  currentRead.catch(() => {});
  let reference = await referenceRead;
  onTable?.(reference);
  const plans = planColumns(request, reference.header, referenceName);
  let current = await currentRead;
  onTable?.(current);
  // A delimiter found in one header must be the other file's too (a file read with the wrong one
  // would be one column of whole lines).
  if (
    request.delimiter === undefined &&
    (reference.delimiterDetected || current.delimiterDetected) &&
    reference.delimiter !== current.delimiter
  )
    throw delimiterMismatch(reference, current);
  const kinds = new Map(
    plans.map((plan) => [plan.name, plan.kind ?? inferFeatureKind(columnOf(reference, plan.name))]),
  );
  const categorical = new Set(
    plans.filter((plan) => kinds.get(plan.name) === 'categorical').map((plan) => plan.name),
  );
  // Read again, keeping their text, only the categorical columns that hold numbers read without it;
  // the table keeps every other column as first read.
  const withText = async (path: string, file: string, table: CsvColumnTable): Promise<CsvColumnTable> => {
    const names = [...categorical].filter((name) => {
      const column = table.columns[table.header.indexOf(name)];
      return column !== undefined && !column.keepsText && column.numbers.length > 0;
    });
    if (names.length === 0) return table;
    const wanted = new Set(names);
    // The first table stays held while these columns are read again: the read gets what is left of
    // the file's share.
    const left =
      fileShare === undefined ? {} : { maxMemoryBytes: Math.max(0, fileShare - tableHeldBytes(table)) };
    const again = await reader.read(path, { ...base, ...left, only: wanted, file, keepText: wanted });
    return {
      ...table,
      columns: table.columns.map((column, index) =>
        wanted.has(column.name) ? again.columns[index]! : column,
      ),
    };
  };
  [reference, current] = await Promise.all([
    withText(request.referencePath, referenceName, reference),
    withText(request.currentPath, currentName, current),
  ]);
  return { reference, current, plans, kinds };
}

/**
 * Compares two CSV files column by column and returns the report. Reads each file once into
 * per-column storage (see {@link readTables} for the rare second read), with the given reader: in
 * this thread by default, or a worker per file. A compared column that cannot be scored (missing
 * from the current file, or without a usable value in either file) is reported with its reason and
 * counts as drifted (see unscored.ts).
 *
 * @throws InputError for unreadable or malformed files, or files whose delimiters disagree;
 *   MemoryBudgetError (an InputError) for a read that would pass its share of `maxMemoryBytes`;
 *   UsageError for a column name or method that does not fit.
 */
export async function detectDrift(
  request: DriftRequest,
  options: DriftRunOptions = {},
): Promise<DriftReport> {
  const referenceName = request.referenceName ?? request.referencePath;
  const currentName = request.currentName ?? request.currentPath;
  const config = request.config ?? {};
  const reader = options.reader ?? inProcessTableReader();
  const { reference, current, plans, kinds } = await readTables(
    request,
    reader,
    referenceName,
    currentName,
    options.onTable,
  );
  const features = plans.map((plan, index) => {
    const currentColumn = columnIfAny(current, plan.name);
    const feature = new DriftFeature(
      plan.name,
      kinds.get(plan.name)!,
      columnOf(reference, plan.name),
      currentColumn ?? new CsvColumnBuilder(plan.name, false).finish(),
    );
    const reason = currentColumn === undefined ? COLUMN_MISSING_IN_CURRENT : unscoredReason(feature);
    const method = chooseMethod(plan, feature, reason === undefined || feature.referenceCount > 0);
    const threshold = plan.threshold ?? method.defaultThreshold;
    const scored =
      reason === undefined
        ? scoreFeature(feature, method, threshold)
        : unscoredFeature(feature, method, threshold, reason);
    options.onColumn?.(index + 1, plans.length);
    return scored;
  });
  const correction = request.correction ?? config.correction ?? 'none';
  applyCorrection(features, correction);

  const method = request.method ?? config.method ?? 'legacy';
  const globalThreshold = request.threshold ?? config.threshold;
  const perColumn = [...(config.columns?.values() ?? [])].some(
    (c) => c.method !== undefined || c.threshold !== undefined,
  );
  const threshold =
    globalThreshold !== undefined && !perColumn
      ? globalThreshold
      : method !== 'auto' && !perColumn
        ? (globalThreshold ?? DRIFT_METHODS[method].defaultThreshold)
        : null;
  return buildDriftReport({
    features,
    threshold,
    driftShare: request.driftShare ?? config.drift_share ?? 0.3,
    method,
    correction,
    reference: referenceName,
    current: currentName,
  });
}
