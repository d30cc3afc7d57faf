import { type CsvColumn, CsvColumnBuilder } from '../csv/index.js';
import { UsageError } from '../errors.js';
import { DriftFeature, type FeatureKind } from './feature.js';
import { type LegacyStatistics, legacyStatistics } from './legacy-statistics.js';
import { type DriftMethod, isDriftScore } from './method.js';
import {
  autoMethodName,
  DRIFT_METHOD_NAMES,
  DRIFT_METHODS,
  type DriftMethodName,
} from './method-registry.js';
import { columnNamed, type DriftInputs, type SettledColumn } from './read.js';
import { COLUMN_MISSING_IN_CURRENT, unscoredReason } from './unscored.js';

/**
 * The third step of a drift check: each planned column scored by its method, with the legacy
 * statistics and the data view (a DriftFeature) the charts are drawn from. Pure but for the methods'
 * caches on the feature.
 */

/** A method as the registry holds it: with its registered name. */
export type NamedDriftMethod = DriftMethod & { readonly name: DriftMethodName };

/** What scoring a column gave: a score and its verdict, or the reason it has none. */
export type ColumnScore =
  | {
      readonly scored: true;
      /** The value compared with the threshold. */
      readonly score: number;
      /** The value reported as `drift_score` (the legacy method rounds). */
      readonly reportedScore: number;
      readonly drifted: boolean;
      /** The legacy tool's numbers for the column, which every report carries. */
      readonly legacy: LegacyStatistics;
    }
  | { readonly scored: false; readonly reason: string };

/** One compared column, scored. */
export interface ScoredColumn {
  readonly name: string;
  readonly kind: FeatureKind;
  /** Both samples of the column (an empty current one when the current file lacks the column). */
  readonly feature: DriftFeature;
  /** Whether the current file has the column (a chart needs both samples). */
  readonly inCurrent: boolean;
  readonly method: NamedDriftMethod;
  readonly threshold: number;
  readonly result: ColumnScore;
}

/** The methods that can score a column of this kind, for error messages. */
export function methodsFor(kind: FeatureKind): string {
  return [
    ...DRIFT_METHOD_NAMES.filter((name) => DRIFT_METHODS[name].featureKinds.some((k) => k === kind)),
    'auto',
  ].join(', ');
}

/**
 * The method that scores the column. `checkKind` false skips the check that the method fits the
 * column's kind: for a column whose reference has no value, the kind was not inferred from anything.
 *
 * @throws UsageError for a method that does not apply to the column's kind.
 */
export function chooseMethod(
  column: SettledColumn,
  feature: DriftFeature,
  checkKind = true,
): NamedDriftMethod {
  if (column.method === 'auto') return DRIFT_METHODS[autoMethodName(feature)];
  const method: NamedDriftMethod = DRIFT_METHODS[column.method];
  if (checkKind && !method.featureKinds.some((kind) => kind === feature.kind))
    throw new UsageError(`method ${method.name} does not apply to ${feature.kind} column "${feature.name}"`, {
      hint: `methods for ${feature.kind} columns: ${methodsFor(feature.kind)}`,
    });
  return method;
}

/**
 * Scores one column: the method's score and verdict (before any correction) and the legacy
 * statistics; or, for a column that cannot be scored (missing from the current file, or without a
 * usable value in either), the reason (see unscored.ts).
 *
 * @throws UsageError for a method that does not fit the column.
 */
export function scoreColumn(
  column: SettledColumn,
  reference: CsvColumn,
  current: CsvColumn | undefined,
): ScoredColumn {
  const feature = new DriftFeature(
    column.name,
    column.kind,
    reference,
    current ?? new CsvColumnBuilder(column.name, false).finish(),
  );
  const reason = current === undefined ? COLUMN_MISSING_IN_CURRENT : unscoredReason(feature);
  const method = chooseMethod(column, feature, reason === undefined || feature.referenceCount > 0);
  const threshold = column.threshold ?? method.defaultThreshold;
  const base = {
    name: column.name,
    kind: column.kind,
    feature,
    inCurrent: current !== undefined,
    method,
    threshold,
  };
  if (reason !== undefined) return { ...base, result: { scored: false, reason } };
  const unsuitable = method.unsuitable?.(feature);
  if (unsuitable !== undefined)
    throw new UsageError(unsuitable, {
      hint: `methods for ${feature.kind} columns: ${methodsFor(feature.kind)}`,
    });
  const outcome = method.compute(feature);
  return {
    ...base,
    result: {
      scored: true,
      score: outcome.score,
      reportedScore: outcome.reportedScore ?? outcome.score,
      drifted: isDriftScore(method.scoreKind, outcome.score, threshold, method.inclusive),
      legacy: legacyStatistics(feature),
    },
  };
}

/** Scores every planned column, in plan order; `onColumn` hears after each. */
export function scoreColumns(
  inputs: DriftInputs,
  onColumn?: (done: number, total: number) => void,
): ScoredColumn[] {
  return inputs.columns.map((column, index) => {
    const scored = scoreColumn(
      column,
      columnNamed(inputs.reference, column.name)!,
      columnNamed(inputs.current, column.name),
    );
    onColumn?.(index + 1, inputs.columns.length);
    return scored;
  });
}
