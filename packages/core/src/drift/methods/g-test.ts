import { gTestGoodnessOfFit, scaledReferenceCounts } from '../../stats/index.js';
import type { DriftMethod } from '../method.js';

/** Evidently's `g_test`: the G-test of the current counts against the reference's shares; the score is its p-value. */
export const gTestMethod = {
  name: 'g_test',
  displayName: 'G-test',
  featureKinds: ['categorical'],
  scoreKind: 'p_value',
  defaultThreshold: 0.1,
  inclusive: false,
  definition:
    'p-value of scipy.stats.power_divergence(current counts, reference counts × n_current / n_reference, lambda_="log-likelihood") over the categories seen in either sample (Evidently passes the raw reference counts, which scipy refuses when the sample sizes differ)',
  compute(feature) {
    const { reference, current } = feature.categoryCounts();
    const expected = scaledReferenceCounts(
      reference,
      current.reduce((sum, count) => sum + count, 0),
    );
    return { score: gTestGoodnessOfFit(current, expected).pValue };
  },
} as const satisfies DriftMethod;
