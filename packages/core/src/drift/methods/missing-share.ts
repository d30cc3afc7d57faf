import { twoProportionZTest } from '../../stats/index.js';
import type { DriftFeature } from '../feature.js';
import type { DriftMethod } from '../method.js';

/** The share of a sample's cells that are missing (blank, NaN, ±inf or a missing-value marker). */
function missingShare(missing: number, present: number): number {
  return missing / (missing + present);
}

/**
 * Data quality as a test: how much the share of missing cells changed between the reference and the
 * current sample, |cur − ref| (a share, 0 to 1), with the two-sided p-value of the pooled
 * two-proportion z-test on the missing counts beside it.
 */
export const missingShareMethod = {
  name: 'missing_share',
  displayName: 'Change in the share of missing cells',
  featureKinds: ['numeric', 'categorical'],
  anyOrder: true,
  scoreKind: 'distance',
  defaultThreshold: 0.1,
  definition:
    '|cur_missing / cur_rows − ref_missing / ref_rows|, with the pooled two-proportion z-test p-value on the missing counts beside it',
  compute(feature: DriftFeature) {
    const reference = missingShare(feature.referenceMissing, feature.referenceCount);
    const current = missingShare(feature.currentMissing, feature.currentCount);
    const { pValue } = twoProportionZTest(
      feature.referenceMissing,
      feature.referenceMissing + feature.referenceCount,
      feature.currentMissing,
      feature.currentMissing + feature.currentCount,
    );
    return { score: Math.abs(current - reference), pValue };
  },
} as const satisfies DriftMethod;
