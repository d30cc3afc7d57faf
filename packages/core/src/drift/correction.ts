import { UsageError } from '../errors.js';
import { benjaminiHochberg, bonferroni } from '../stats/index.js';
import type { DriftCorrection } from './config.js';
import { type DriftMethod, isDriftScore } from './method.js';
import { DRIFT_METHOD_NAMES, DRIFT_METHODS } from './method-registry.js';
import { DRIFT_RECOMMENDATIONS, type DriftFeatureReport } from './report.js';
import { combineVerdicts } from './score.js';

/**
 * Adjusts p-values for the number of tests: Bonferroni (p · m, capped at 1) or Benjamini–Hochberg
 * (`fdr`). `none` returns them unchanged.
 */
export function adjustPValues(pValues: readonly number[], correction: DriftCorrection): number[] {
  if (correction === 'bonferroni') return bonferroni(pValues);
  if (correction === 'fdr') return benjaminiHochberg(pValues);
  return [...pValues];
}

/** The methods whose score is a p-value, and auto, for messages: `ks, chisquare, ztest or auto`. */
function pValueMethods(): string {
  const names = DRIFT_METHOD_NAMES.filter((name) => DRIFT_METHODS[name].scoreKind === 'p_value');
  return `${names.join(', ')} or auto`;
}

/** A p-value to adjust: a column's (one test) or one of a column's listed tests. */
interface PValueSlot {
  readonly feature: number;
  /** The index in the column's `tests`, or undefined for the column's own score. */
  readonly test?: number;
  readonly pValue: number;
}

/** The p-values of the columns that have a score: each listed p-value test, or the column's own. */
function pValueSlots(features: readonly DriftFeatureReport[]): PValueSlot[] {
  return features.flatMap((feature, index): PValueSlot[] => {
    if (!feature.scored) return [];
    if (feature.tests !== undefined)
      return feature.tests.flatMap((test, position) =>
        test.score_kind === 'p_value' ? [{ feature: index, test: position, pValue: test.drift_score! }] : [],
      );
    return feature.score_kind === 'p_value' ? [{ feature: index, pValue: feature.drift_score! }] : [];
  });
}

const usesPValues = (feature: DriftFeatureReport) =>
  feature.score_kind === 'p_value' || (feature.tests ?? []).some((test) => test.score_kind === 'p_value');

const inclusive = (name: DriftFeatureReport['method']) => (DRIFT_METHODS[name] as DriftMethod).inclusive;

/**
 * A column report with a new verdict, rebuilt key by key, so that the recommendation keeps its
 * legacy place (before this toolkit's fields) and p_value_adjusted, when given, comes after the
 * others but before the list of tests.
 */
function withVerdict(
  feature: DriftFeatureReport,
  isDrifted: boolean,
  pValue: number | undefined,
  tests: DriftFeatureReport['tests'],
): DriftFeatureReport {
  const corrected: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(feature)) {
    if (key === 'recommendation' || key === 'p_value_adjusted' || key === 'combine' || key === 'tests')
      continue;
    if (key === 'method' && isDrifted) corrected.recommendation = DRIFT_RECOMMENDATIONS[feature.data_type];
    corrected[key] = key === 'is_drifted' ? isDrifted : value;
  }
  if (pValue !== undefined) corrected.p_value_adjusted = pValue;
  if (tests !== undefined) {
    corrected.combine = feature.combine;
    corrected.tests = tests;
  }
  return corrected as unknown as DriftFeatureReport;
}

/**
 * A step between scoring and the report: the p-values of the columns scored by p-value methods (each
 * p-value test, when columns list several) adjusted across all of them (`p_value_adjusted`), and the
 * verdicts and recommendations redone on the adjusted values (a column with several tests combines
 * them again). Columns not scored have no p-value: they stay drifted, and are not among the m tests.
 * Returns new column reports; the given ones are left as they are.
 *
 * @throws UsageError (field `correction`) for a correction when no column uses a p-value method.
 */
export function correctFeatures(
  features: readonly DriftFeatureReport[],
  correction: DriftCorrection,
): DriftFeatureReport[] {
  if (correction === 'none') return [...features];
  if (!features.some(usesPValues))
    throw new UsageError(`${correction} needs p-value methods, and no column uses one`, {
      field: 'correction',
      hint: `choose a p-value method: ${pValueMethods()}`,
    });
  const slots = pValueSlots(features);
  const adjusted = adjustPValues(
    slots.map((slot) => slot.pValue),
    correction,
  );
  const byFeature = new Map<number, Map<number | undefined, number>>();
  slots.forEach((slot, index) => {
    const own = byFeature.get(slot.feature) ?? new Map<number | undefined, number>();
    own.set(slot.test, adjusted[index]!);
    byFeature.set(slot.feature, own);
  });
  return features.map((feature, index) => {
    const own = byFeature.get(index);
    if (own === undefined) return feature;
    if (feature.tests === undefined) {
      const pValue = own.get(undefined)!;
      return withVerdict(
        feature,
        isDriftScore('p_value', pValue, feature.threshold, inclusive(feature.method)),
        pValue,
        undefined,
      );
    }
    const tests = feature.tests.map((test, position) => {
      const pValue = own.get(position);
      if (pValue === undefined) return test;
      return {
        ...test,
        is_drifted: isDriftScore('p_value', pValue, test.threshold, inclusive(test.method)),
        p_value_adjusted: pValue,
      };
    });
    const verdicts = tests.map((test) => test.is_drifted);
    return withVerdict(feature, combineVerdicts(verdicts, feature.combine ?? 'any'), own.get(0), tests);
  });
}
