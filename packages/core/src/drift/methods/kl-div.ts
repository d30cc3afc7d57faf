import { klDivergence } from '../../stats/index.js';
import type { DriftMethod } from '../method.js';

/** Kullback–Leibler divergence of the current bin shares from the reference's. */
export const klDivergenceMethod = {
  name: 'kl_div',
  displayName: 'Kullback–Leibler divergence',
  featureKinds: ['numeric', 'categorical'],
  scoreKind: 'distance',
  defaultThreshold: 0.1,
  definition:
    'Σ ref · ln(ref / cur) over the bin shares (scipy.stats.entropy(ref, cur)), shares floored at 1e-4',
  compute(feature) {
    const { reference, current } = feature.binShares();
    return { score: klDivergence(reference, current) };
  },
} as const satisfies DriftMethod;
