import { chiSquareContingency } from '../../stats/index.js';
import type { DriftMethod } from '../method.js';

/** Chi-square test of independence on the 2×K table of category counts; the score is its p-value. */
export const chiSquareMethod = {
  name: 'chisquare',
  displayName: 'Chi-square test',
  featureKinds: ['categorical'],
  scoreKind: 'p_value',
  defaultThreshold: 0.05,
  inclusive: false,
  definition:
    'p-value of scipy.stats.chi2_contingency on the 2×K table of counts over the categories seen in either sample (Yates correction only when K = 2)',
  compute(feature) {
    const { reference, current } = feature.categoryCounts();
    return { score: chiSquareContingency(reference, current).pValue };
  },
} as const satisfies DriftMethod;
