import { twoProportionZTest } from '../../stats/index.js';
import type { DriftFeature } from '../feature.js';
import type { DriftMethod } from '../method.js';

/**
 * The p-value of Evidently's `z` test on a column: the pooled two-proportion z-test on the share of
 * the first category in sorted order (the others together are the second), two-sided.
 */
export function zTestScore(feature: DriftFeature): number {
  const { reference, current } = feature.categoryCounts();
  let referenceTotal = 0;
  let currentTotal = 0;
  for (let index = 0; index < reference.length; index++) {
    referenceTotal += reference[index]!;
    currentTotal += current[index]!;
  }
  return twoProportionZTest(reference[0]!, referenceTotal, current[0]!, currentTotal).pValue;
}

const definition =
  'two-sided p-value of the pooled two-proportion z-test on the share of the first category in sorted order (the other categories together are the second), as Evidently; one category gives p = 1';

/** Evidently's `z`: the two-proportion z-test; the score is its p-value. */
export const zMethod = {
  name: 'z',
  displayName: 'Two-proportion z-test',
  featureKinds: ['categorical'],
  scoreKind: 'p_value',
  defaultThreshold: 0.05,
  inclusive: false,
  definition,
  compute(feature) {
    return { score: zTestScore(feature) };
  },
} as const satisfies DriftMethod;
