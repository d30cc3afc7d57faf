import { eppsSingletonTwoSample } from '../../stats/index.js';
import type { DriftMethod } from '../method.js';

/** Epps–Singleton test (Evidently 0.7.21 `es`, legacy/calculations/stattests); the score is its p-value. */
export const eppsSingletonMethod = {
  name: 'es',
  displayName: 'Epps–Singleton test',
  featureKinds: ['numeric'],
  scoreKind: 'p_value',
  defaultThreshold: 0.05,
  inclusive: false,
  definition:
    'p-value of the Epps–Singleton test (scipy.stats.epps_singleton_2samp, t = (0.4, 0.8); refused when the pooled interquartile range is 0)',
  unsuitable(feature) {
    const reference = feature.sortedReference();
    const current = feature.sortedCurrent();
    if (Math.min(reference.length, current.length) < 5)
      return `es needs at least 5 numbers in each file for "${feature.name}"`;
    try {
      eppsSingletonTwoSample(reference, current);
      return undefined;
    } catch (error) {
      return `es cannot score "${feature.name}": ${(error as Error).message.replace(/^eppsSingletonTwoSample /, '')}`;
    }
  },
  compute(feature) {
    return { score: eppsSingletonTwoSample(feature.sortedReference(), feature.sortedCurrent()).pValue };
  },
} as const satisfies DriftMethod;
