import type { DriftFeature } from './feature.js';

/**
 * Why a compared column gets no score. Such a column is not skipped: it counts as drifted and fires
 * the alert (see buildDriftReport), and the report gives the reason, so that a gate never passes on a
 * column it could not look at.
 */

/** The reason for a reference column that the current file's header lacks. */
export const COLUMN_MISSING_IN_CURRENT = 'column missing in current';

type Side = 'reference' | 'current';

/**
 * Why one sample of a column has nothing to compare, or undefined when it has: every cell missing
 * (blank, NaN, ±inf, an extra missing-value marker), or, for a numeric column, no cell that is a number.
 */
function sideReason(
  feature: DriftFeature,
  side: Side,
): 'all values missing' | 'no numeric values' | undefined {
  const present = side === 'reference' ? feature.referenceCount : feature.currentCount;
  if (present === 0) return 'all values missing';
  if (feature.kind === 'numeric') {
    const numbers = side === 'reference' ? feature.sortedReference() : feature.sortedCurrent();
    if (numbers.length === 0) return 'no numeric values';
  }
  return undefined;
}

/**
 * Why the column cannot be scored, or undefined when it can: `all values missing in current`,
 * `all values missing in reference`, `no numeric values in current` (a numeric column whose current
 * cells are all text), `all values missing in reference and current`; reasons of both files joined
 * with `; ` when they differ.
 *
 * @example unscoredReason(featureWithEmptyCurrent) // => 'all values missing in current'
 */
export function unscoredReason(feature: DriftFeature): string | undefined {
  const reference = sideReason(feature, 'reference');
  const current = sideReason(feature, 'current');
  if (reference !== undefined && reference === current) return `${reference} in reference and current`;
  const reasons = [
    ...(reference === undefined ? [] : [`${reference} in reference`]),
    ...(current === undefined ? [] : [`${current} in current`]),
  ];
  return reasons.length === 0 ? undefined : reasons.join('; ');
}
