import { cramerVonMisesTwoSample } from '../../stats/index.js';
import type { DriftMethod } from '../method.js';

/** Cramér–von Mises test (Evidently 0.7.21 `cramer_von_mises`, legacy/calculations/stattests); the score is its p-value. */
export const cramerVonMisesMethod = {
  name: 'cramer_von_mises',
  displayName: 'Cramér–von Mises test',
  featureKinds: ['numeric'],
  scoreKind: 'p_value',
  defaultThreshold: 0.1,
  inclusive: true,
  definition:
    'p-value of the two-sample Cramér–von Mises test (scipy.stats.cramervonmises_2samp: exact when both samples have at most 20 values, else asymptotic)',
  unsuitable(feature) {
    const smaller = Math.min(feature.sortedReference().length, feature.sortedCurrent().length);
    return smaller < 2
      ? `cramer_von_mises needs at least 2 numbers in each file for "${feature.name}"`
      : undefined;
  },
  compute(feature) {
    return { score: cramerVonMisesTwoSample(feature.sortedReference(), feature.sortedCurrent()).pValue };
  },
} as const satisfies DriftMethod;
