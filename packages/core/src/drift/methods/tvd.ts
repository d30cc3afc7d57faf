import { tvdPermutationTest } from '../../stats/index.js';
import type { DriftMethod } from '../method.js';

/** Evidently's `TVD`: a permutation test of the total variation distance; the score is its p-value. */
export const tvdMethod = {
  name: 'TVD',
  displayName: 'Total variation distance test',
  featureKinds: ['categorical'],
  scoreKind: 'p_value',
  defaultThreshold: 0.1,
  inclusive: false,
  definition:
    'permutation p-value of the total variation distance ½ Σ |ref share − cur share|: the share of 1000 relabellings of the pooled rows (MT19937, seed 0) whose distance is at least the observed one, as Evidently',
  compute(feature) {
    const { reference, current } = feature.categoryCounts();
    return { score: tvdPermutationTest(reference, current).pValue };
  },
} as const satisfies DriftMethod;
