import {
  chiSquareContingency,
  ksTwoSampleFromGaps,
  legacyChiSquare,
  mean,
  roundHalfEven,
  sampleStandardDeviation,
} from '../stats/index.js';
import type { CategoryCounts, DriftFeature } from './feature.js';

/** The legacy tool's numbers for a numeric column, rounded as it printed them (4 decimals, half to even). */
export interface LegacyNumericStatistics {
  readonly kind: 'numeric';
  readonly refMean: number;
  readonly curMean: number;
  /** Sample standard deviation (n − 1); null with fewer than 2 values or a spread past 1.8e308. */
  readonly refStd: number | null;
  readonly curStd: number | null;
  readonly meanShift: number;
  readonly ksStatistic: number;
  readonly psi: number;
  /** max(ks_statistic, psi), both rounded: what the legacy verdict compares. */
  readonly driftScore: number;
  readonly psiInterpretation: 'stable' | 'moderate_shift' | 'significant_shift';
  /** scipy.stats.ks_2samp(ref, cur) p-value, unrounded. */
  readonly ksPValue: number;
}

/** The legacy tool's numbers for a categorical column. */
export interface LegacyCategoricalStatistics {
  readonly kind: 'categorical';
  /** Σ (cur share − ref share)² / ref share over the reference's categories, unrounded. */
  readonly chiSquare: number;
  /** In the current sample only, sorted, at most 10. */
  readonly newCategories: readonly string[];
  /** In the reference sample only, sorted, at most 10. */
  readonly missingCategories: readonly string[];
  /** scipy.stats.chi2_contingency p-value on the 2×K table of counts, unrounded. */
  readonly chiSquarePValue: number;
}

export type LegacyStatistics = LegacyNumericStatistics | LegacyCategoricalStatistics;

const round = (value: number) => roundHalfEven(value, 4);
const cache = new WeakMap<DriftFeature, LegacyStatistics>();

/** Python's sort order for strings: by code point (JavaScript's default compares UTF-16 units). */
export function compareCodePoints(left: string, right: string): number {
  const a = [...left];
  const b = [...right];
  for (let index = 0; index < Math.min(a.length, b.length); index += 1) {
    const difference = a[index]!.codePointAt(0)! - b[index]!.codePointAt(0)!;
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}

/** The legacy statistics of a column (computed once per feature). Both samples must be non-empty. */
export function legacyStatistics(feature: DriftFeature): LegacyStatistics {
  let statistics = cache.get(feature);
  if (statistics === undefined) {
    statistics = feature.kind === 'numeric' ? numericStatistics(feature) : categoricalStatistics(feature);
    cache.set(feature, statistics);
  }
  return statistics;
}

/**
 * null with fewer than 2 values, and when the spread passes 1.8e308 (values of both signs near the
 * largest doubles): there `statistics.stdev` raises OverflowError and the legacy script crashed.
 */
export function roundedStd(values: Float64Array, center: number): number | null {
  if (values.length < 2) return null;
  const std = sampleStandardDeviation(values, center);
  return Number.isFinite(std) ? round(std) : null;
}

function numericStatistics(feature: DriftFeature): LegacyNumericStatistics {
  // In the reader's order: no sort (the mean is correctly rounded, so the order cannot change it).
  const reference = feature.referenceNumbers();
  const current = feature.currentNumbers();
  const referenceMean = mean(reference);
  const currentMean = mean(current);
  return legacyNumericStatistics({
    referenceMean,
    currentMean,
    refStd: roundedStd(reference, referenceMean),
    curStd: roundedStd(current, currentMean),
    ks: ksTwoSampleFromGaps(reference.length, current.length, feature.ksGaps()),
    psi: feature.legacyPsi(),
  });
}

/**
 * The legacy numbers of a numeric column from its parts: the means (correctly rounded), the rounded
 * standard deviations, the KS test with its exact statistic and the unrounded PSI. The built-in
 * engine computes the parts from the sorted samples; an SQL engine from aggregates (drift/engines).
 */
export function legacyNumericStatistics(parts: {
  referenceMean: number;
  currentMean: number;
  refStd: number | null;
  curStd: number | null;
  ks: { test: { pValue: number }; exactStatistic: number };
  psi: number;
}): LegacyNumericStatistics {
  const refMean = round(parts.referenceMean);
  const curMean = round(parts.currentMean);
  const ks = round(parts.ks.exactStatistic);
  const psi = round(parts.psi);
  return {
    kind: 'numeric',
    refMean,
    curMean,
    refStd: parts.refStd,
    curStd: parts.curStd,
    meanShift: round(curMean - refMean),
    ksStatistic: ks,
    psi,
    driftScore: Math.max(ks, psi),
    psiInterpretation: psi < 0.1 ? 'stable' : psi < 0.2 ? 'moderate_shift' : 'significant_shift',
    ksPValue: parts.ks.test.pValue,
  };
}

function categoricalStatistics(feature: DriftFeature): LegacyCategoricalStatistics {
  return legacyCategoricalStatistics(feature.categoryCounts());
}

/**
 * The legacy numbers of a categorical column from its counts per category (in code-unit order of the
 * categories, see DriftFeature.categoryCounts; no category with a zero count on both sides).
 */
export function legacyCategoricalStatistics({
  categories,
  reference,
  current,
}: CategoryCounts): LegacyCategoricalStatistics {
  const referenceCounts = new Map<string, number>();
  const currentCounts = new Map<string, number>();
  const newCategories: string[] = [];
  const missingCategories: string[] = [];
  categories.forEach((category, index) => {
    const inReference = reference[index]!;
    const inCurrent = current[index]!;
    if (inReference > 0) referenceCounts.set(category, inReference);
    if (inCurrent > 0) currentCounts.set(category, inCurrent);
    if (inReference === 0) newCategories.push(category);
    if (inCurrent === 0) missingCategories.push(category);
  });
  return {
    kind: 'categorical',
    chiSquare: legacyChiSquare(referenceCounts, currentCounts),
    newCategories: newCategories.sort(compareCodePoints).slice(0, 10),
    missingCategories: missingCategories.sort(compareCodePoints).slice(0, 10),
    chiSquarePValue: chiSquareContingency(reference, current).pValue,
  };
}
