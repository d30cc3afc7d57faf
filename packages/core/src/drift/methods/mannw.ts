import { mannWhitneyU } from '../../stats/index.js';
import type { DriftMethod } from '../method.js';

/** Mann–Whitney U test (two-sided) (Evidently 0.7.21 `mannw`, legacy/calculations/stattests); the score is its p-value. */
export const mannWhitneyMethod = {
  name: 'mannw',
  displayName: 'Mann–Whitney U test (two-sided)',
  featureKinds: ['numeric'],
  scoreKind: 'p_value',
  defaultThreshold: 0.05,
  inclusive: false,
  definition:
    'two-sided p-value of the Mann–Whitney U test (scipy.stats.mannwhitneyu defaults: exact for a sample of at most 8 values without ties, else normal with tie and continuity corrections); Evidently uses the one-sided alternative="less"',
  compute(feature) {
    return { score: mannWhitneyU(feature.sortedReference(), feature.sortedCurrent()).pValue };
  },
} as const satisfies DriftMethod;
