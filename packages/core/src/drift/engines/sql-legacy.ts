import { closeSync, openSync, readSync } from 'node:fs';
import { csvDelimiterForName, delimiterMismatch, detectDelimiter, firstLineOf } from '../../csv/index.js';
import { readError } from '../../csv/read.js';
import { InputError, UsageError } from '../../errors.js';
import {
  ksGapsOf,
  ksTwoSampleFromGaps,
  LEGACY_BIN_COUNT,
  legacyBinning,
  legacyPsiFromBinCounts,
  roundHalfEven,
} from '../../stats/index.js';
import { resolveDataset } from '../../table/dataset.js';
import type { DriftRequest } from '../detect.js';
import type { FeatureKind } from '../feature.js';
import {
  type LegacyStatistics,
  legacyCategoricalStatistics,
  legacyNumericStatistics,
  roundedStd,
} from '../legacy-statistics.js';
import { isDriftScore } from '../method.js';
import { DRIFT_METHODS } from '../method-registry.js';
import { type DriftSettings, planColumns, resolveDriftSettings } from '../plan.js';
import { NUMERIC_SHARE } from '../read.js';
import type { DriftReport, ReportedColumn } from '../report.js';
import { driftReportOf } from '../report-of.js';
import { combineVerdicts, type ScoredTest } from '../score.js';
import { COLUMN_MISSING_IN_CURRENT, typeReason, unscoredReasonOfCounts } from '../unscored.js';
import {
  approximateStd,
  certifiedRound,
  type ExponentSums,
  exactMoments,
  exactMomentsMean,
  STD_MARGIN,
} from './exact-moments.js';
import {
  type CellSource,
  cellsSelect,
  exponentSumsSql,
  ksGapsSql,
  legacyBinCountsSql,
  quoteIdentifier,
  type SqlColumnType,
  sqlString,
  typedColumn,
} from './sql.js';

/**
 * The legacy drift check run by a SQL engine: the engine reads the files and computes mergeable
 * aggregates (counts per class of cell, per category, per PSI bin; exact per-exponent sums for the
 * moments) and the KS gaps through a window over the distinct values; the legacy statistics follow
 * here from those aggregates, by the same arithmetic as the built-in engine, in the same order. The
 * report is the built-in engine's, byte for byte (see docs/scaling.md for why each number is exact).
 *
 * The engine is reached through {@link SqlConnection}; the SQL is DuckDB's (read_csv, read_parquet).
 */

/** A SQL engine as this module uses it: statements, and queries whose rows come back as objects. */
export interface SqlConnection {
  run(sql: string): Promise<void>;
  /** Rows as plain objects: integers as number or bigint, doubles as number, text as string. */
  rows(sql: string): Promise<Record<string, unknown>[]>;
}

/** Why a request cannot run on a SQL engine, or undefined when it can: only the legacy method is computed. */
function unsupportedMethod(settings: DriftSettings): string | undefined {
  const other = settings.tests.find((test) => test.method !== 'legacy');
  if (other !== undefined) return other.method;
  return undefined;
}

interface Side {
  readonly name: string;
  readonly table: string;
  readonly format: 'csv' | 'parquet';
  /** Header names with their engine types. */
  readonly columns: ReadonlyMap<string, string>;
  readonly delimiter?: string;
  readonly delimiterDetected?: boolean;
}

const asNumber = (value: unknown): number => (typeof value === 'bigint' ? Number(value) : Number(value));
const asBigInt = (value: unknown): bigint =>
  typeof value === 'bigint' ? value : value === null || value === undefined ? 0n : BigInt(value as number);

/** The first 64 KiB of a file (for its header line), or an empty array for a file that cannot be opened. */
function headBytes(path: string): Uint8Array {
  const buffer = new Uint8Array(64 * 1024);
  let handle: number | undefined;
  try {
    handle = openSync(path, 'r');
    return buffer.subarray(0, readSync(handle, buffer, 0, buffer.length, 0));
  } catch {
    return new Uint8Array(0);
  } finally {
    if (handle !== undefined) closeSync(handle);
  }
}

/** An engine's error, as an input error naming the file. */
function engineError(error: unknown, file: string): InputError {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split('\n')[0]!.replace(/^[A-Za-z ]+Error: /, '');
  return new InputError(`cannot be read: ${line}`, { file, cause: error });
}

/** One side's relation (a table function over its files), with its name and CSV delimiter. */
function openSide(
  request: DriftRequest,
  which: 'reference' | 'current',
): { relation: string; side: Omit<Side, 'columns' | 'table'> } {
  const path = which === 'reference' ? request.referencePath : request.currentPath;
  const name = (which === 'reference' ? request.referenceName : request.currentName) ?? path;
  const dataset = resolveDataset(path, name, request.format);
  if (dataset.format !== 'csv' && dataset.format !== 'parquet')
    throw new UsageError(`the SQL engine reads CSV and Parquet files, not ${dataset.format}`, {
      file: name,
      hint: 'use the built-in engine for Arrow and JSON Lines files',
    });
  // A file that cannot be opened gets the built-in readers' message.
  for (const part of dataset.parts) {
    try {
      closeSync(openSync(part.path, 'r'));
    } catch (error) {
      throw readError(error, part.name);
    }
  }
  const paths = `[${dataset.parts.map((part) => sqlString(part.path)).join(', ')}]`;
  if (dataset.format === 'parquet')
    return {
      relation: `read_parquet(${paths}, hive_partitioning = ${request.hivePartitioning === true})`,
      side: { name, format: 'parquet' },
    };
  let delimiter = request.delimiter;
  let delimiterDetected = false;
  if (delimiter === undefined) {
    const expected = csvDelimiterForName(name);
    const gzipped = path.toLowerCase().endsWith('.gz');
    const choice = gzipped
      ? { delimiter: expected, detected: false }
      : detectDelimiter(firstLineOf(headBytes(path)), expected, name);
    delimiter = choice.delimiter;
    delimiterDetected = choice.detected;
  }
  const relation =
    `read_csv(${paths}, header = true, all_varchar = true, delim = ${sqlString(delimiter)}, ` +
    `quote = '"', escape = '"', null_padding = true, skip = 0)`;
  return { relation, side: { name, format: 'csv', delimiter, delimiterDetected } };
}

/** The header of a relation: names and engine types, in order. */
async function describe(connection: SqlConnection, relation: string, file: string) {
  try {
    const rows = await connection.rows(`DESCRIBE SELECT * FROM ${relation}`);
    return new Map(rows.map((row) => [String(row.column_name), String(row.column_type)]));
  } catch (error) {
    throw engineError(error, file);
  }
}

/** Counts of one side of a column: missing cells, finite numbers, other text. */
interface SideCounts {
  missing: number;
  numbers: number;
  text: number;
}

/** How the SQL engine runs; for tests. */
export interface SqlDriftOptions {
  /**
   * How close (relative) to a 4-decimal rounding boundary a standard deviation from the exact moments
   * may lie before the sorted values are fetched to compute it as the built-in engine does (default
   * STD_MARGIN; 1 always fetches them).
   */
  stdMargin?: number;
}

/** Runs a legacy drift check on a SQL engine; the report the built-in engine gives for the same files. */
export async function runSqlDriftCheck(
  request: DriftRequest,
  connection: SqlConnection,
  options: SqlDriftOptions = {},
): Promise<{ report: DriftReport }> {
  const settings = resolveDriftSettings(request);
  const method = unsupportedMethod(settings);
  if (method !== undefined)
    throw new UsageError(`the SQL engine computes the legacy method only, not ${method}`, {
      hint: 'use the built-in engine for the other methods',
    });
  const opened = [openSide(request, 'reference'), openSide(request, 'current')] as const;
  const headers = [
    await describe(connection, opened[0].relation, opened[0].side.name),
    await describe(connection, opened[1].relation, opened[1].side.name),
  ];
  const plans = planColumns(settings, [...headers[0]!.keys()], opened[0].side.name);
  const sideOf = (index: 0 | 1): Side => ({
    ...opened[index].side,
    columns: headers[index]!,
    table: `drift_side_${index}`,
  });
  const reference = sideOf(0);
  const current = sideOf(1);
  if (
    request.delimiter === undefined &&
    (reference.delimiterDetected || current.delimiterDetected) &&
    reference.delimiter !== undefined &&
    current.delimiter !== undefined &&
    reference.delimiter !== current.delimiter
  )
    throw delimiterMismatch(
      { file: reference.name, delimiter: reference.delimiter },
      { file: current.name, delimiter: current.delimiter },
    );
  // Each side once into a table of the compared columns (the engine spills it to disk if need be).
  for (const [index, side] of [reference, current].entries()) {
    const wanted = plans.map((plan) => plan.name).filter((name) => side.columns.has(name));
    const list = wanted.length === 0 ? 'NULL AS drift_none' : wanted.map(quoteIdentifier).join(', ');
    try {
      await connection.run(
        `CREATE OR REPLACE TEMP TABLE ${side.table} AS SELECT ${list} FROM ${opened[index]!.relation}`,
      );
    } catch (error) {
      throw engineError(error, side.name);
    }
  }
  const columns: ReportedColumn[] = [];
  try {
    for (const plan of plans) {
      const referenceType = typedColumn(reference.format, reference.columns.get(plan.name)!);
      const currentType = current.columns.has(plan.name)
        ? typedColumn(current.format, current.columns.get(plan.name)!)
        : undefined;
      columns.push(
        await scoreSqlColumn(
          connection,
          plan,
          request.naValues ?? [],
          [reference, current],
          [referenceType, currentType],
          options.stdMargin ?? STD_MARGIN,
        ),
      );
    }
  } finally {
    await connection.run(`DROP TABLE IF EXISTS ${reference.table}; DROP TABLE IF EXISTS ${current.table}`);
  }
  return {
    report: driftReportOf(
      columns,
      settings,
      request.referenceName ?? request.referencePath,
      request.currentName ?? request.currentPath,
    ),
  };
}

async function scoreSqlColumn(
  connection: SqlConnection,
  plan: ReturnType<typeof planColumns>[number],
  naValues: readonly string[],
  [reference, current]: [Side, Side],
  [referenceType, currentType]: [SqlColumnType, SqlColumnType | undefined],
  stdMargin: number,
): Promise<ReportedColumn> {
  const sources: CellSource[] = [{ side: 0, table: reference.table, column: plan.name, type: referenceType }];
  if (currentType !== undefined)
    sources.push({ side: 1, table: current.table, column: plan.name, type: currentType });
  for (const source of sources)
    if (source.type.refusal !== undefined)
      throw new UsageError(source.type.refusal, {
        file: source.side === 0 ? reference.name : current.name,
        hint: 'use the built-in engine for this column',
      });
  await connection.run(`CREATE OR REPLACE TEMP TABLE drift_cells AS ${cellsSelect(sources, naValues)}`);
  const counts: [SideCounts, SideCounts] = [
    { missing: 0, numbers: 0, text: 0 },
    { missing: 0, numbers: 0, text: 0 },
  ];
  for (const row of await connection.rows(
    'SELECT side, kind, count(*) AS n FROM drift_cells GROUP BY side, kind',
  )) {
    const side = counts[asNumber(row.side)]!;
    const kind = asNumber(row.kind);
    const n = asNumber(row.n);
    if (kind === 0) side.missing += n;
    else if (kind === 1) side.numbers += n;
    else if (kind === 2) side.text += n;
    else
      throw new UsageError(
        `column "${plan.name}" holds numbers written with non-ASCII digits, which the SQL engine does not read`,
        { file: asNumber(row.side) === 0 ? reference.name : current.name, hint: 'use the built-in engine' },
      );
  }
  const [referenceCounts, currentCounts] = counts;
  const referencePresent = referenceCounts.numbers + referenceCounts.text;
  const kind: FeatureKind =
    plan.kind ??
    (referencePresent > 0 && referenceCounts.numbers / referencePresent > NUMERIC_SHARE
      ? 'numeric'
      : 'categorical');
  const feature = {
    referenceCount: referencePresent,
    currentCount: currentCounts.numbers + currentCounts.text,
    referenceMissing: referenceCounts.missing,
    currentMissing: currentCounts.missing,
  };
  const legacy = DRIFT_METHODS.legacy;
  const tests = plan.tests.map((test) => ({
    method: legacy,
    threshold: test.threshold ?? legacy.defaultThreshold,
  }));
  const reason =
    currentType === undefined
      ? (typeReason(referenceType, undefined) ?? COLUMN_MISSING_IN_CURRENT)
      : (typeReason(referenceType, currentType) ??
        unscoredReasonOfCounts({
          kind,
          referenceCount: feature.referenceCount,
          currentCount: feature.currentCount,
          referenceNumbers: referenceCounts.numbers,
          currentNumbers: currentCounts.numbers,
        }));
  const base = {
    name: plan.name,
    kind,
    feature,
    combine: plan.combine,
    method: legacy,
    threshold: tests[0]!.threshold,
  };
  if (reason !== undefined) return { ...base, tests, result: { scored: false, reason } };
  const statistics =
    kind === 'numeric'
      ? await numericStatistics(connection, referenceCounts.numbers, currentCounts.numbers, stdMargin)
      : await categoricalStatistics(connection, sources);
  const score =
    statistics.kind === 'numeric'
      ? { score: statistics.driftScore, reportedScore: statistics.driftScore }
      : { score: statistics.chiSquare, reportedScore: roundHalfEven(statistics.chiSquare, 4) };
  const scored: ScoredTest[] = tests.map(({ method, threshold }) => ({
    method,
    threshold,
    outcome: { ...score, drifted: isDriftScore(method.scoreKind, score.score, threshold, undefined) },
  }));
  return {
    ...base,
    tests: scored,
    result: {
      scored: true,
      score: score.score,
      reportedScore: score.reportedScore,
      drifted: combineVerdicts(
        scored.map((test) => test.outcome!.drifted),
        plan.combine,
      ),
      legacy: statistics,
    },
  };
}

const round4 = (value: number) => roundHalfEven(value, 4);

async function numericStatistics(
  connection: SqlConnection,
  referenceNumbers: number,
  currentNumbers: number,
  stdMargin: number,
): Promise<LegacyStatistics> {
  const sums: [ExponentSums[], ExponentSums[]] = [[], []];
  for (const row of await connection.rows(exponentSumsSql('drift_cells')))
    sums[asNumber(row.side)]!.push({
      exponent: asNumber(row.exponent),
      mantissaSum: asBigInt(row.mantissa_sum),
      highSquares: asBigInt(row.high_squares),
      crossProducts: asBigInt(row.cross_products),
      lowSquares: asBigInt(row.low_squares),
    });
  const moments = [exactMoments(referenceNumbers, sums[0]), exactMoments(currentNumbers, sums[1])];
  const means = moments.map(exactMomentsMean);
  const stds: (number | null)[] = [];
  for (const [side, sideMoments] of moments.entries()) {
    if (sideMoments.count < 2) {
      stds.push(null);
      continue;
    }
    const certified = certifiedRound(approximateStd(sideMoments), round4, stdMargin);
    if (certified !== undefined) {
      stds.push(certified);
      continue;
    }
    // Within 2^-40 of a rounding boundary (or near overflow): the values themselves, sorted, decide.
    const rows = await connection.rows(
      `SELECT value FROM drift_cells WHERE kind = 1 AND side = ${side} ORDER BY value`,
    );
    stds.push(
      roundedStd(
        Float64Array.from(rows, (row) => asNumber(row.value)),
        means[side]!,
      ),
    );
  }
  const [range] = await connection.rows(
    'SELECT min(value) AS low, max(value) AS high FROM drift_cells WHERE kind = 1',
  );
  const low = asNumber(range!.low);
  const high = asNumber(range!.high);
  let psi = 0;
  if (high > low) {
    const bins = [new Float64Array(LEGACY_BIN_COUNT), new Float64Array(LEGACY_BIN_COUNT)];
    for (const row of await connection.rows(legacyBinCountsSql('drift_cells', legacyBinning(low, high))))
      bins[asNumber(row.side)]![asNumber(row.bin)] = asNumber(row.n);
    psi = legacyPsiFromBinCounts(bins[0]!, bins[1]!);
  }
  const [gapRow] = await connection.rows(ksGapsSql('drift_cells', referenceNumbers, currentNumbers));
  // The engine gives the largest integer gap either way (`gap`), and the float gaps' extremes.
  const gaps = ksGapsOf({
    referenceCount: referenceNumbers,
    currentCount: currentNumbers,
    above: asNumber(gapRow!.gap),
    below: 0,
    floatAbove: asNumber(gapRow!.above),
    floatBelow: -asNumber(gapRow!.below),
  });
  return legacyNumericStatistics({
    referenceMean: means[0]!,
    currentMean: means[1]!,
    refStd: stds[0]!,
    curStd: stds[1]!,
    ks: ksTwoSampleFromGaps(referenceNumbers, currentNumbers, gaps),
    psi,
  });
}

async function categoricalStatistics(
  connection: SqlConnection,
  sources: readonly CellSource[],
): Promise<LegacyStatistics> {
  const counts = new Map<string, [number, number]>();
  for (const row of await connection.rows(
    'SELECT side, key, count(*) AS n FROM drift_cells WHERE kind <> 0 GROUP BY side, key',
  )) {
    const side = asNumber(row.side);
    const text = sources[side]!.type.keyText(row.key);
    const entry = counts.get(text) ?? [0, 0];
    entry[side === 0 ? 0 : 1] += asNumber(row.n);
    counts.set(text, entry);
  }
  // Code-unit order, as DriftFeature.categoryCounts orders them.
  const categories = [...counts.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return legacyCategoricalStatistics({
    categories,
    reference: Float64Array.from(categories, (category) => counts.get(category)![0]),
    current: Float64Array.from(categories, (category) => counts.get(category)![1]),
  });
}
