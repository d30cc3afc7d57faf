import { hellingerDistance } from '../../stats/index.js';
import type { DriftMethod } from '../method.js';

/** Hellinger distance between the bin shares. */
export const hellingerMethod = {
  name: 'hellinger',
  displayName: 'Hellinger distance',
  featureKinds: ['numeric', 'categorical'],
  scoreKind: 'distance',
  defaultThreshold: 0.1,
  definition: 'sqrt(1 − Σ sqrt(ref · cur)) over the bin shares',
  compute(feature) {
    const { reference, current } = feature.binShares();
    return { score: hellingerDistance(reference, current) };
  },
} as const satisfies DriftMethod;
