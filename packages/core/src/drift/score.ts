import { type CsvColumn, CsvColumnBuilder } from '../csv/index.js';
import { UsageError } from '../errors.js';
import type { PlannedTest, TestCombination } from './config.js';
import { type DateValueType, dateValueType } from './dates.js';
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
import { COLUMN_MISSING_IN_CURRENT, typeReason, unscoredReason } from './unscored.js';

/**
 * The third step of a drift check: each planned column scored by its method, with the legacy
 * statistics and the data view (a DriftFeature) the charts are drawn from. Pure but for the methods'
 * caches on the feature.
 */

/** A method as the registry holds it: with its registered name. */
export type NamedDriftMethod = DriftMethod & { readonly name: DriftMethodName };

/** One test of a column, scored: its score and verdict, or none when the column has no score. */
export interface ScoredTest {
  readonly method: NamedDriftMethod;
  readonly threshold: number;
  readonly outcome?: {
    /** The value compared with the threshold. */
    readonly score: number;
    /** The value reported as the score (the legacy method rounds). */
    readonly reportedScore: number;
    readonly drifted: boolean;
    /** A p-value beside a distance score, when the method has one. */
    readonly pValue?: number;
  };
}

/** What scoring a column gave: the first test's score and the column's verdict, or the reason it has none. */
export type ColumnScore =
  | {
      readonly scored: true;
      /** The first test's value compared with its threshold. */
      readonly score: number;
      /** The first test's value reported as `drift_score` (the legacy method rounds). */
      readonly reportedScore: number;
      /** The column's verdict: its tests' verdicts combined (any or all). */
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
  /** Every test of the column, in plan order; at least one. */
  readonly tests: readonly ScoredTest[];
  readonly combine: TestCombination;
  /** The first test's method and threshold: the report's legacy fields. */
  readonly method: NamedDriftMethod;
  readonly threshold: number;
  readonly result: ColumnScore;
  /** For a numeric column its file declares as dates or instants: which (the report shows dates). */
  readonly valueType?: DateValueType;
}

/** A numeric column's date value type as its reference file declares it, as a field to spread. */
function dateType(kind: FeatureKind, reference: CsvColumn): { valueType?: DateValueType } {
  const valueType = kind === 'numeric' ? dateValueType(reference) : undefined;
  return valueType === undefined ? {} : { valueType };
}

/** Whether a method can score columns of this kind. */
function fits(method: DriftMethod, kind: FeatureKind): boolean {
  return method.featureKinds.some((k) => k === kind);
}

/** The methods that can score a column of this kind, for error messages. */
export function methodsFor(kind: FeatureKind): string {
  return [...DRIFT_METHOD_NAMES.filter((name) => fits(DRIFT_METHODS[name], kind)), 'auto'].join(', ');
}

/**
 * The method of a column's test. `checkKind` false skips the check that the method fits the
 * column's kind: for a column whose reference has no value, the kind was not inferred from anything.
 *
 * @throws UsageError for a method that does not apply to the column's kind.
 */
export function chooseMethod(test: PlannedTest, feature: DriftFeature, checkKind = true): NamedDriftMethod {
  if (test.method === 'auto') return DRIFT_METHODS[autoMethodName(feature)];
  const method: NamedDriftMethod = DRIFT_METHODS[test.method];
  if (checkKind && !fits(method, feature.kind))
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
  const reason =
    current === undefined
      ? (typeReason(reference, undefined) ?? COLUMN_MISSING_IN_CURRENT)
      : (typeReason(reference, current) ?? unscoredReason(feature));
  const checkKind = reason === undefined || feature.referenceCount > 0;
  const fitting = column.fittingOnly
    ? column.tests.filter((test) => test.method === 'auto' || fits(DRIFT_METHODS[test.method], column.kind))
    : column.tests;
  if (fitting.length === 0)
    throw new UsageError(
      `none of the tests (${column.tests.map((test) => test.method).join(', ')}) applies to ${column.kind} column "${column.name}"`,
      { hint: `methods for ${column.kind} columns: ${methodsFor(column.kind)}` },
    );
  const chosen = fitting.map((test) => {
    const method = chooseMethod(test, feature, checkKind);
    return { method, threshold: test.threshold ?? method.defaultThreshold };
  });
  const primary = chosen[0]!;
  const base = {
    name: column.name,
    kind: column.kind,
    feature,
    inCurrent: current !== undefined,
    combine: column.combine,
    method: primary.method,
    threshold: primary.threshold,
    ...dateType(column.kind, reference),
  };
  if (reason !== undefined) return { ...base, tests: chosen, result: { scored: false, reason } };
  const tests = chosen.map(({ method, threshold }): ScoredTest => {
    const unsuitable = method.unsuitable?.(feature);
    if (unsuitable !== undefined)
      throw new UsageError(unsuitable, {
        hint: `methods for ${feature.kind} columns: ${methodsFor(feature.kind)}`,
      });
    const outcome = method.compute(feature);
    return {
      method,
      threshold,
      outcome: {
        score: outcome.score,
        reportedScore: outcome.reportedScore ?? outcome.score,
        drifted: isDriftScore(method.scoreKind, outcome.score, threshold, method.inclusive),
        ...(outcome.pValue === undefined ? {} : { pValue: outcome.pValue }),
      },
    };
  });
  const verdicts = tests.map((test) => test.outcome!.drifted);
  const first = tests[0]!.outcome!;
  return {
    ...base,
    tests,
    result: {
      scored: true,
      score: first.score,
      reportedScore: first.reportedScore,
      drifted: combineVerdicts(verdicts, column.combine),
      legacy: legacyStatistics(feature),
    },
  };
}

/**
 * A column's verdict from its tests' verdicts: drifted when any says so, or only when all do.
 *
 * @example combineVerdicts([true, false], 'any') // => true
 * @example combineVerdicts([true, false], 'all') // => false
 */
export function combineVerdicts(verdicts: readonly boolean[], combine: TestCombination): boolean {
  return combine === 'all' ? verdicts.every(Boolean) : verdicts.some(Boolean);
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
