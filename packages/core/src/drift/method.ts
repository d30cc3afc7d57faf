import type { DriftFeature, FeatureKind } from './feature.js';

/** What a method's score is: a p-value (drift when below the threshold) or a distance (above it). */
export type ScoreKind = 'p_value' | 'distance';

/** A method's result for one column. */
export interface MethodOutcome {
  /** The value the verdict compares with the threshold. */
  readonly score: number;
  /** The value printed as `drift_score`, when it differs from `score` (the legacy method rounds). */
  readonly reportedScore?: number;
  /** A p-value reported beside a distance score, for methods that have one (missing_share). */
  readonly pValue?: number;
}

/**
 * A drift method as data. The verdict's direction is not here: it follows from `scoreKind`, in
 * {@link isDriftScore}, the one place that compares a score with a threshold.
 */
export interface DriftMethod {
  readonly name: string;
  readonly displayName: string;
  readonly featureKinds: readonly FeatureKind[];
  readonly scoreKind: ScoreKind;
  readonly defaultThreshold: number;
  /**
   * Whether a score equal to the threshold is drift. Evidently's tests decide this one by one (most
   * flag `p <= threshold` and `distance >= threshold`); the legacy method does not (`>`).
   */
  readonly inclusive?: boolean;
  /** The definition, one sentence, as the docs give it. */
  readonly definition: string;
  /**
   * True when the method's numbers come from a numeric column's values in any order (counts, means,
   * the KS gaps of DriftFeature.ksGaps): it asks for no sorted view, so a check whose methods all say
   * so has the reader leave the values in file order (no sort). Methods for categories alone need not
   * say it.
   */
  readonly anyOrder?: boolean;
  /** Why the method cannot score this column, beyond its kind (e.g. ztest on 3 categories). */
  unsuitable?(feature: DriftFeature): string | undefined;
  compute(feature: DriftFeature): MethodOutcome;
}

/**
 * The verdict, in one place: a p-value drifts when it is below the threshold, a distance when it is
 * above; a score equal to the threshold too when `inclusive` (see DriftMethod). A NaN score is a
 * bug, never a verdict.
 *
 * @throws Error when the score is NaN.
 */
export function isDriftScore(
  scoreKind: ScoreKind,
  score: number,
  threshold: number,
  inclusive = false,
): boolean {
  if (Number.isNaN(score)) throw new Error('isDriftScore got a NaN score: a drift method returned no number');
  if (inclusive && score === threshold) return true;
  return scoreKind === 'p_value' ? score < threshold : score > threshold;
}
