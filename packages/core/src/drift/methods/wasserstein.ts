import { populationStandardDeviation, wassersteinDistance } from '../../stats/index.js';
import type { DriftMethod } from '../method.js';

/** Wasserstein-1 distance, in units of the reference's standard deviation. */
export const wassersteinMethod = {
  name: 'wasserstein',
  displayName: 'Normalised Wasserstein distance',
  featureKinds: ['numeric'],
  scoreKind: 'distance',
  defaultThreshold: 0.1,
  inclusive: true,
  definition: 'scipy.stats.wasserstein_distance(ref, cur) / max(std(ref, ddof=0), 0.001)',
  compute(feature) {
    const reference = feature.sortedReference();
    const distance = wassersteinDistance(reference, feature.sortedCurrent());
    return { score: distance / Math.max(populationStandardDeviation(reference), 0.001) };
  },
} as const satisfies DriftMethod;
