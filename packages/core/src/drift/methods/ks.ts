import { ksTwoSampleFromGaps } from '../../stats/index.js';
import type { DriftMethod } from '../method.js';

/** Two-sample Kolmogorov–Smirnov test, scipy.stats.ks_2samp defaults; the score is its p-value. */
export const ksMethod = {
  name: 'ks',
  displayName: 'Kolmogorov–Smirnov test',
  featureKinds: ['numeric'],
  scoreKind: 'p_value',
  defaultThreshold: 0.05,
  inclusive: true,
  anyOrder: true,
  definition:
    'p-value of the two-sided two-sample Kolmogorov–Smirnov test (scipy.stats.ks_2samp: exact when max(n1, n2) ≤ 10000, else asymptotic)',
  compute(feature) {
    const gaps = feature.ksGaps();
    return {
      score: ksTwoSampleFromGaps(feature.referenceNumberCount, feature.currentNumberCount, gaps).test.pValue,
    };
  },
} as const satisfies DriftMethod;
