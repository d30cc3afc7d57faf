import { twoProportionZTest } from '../../stats/index.js';
import type { DriftMethod } from '../method.js';

/** Two-proportion z-test for a column with at most two categories; the score is its p-value. */
export const zTestMethod = {
  name: 'ztest',
  displayName: 'Two-proportion z-test',
  featureKinds: ['categorical'],
  scoreKind: 'p_value',
  defaultThreshold: 0.05,
  inclusive: false,
  definition:
    'two-sided p-value of the pooled two-proportion z-test on the share of the first category (columns with at most 2 categories; one category gives p = 1)',
  unsuitable(feature) {
    const count = feature.distinctCount();
    return count > 2 ? `ztest needs at most 2 categories, and "${feature.name}" has ${count}` : undefined;
  },
  compute(feature) {
    const { reference, current } = feature.categoryCounts();
    if (reference.length < 2) return { score: 1 };
    const referenceTotal = reference[0]! + reference[1]!;
    const currentTotal = current[0]! + current[1]!;
    return { score: twoProportionZTest(reference[0]!, referenceTotal, current[0]!, currentTotal).pValue };
  },
} as const satisfies DriftMethod;
