import { hellingerDistance, hellingerHistogramDistance } from '../../stats/index.js';
import type { DriftMethod } from '../method.js';

/** Hellinger distance as Evidently 0.7.21 computes it (`hellinger_distance.py`): its own bins, not psi's. */
export const hellingerMethod = {
  name: 'hellinger',
  displayName: 'Hellinger distance',
  featureKinds: ['numeric', 'categorical'],
  scoreKind: 'distance',
  defaultThreshold: 0.1,
  inclusive: true,
  definition:
    'sqrt(1 − Σ sqrt(ref · cur)); numeric: Sturges bins over the distinct values of both samples, ref and cur the numpy.histogram densities times the mean bin width; categorical: the category shares',
  unsuitable(feature) {
    const refusal = feature.binningRefusal('distinctValues');
    return refusal === undefined ? undefined : `hellinger cannot bin "${feature.name}": ${refusal}`;
  },
  compute(feature) {
    if (feature.kind === 'numeric') {
      return {
        score: hellingerHistogramDistance(
          feature.sortedReference(),
          feature.sortedCurrent(),
          feature.evidentlyIntegerData(),
          feature.distinctNumberCount(),
        ),
      };
    }
    const { reference, current } = feature.binShares();
    return { score: hellingerDistance(reference, current) };
  },
} as const satisfies DriftMethod;
