import { fisherExactTwoSided } from '../../stats/index.js';
import type { DriftMethod } from '../method.js';

/** Evidently's `fisher_exact`: Fisher's exact test on the 2×2 table of a two-category column; the score is its p-value. */
export const fisherExactMethod = {
  name: 'fisher_exact',
  displayName: "Fisher's exact test",
  featureKinds: ['categorical'],
  scoreKind: 'p_value',
  defaultThreshold: 0.1,
  inclusive: false,
  definition:
    'two-sided p-value of scipy.stats.fisher_exact on the 2×2 table [[current counts], [reference counts]] of a column with at most 2 categories (one category gives p = 1)',
  unsuitable(feature) {
    const count = feature.distinctCount();
    return count > 2
      ? `fisher_exact needs at most 2 categories, and "${feature.name}" has ${count}`
      : undefined;
  },
  compute(feature) {
    const { reference, current } = feature.categoryCounts();
    return {
      score: fisherExactTwoSided([
        [current[0]!, current[1] ?? 0],
        [reference[0]!, reference[1] ?? 0],
      ]),
    };
  },
} as const satisfies DriftMethod;
