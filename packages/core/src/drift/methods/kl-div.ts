import { klDivergence } from '../../stats/index.js';
import type { DriftMethod } from '../method.js';

/** Kullback–Leibler divergence of the current bin shares from the reference's, over Evidently 0.7.21's bins (`kl_div.py`). */
export const klDivergenceMethod = {
  name: 'kl_div',
  displayName: 'Kullback–Leibler divergence',
  featureKinds: ['numeric', 'categorical'],
  scoreKind: 'distance',
  defaultThreshold: 0.1,
  inclusive: true,
  definition:
    "scipy.stats.entropy(ref, cur) over Evidently's bins (as for psi), empty shares filled as for psi",
  unsuitable(feature) {
    const refusal = feature.binningRefusal();
    return refusal === undefined ? undefined : `kl_div cannot bin "${feature.name}": ${refusal}`;
  },
  compute(feature) {
    const { reference, current } = feature.filledBinShares();
    return { score: klDivergence(reference, current) };
  },
} as const satisfies DriftMethod;
