import { empiricalMmdTest, MMD_MAX_SAMPLE_SIZE } from '../../stats/index.js';
import type { DriftMethod } from '../method.js';

/** Evidently's `empirical_mmd`: a permutation test of the RBF-kernel maximum mean discrepancy; the score is its p-value. */
export const empiricalMmdMethod = {
  name: 'empirical_mmd',
  displayName: 'Maximum mean discrepancy test',
  featureKinds: ['numeric'],
  scoreKind: 'p_value',
  defaultThreshold: 0.1,
  inclusive: false,
  definition: `permutation p-value of the unbiased MMD² with an RBF kernel (median heuristic on the reference): the share of 100 relabellings (MT19937, seed 0) whose MMD is at least the observed one, as Evidently; samples above ${MMD_MAX_SAMPLE_SIZE} values are replaced by a seeded subsample of ${MMD_MAX_SAMPLE_SIZE}`,
  unsuitable(feature) {
    const fewest = Math.min(feature.sortedReference().length, feature.sortedCurrent().length);
    return fewest < 2
      ? `empirical_mmd needs at least 2 numbers in each sample, and "${feature.name}" has ${fewest} in one`
      : undefined;
  },
  compute(feature) {
    return { score: empiricalMmdTest(feature.sortedReference(), feature.sortedCurrent()).pValue };
  },
} as const satisfies DriftMethod;
