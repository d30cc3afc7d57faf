import type { DriftFeature } from '../feature.js';
import type { DriftMethod } from '../method.js';

/**
 * Data quality as a test: the share of the current sample's non-missing cells whose category the
 * reference never saw (0 to 1): what an encoder fitted on the reference meets as unknown.
 */
export const newCategoryShareMethod = {
  name: 'new_category_share',
  displayName: 'Share of rows in new categories',
  featureKinds: ['categorical'],
  scoreKind: 'distance',
  defaultThreshold: 0.05,
  definition: "share of the current sample's non-missing cells whose category is absent from the reference",
  compute(feature: DriftFeature) {
    const { reference, current } = feature.categoryCounts();
    let unseen = 0;
    let total = 0;
    for (let index = 0; index < current.length; index += 1) {
      total += current[index]!;
      if (reference[index] === 0) unseen += current[index]!;
    }
    return { score: total === 0 ? 0 : unseen / total };
  },
} as const satisfies DriftMethod;
