import { populationStabilityIndex } from '../../stats/index.js';
import type { DriftMethod } from '../method.js';

/** Population stability index over Evidently 0.7.21's bins (`psi.py`, `get_binned_data`). */
export const psiMethod = {
  name: 'psi',
  displayName: 'Population stability index',
  featureKinds: ['numeric', 'categorical'],
  scoreKind: 'distance',
  defaultThreshold: 0.1,
  inclusive: true,
  definition:
    "Σ (ref − cur) · ln(ref / cur) over Evidently's bins (numeric: Sturges bins over both samples when the reference has more than 20 distinct values, else one bin per value; categorical: one per category), empty shares filled with 1e-4, or with the smallest share / 1e6 when that share is ≤ 1e-4",
  unsuitable(feature) {
    const refusal = feature.binningRefusal();
    return refusal === undefined ? undefined : `psi cannot bin "${feature.name}": ${refusal}`;
  },
  compute(feature) {
    const { reference, current } = feature.filledBinShares();
    return { score: populationStabilityIndex(reference, current) };
  },
} as const satisfies DriftMethod;
