import { UsageError } from '../errors.js';
import { benjaminiHochberg, bonferroni } from '../stats/index.js';
import type { DriftCorrection } from './config.js';
import { type DriftMethod, isDriftScore } from './method.js';
import { DRIFT_METHOD_NAMES, DRIFT_METHODS } from './method-registry.js';
import { DRIFT_RECOMMENDATIONS, type DriftFeatureReport } from './report.js';

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

/**
 * A step between scoring and the report: the columns with their p-values adjusted across the columns
 * scored by p-value methods (`p_value_adjusted`), and their verdicts and recommendations redone on
 * the adjusted values. Columns not scored have no p-value: they stay drifted, and are not among the m
 * tests. Returns new column reports; the given ones are left as they are.
 *
 * @throws UsageError (field `correction`) for a correction when no column uses a p-value method.
 */
export function correctFeatures(
  features: readonly DriftFeatureReport[],
  correction: DriftCorrection,
): DriftFeatureReport[] {
  if (correction === 'none') return [...features];
  if (!features.some((feature) => feature.score_kind === 'p_value'))
    throw new UsageError(`${correction} needs p-value methods, and no column uses one`, {
      field: 'correction',
      hint: `choose a p-value method: ${pValueMethods()}`,
    });
  const tested = features.filter((feature) => feature.score_kind === 'p_value' && feature.scored);
  const adjusted = adjustPValues(
    tested.map((feature) => feature.drift_score!),
    correction,
  );
  const byFeature = new Map(tested.map((feature, index) => [feature, adjusted[index]!]));
  return features.map((feature) => {
    const pValue = byFeature.get(feature);
    if (pValue === undefined) return feature;
    const method: DriftMethod = DRIFT_METHODS[feature.method];
    const isDrifted = isDriftScore('p_value', pValue, feature.threshold, method.inclusive);
    // Rebuilt key by key, so that the recommendation keeps its legacy place (before this toolkit's
    // fields) and p_value_adjusted comes last.
    const corrected: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(feature)) {
      if (key === 'recommendation') continue;
      if (key === 'method' && isDrifted) corrected.recommendation = DRIFT_RECOMMENDATIONS[feature.data_type];
      corrected[key] = key === 'is_drifted' ? isDrifted : value;
    }
    corrected.p_value_adjusted = pValue;
    return corrected as unknown as DriftFeatureReport;
  });
}
