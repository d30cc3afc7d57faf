import { populationStabilityIndex } from '../../stats/index.js';
import type { DriftMethod } from '../method.js';

/** Population stability index over the reference's decile bins (numeric) or the categories. */
export const psiMethod = {
  name: 'psi',
  displayName: 'Population stability index',
  featureKinds: ['numeric', 'categorical'],
  scoreKind: 'distance',
  defaultThreshold: 0.2,
  definition: 'Σ (cur − ref) · ln(cur / ref) over the bin shares, empty-bin shares floored at 1e-4',
  compute(feature) {
    const { reference, current } = feature.binShares();
    return { score: populationStabilityIndex(reference, current) };
  },
} as const satisfies DriftMethod;
