import { roundHalfEven } from '../stats/index.js';
import { pythonFloatRepr } from '../text/python-repr.js';
import type { DriftCorrection, PlannedTest, TestCombination } from './config.js';
import { type DateValueType, isoFromEpochSeconds } from './dates.js';
import type { DriftFeature, FeatureKind } from './feature.js';
import type { ScoreKind } from './method.js';
import type { DriftMethodChoice, DriftMethodName } from './method-registry.js';
import type { ScoredColumn } from './score.js';

/**
 * The last step of a drift check: the scored columns as the legacy-compatible report (see
 * docs/drift-detector.md, "JSON report"). Pure.
 */

/**
 * One column of the report. The legacy fields come first, in the legacy order; the fields this
 * toolkit adds follow them (see docs/drift-detector.md).
 */
export interface DriftFeatureReport {
  feature: string;
  data_type: FeatureKind;
  /**
   * Added by this toolkit, only for a numeric column its file declares as dates or instants (Parquet,
   * Arrow): `date` or `timestamp`. Its values, means and shifts are seconds since 1970-01-01 UTC, its
   * standard deviations seconds; `ref_mean_iso` and `cur_mean_iso` give the means as ISO 8601 dates.
   */
  value_type?: DateValueType;
  ref_count: number;
  cur_count: number;
  ref_mean?: number;
  cur_mean?: number;
  /** The means as ISO 8601 dates (UTC), for a column with a `value_type`. */
  ref_mean_iso?: string;
  cur_mean_iso?: string;
  ref_std?: number | null;
  cur_std?: number | null;
  mean_shift?: number;
  ks_statistic?: number;
  psi?: number;
  chi_square?: number;
  /** The method's score; null when the column could not be scored (see `scored`, `reason`). */
  drift_score: number | null;
  /** The verdict; true for a column that could not be scored (it counts against the gate). */
  is_drifted: boolean;
  psi_interpretation?: 'stable' | 'moderate_shift' | 'significant_shift';
  new_categories?: string[];
  missing_categories?: string[];
  recommendation?: string;
  // Added by this toolkit:
  method: DriftMethodName;
  score_kind: ScoreKind;
  threshold: number;
  p_value_adjusted?: number;
  ks_pvalue?: number;
  chi_square_pvalue?: number;
  ref_missing: number;
  cur_missing: number;
  /** Whether the column got a score; false when it could not be compared (it then counts as drifted). */
  scored: boolean;
  /** Why the column was not scored (`all values missing in current`, …); only when `scored` is false. */
  reason?: string;
  /** How the column's tests combine into `is_drifted`; only when tests were listed (see `tests`). */
  combine?: TestCombination;
  /**
   * Every test of the column, the first being the one the legacy fields describe; only when several
   * tests were asked for (on the command line or in the config), for every column then.
   */
  tests?: DriftTestReport[];
}

/** One test of a column in the report. */
export interface DriftTestReport {
  method: DriftMethodName;
  score_kind: ScoreKind;
  threshold: number;
  /** Null when the column could not be scored. */
  drift_score: number | null;
  /** True for a column that could not be scored, as the column's own verdict. */
  is_drifted: boolean;
  /** A p-value beside a distance score (missing_share). */
  p_value?: number;
  p_value_adjusted?: number;
}

/** The whole report, as the JSON format prints it. */
export interface DriftReport {
  total_features: number;
  drifted_features: number;
  /** Percent, 1 decimal. */
  drift_rate: number;
  /** The threshold for every column, or null when columns have their own (auto, config). */
  threshold: number | null;
  alert: boolean;
  alert_message: string;
  features: DriftFeatureReport[];
  // Added by this toolkit:
  method: DriftMethodChoice;
  correction: DriftCorrection;
  drift_share: number;
  reference: string;
  current: string;
  /** Columns that could not be scored; each also counts in `drifted_features`, and any fires the alert. */
  unscored_features: number;
  /** The tests for every column without its own, and how they combine: only when several tests were asked for. */
  tests?: PlannedTest[];
  combine?: TestCombination;
}

/**
 * What the report needs of a scored column: its tests and result, and the counts of its samples (an
 * engine that never holds the samples gives the counts alone).
 */
export type ReportedColumn = Pick<
  ScoredColumn,
  'name' | 'kind' | 'tests' | 'combine' | 'method' | 'threshold' | 'result' | 'valueType'
> & {
  readonly feature: Pick<
    DriftFeature,
    'referenceCount' | 'currentCount' | 'referenceMissing' | 'currentMissing'
  >;
};

/** The legacy sentences for a drifted column. */
export const DRIFT_RECOMMENDATIONS = {
  numeric: 'Investigate distribution shift; consider retraining if model performance degrades.',
  categorical: 'New/missing categories detected; update encoding and retrain.',
} as const satisfies Record<FeatureKind, string>;

/**
 * The alert sentence (empty when there is no alert): the legacy one when every column was scored;
 * otherwise it says how many of the drifted columns could not be scored.
 *
 * @example alertMessage(2, 6, 0.1, true) // => '2/6 features drifted (>0.1 threshold). Consider model retraining.'
 */
export function alertMessage(
  drifted: number,
  total: number,
  threshold: number | null,
  alert: boolean,
  unscored = 0,
): string {
  if (!alert) return '';
  const limit = threshold === null ? 'per-column thresholds' : `>${pythonFloatRepr(threshold)} threshold`;
  if (unscored === 0) return `${drifted}/${total} features drifted (${limit}). Consider model retraining.`;
  return `${drifted}/${total} features drifted (${limit}), ${unscored} of them not scored (see each feature's reason). Check the input data; consider model retraining.`;
}

/**
 * How strongly a column drifted, for ordering: higher first. A column that could not be scored
 * counts as drifted and comes first: the gate cannot vouch for it.
 */
function orderKey(feature: DriftFeatureReport, uniform: boolean): number {
  if (feature.drift_score === null) return Number.POSITIVE_INFINITY;
  const score = feature.p_value_adjusted ?? feature.drift_score;
  if (uniform) return feature.score_kind === 'distance' ? score : -score;
  if (feature.score_kind === 'distance') return feature.threshold === 0 ? score : score / feature.threshold;
  return score === 0 ? Number.POSITIVE_INFINITY : feature.threshold / score;
}

/**
 * Orders columns as the legacy tool did, by drift_score descending, stable for ties. When methods or
 * thresholds differ between columns, by how far each score is past its threshold (score / threshold
 * for distances, threshold / p for p-values); p-values alone sort ascending. Columns not scored
 * (drift_score null) come first, in their given order.
 */
export function sortDriftFeatures(features: DriftFeatureReport[]): DriftFeatureReport[] {
  const first = features[0];
  const uniform = features.every(
    (feature) => feature.score_kind === first?.score_kind && feature.threshold === first?.threshold,
  );
  return [...features].sort((left, right) => {
    const a = orderKey(left, uniform);
    const b = orderKey(right, uniform);
    return a === b ? 0 : b > a ? 1 : -1;
  });
}

/**
 * A scored column as the report lists it (with `tests` and `combine` when `listTests`): the legacy fields in the legacy order (mean, std, KS, PSI
 * for numeric columns; chi-square and the category lists for categorical ones), then this toolkit's.
 * A column without a score has only the fields that do not need one, `drift_score` null, and counts as
 * drifted.
 */
export function featureReport(column: ReportedColumn, listTests = false): DriftFeatureReport {
  const report = legacyFeatureReport(column);
  if (!listTests) return report;
  return {
    ...report,
    combine: column.combine,
    tests: column.tests.map((test) => ({
      method: test.method.name,
      score_kind: test.method.scoreKind,
      threshold: test.threshold,
      drift_score: test.outcome?.reportedScore ?? null,
      is_drifted: test.outcome?.drifted ?? true,
      ...(test.outcome?.pValue === undefined ? {} : { p_value: test.outcome.pValue }),
    })),
  };
}

/** The ISO 8601 texts of a date column's means, as fields to spread; none for other columns. */
function meansAsDates(
  valueType: DateValueType | undefined,
  refMean: number,
  curMean: number,
): Pick<DriftFeatureReport, 'ref_mean_iso' | 'cur_mean_iso'> {
  if (valueType === undefined) return {};
  const ref = isoFromEpochSeconds(refMean, valueType);
  const cur = isoFromEpochSeconds(curMean, valueType);
  return {
    ...(ref === undefined ? {} : { ref_mean_iso: ref }),
    ...(cur === undefined ? {} : { cur_mean_iso: cur }),
  };
}

/** A column's report without its list of tests: the first test's score and the column's verdict. */
function legacyFeatureReport(column: ReportedColumn): DriftFeatureReport {
  const { feature, method, threshold, result } = column;
  const base = {
    feature: column.name,
    data_type: column.kind,
    ...(column.valueType === undefined ? {} : { value_type: column.valueType }),
    ref_count: feature.referenceCount,
    cur_count: feature.currentCount,
  };
  const added = { method: method.name, score_kind: method.scoreKind, threshold };
  const missing = { ref_missing: feature.referenceMissing, cur_missing: feature.currentMissing };
  if (!result.scored)
    return {
      ...base,
      drift_score: null,
      is_drifted: true,
      ...added,
      ...missing,
      scored: false,
      reason: result.reason,
    };
  const recommendation = result.drifted ? { recommendation: DRIFT_RECOMMENDATIONS[column.kind] } : {};
  const legacy = result.legacy;
  if (legacy.kind === 'numeric')
    return {
      ...base,
      ref_mean: legacy.refMean,
      cur_mean: legacy.curMean,
      ...meansAsDates(column.valueType, legacy.refMean, legacy.curMean),
      ref_std: legacy.refStd,
      cur_std: legacy.curStd,
      mean_shift: legacy.meanShift,
      ks_statistic: legacy.ksStatistic,
      psi: legacy.psi,
      drift_score: result.reportedScore,
      is_drifted: result.drifted,
      psi_interpretation: legacy.psiInterpretation,
      ...recommendation,
      ...added,
      ks_pvalue: legacy.ksPValue,
      ...missing,
      scored: true,
    };
  return {
    ...base,
    chi_square: roundHalfEven(legacy.chiSquare, 4),
    drift_score: result.reportedScore,
    is_drifted: result.drifted,
    ...(legacy.newCategories.length > 0 ? { new_categories: [...legacy.newCategories] } : {}),
    ...(legacy.missingCategories.length > 0 ? { missing_categories: [...legacy.missingCategories] } : {}),
    ...recommendation,
    ...added,
    chi_square_pvalue: legacy.chiSquarePValue,
    ...missing,
    scored: true,
  };
}

/**
 * Assembles the report: totals, the alert, order. The alert fires when more than `driftShare` of the
 * columns drifted, or when any column could not be scored (such a column also counts as drifted): no
 * alert means every column was scored and at most `driftShare` of them drifted.
 */
export function buildDriftReport(input: {
  features: DriftFeatureReport[];
  threshold: number | null;
  driftShare: number;
  method: DriftMethodChoice;
  correction: DriftCorrection;
  reference: string;
  current: string;
  /** The check's tests, when the report lists tests (see DriftFeatureReport's `tests`). */
  tests?: readonly PlannedTest[];
  combine?: TestCombination;
}): DriftReport {
  const total = input.features.length;
  const drifted = input.features.filter((feature) => feature.is_drifted || !feature.scored).length;
  const unscored = input.features.filter((feature) => !feature.scored).length;
  const alert = total > 0 && (drifted / total > input.driftShare || unscored > 0);
  return {
    total_features: total,
    drifted_features: drifted,
    drift_rate: total === 0 ? 0 : roundHalfEven((drifted / total) * 100, 1),
    threshold: input.threshold,
    alert,
    alert_message: alertMessage(drifted, total, input.threshold, alert, unscored),
    features: sortDriftFeatures(input.features),
    method: input.method,
    correction: input.correction,
    drift_share: input.driftShare,
    reference: input.reference,
    current: input.current,
    unscored_features: unscored,
    ...(input.tests === undefined ? {} : { tests: input.tests.map((test) => ({ ...test })) }),
    ...(input.combine === undefined ? {} : { combine: input.combine }),
  };
}
