import { populationStabilityIndex } from '../../stats/index.js';
import type { DriftMethod } from '../method.js';

/**
 * Population stability index over the reference's deciles: the scorecard-monitoring PSI (ten bins
 * of equal reference mass, fixed by the reference alone), and the numbers `psi` gave before it
 * followed Evidently.
 */
export const psiDecilesMethod = {
  name: 'psi_deciles',
  displayName: 'Population stability index (reference deciles)',
  featureKinds: ['numeric', 'categorical'],
  scoreKind: 'distance',
  defaultThreshold: 0.2,
  inclusive: false,
  definition:
    'Σ (ref − cur) · ln(ref / cur) over the bins of the reference deciles numpy.unique(numpy.quantile(ref, [0.1, …, 0.9])) (a value on an edge goes to the bin below; categorical: one bin per category), empty shares floored at 1e-4',
  compute(feature) {
    const { reference, current } = feature.decileBinShares();
    return { score: populationStabilityIndex(reference, current) };
  },
} as const satisfies DriftMethod;
