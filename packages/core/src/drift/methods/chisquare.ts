import { chiSquareGoodnessOfFit, scaledReferenceCounts } from '../../stats/index.js';
import type { DriftMethod } from '../method.js';

/**
 * Evidently's `chisquare`: the goodness-of-fit test of the current counts against the reference's
 * shares; the score is its p-value. (The 2×K contingency test stays in every report as
 * `chi_square_pvalue`.)
 */
export const chiSquareMethod = {
  name: 'chisquare',
  displayName: 'Chi-square test',
  featureKinds: ['categorical'],
  scoreKind: 'p_value',
  defaultThreshold: 0.05,
  inclusive: false,
  definition:
    'p-value of scipy.stats.chisquare(current counts, reference counts × n_current / n_reference) over the categories seen in either sample, as Evidently (a category new in current gives p = 0; one category gives p = 1)',
  compute(feature) {
    const { reference, current } = feature.categoryCounts();
    const expected = scaledReferenceCounts(
      reference,
      current.reduce((sum, count) => sum + count, 0),
    );
    return { score: chiSquareGoodnessOfFit(current, expected).pValue };
  },
} as const satisfies DriftMethod;
