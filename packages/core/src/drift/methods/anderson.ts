import { andersonKSample } from '../../stats/index.js';
import type { DriftMethod } from '../method.js';

/** Anderson–Darling k-sample test (Evidently 0.7.21 `anderson`, legacy/calculations/stattests); the score is its p-value. */
export const andersonMethod = {
  name: 'anderson',
  displayName: 'Anderson–Darling k-sample test',
  featureKinds: ['numeric'],
  scoreKind: 'p_value',
  defaultThreshold: 0.1,
  inclusive: false,
  definition:
    'p-value of the two-sample Anderson–Darling test (scipy.stats.anderson_ksamp, mid-rank statistic; p interpolated in and clamped to [0.001, 0.25])',
  unsuitable(feature) {
    const size = feature.sortedReference().length + feature.sortedCurrent().length;
    if (size < 4)
      return `anderson needs at least 4 numbers in "${feature.name}" (reference and current together), and it has ${size}`;
    return feature.distinctCountUpTo(1) < 2
      ? `anderson needs two distinct numbers in "${feature.name}"`
      : undefined;
  },
  compute(feature) {
    return { score: andersonKSample(feature.sortedReference(), feature.sortedCurrent()).pValue };
  },
} as const satisfies DriftMethod;
