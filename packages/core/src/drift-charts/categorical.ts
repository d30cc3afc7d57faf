import type { CategoryCounts } from '../drift/feature.js';
import {
  type CategoricalDriftChart,
  DRIFT_CHART_LABEL_LIMIT,
  DRIFT_CHART_TOP_CATEGORIES,
  type DriftChartCategory,
  type DriftChartCategoryStatus,
} from './types.js';

/**
 * Compares two strings by Unicode code points (as Python compares `str`), without building arrays:
 * UTF-16 order differs from code-point order only when surrogates meet code units ≥ U+E000.
 */
export function compareCodePointOrder(left: string, right: string): number {
  const length = Math.min(left.length, right.length);
  for (let index = 0; index < length; index++) {
    let a = left.charCodeAt(index);
    let b = right.charCodeAt(index);
    if (a === b) continue;
    if (a >= 0xd800 && b >= 0xd800) {
      a = a >= 0xe000 ? a - 0x800 : a + 0x2000;
      b = b >= 0xe000 ? b - 0x800 : b + 0x2000;
    }
    return a - b;
  }
  return left.length - right.length;
}

/** A label cut to the limit, in code points, with an ellipsis. */
function cutLabel(text: string): { label: string; truncated: boolean } {
  if (text.length <= DRIFT_CHART_LABEL_LIMIT) return { label: text, truncated: false };
  const points = Array.from(text.slice(0, DRIFT_CHART_LABEL_LIMIT * 2));
  if (points.length <= DRIFT_CHART_LABEL_LIMIT && text.length <= DRIFT_CHART_LABEL_LIMIT * 2)
    return { label: text, truncated: false };
  return { label: `${points.slice(0, DRIFT_CHART_LABEL_LIMIT - 1).join('')}…`, truncated: true };
}

function statusOf(reference: number, current: number): DriftChartCategoryStatus {
  if (reference === 0) return 'new';
  if (current === 0) return 'missing';
  return 'both';
}

function sum(values: Float64Array): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

/**
 * Paired bar data of a categorical column: the top {@link DRIFT_CHART_TOP_CATEGORIES} categories by
 * combined count (ties in code-point order of the text), each with its counts, shares and whether it is
 * new (current only) or missing (reference only); the remaining categories summed as "other", with how
 * many of those are new or missing.
 *
 * Cost: O(K · top) for K categories, without sorting them all.
 *
 * @example
 * categoricalDriftChart('plan', { categories: ['a', 'b'], reference: Float64Array.of(3, 0), current: Float64Array.of(1, 2) })
 *   .categories.map((c) => c.status) // => ['both', 'new']
 */
export function categoricalDriftChart(
  feature: string,
  counts: CategoryCounts,
  top = DRIFT_CHART_TOP_CATEGORIES,
): CategoricalDriftChart {
  const { categories, reference, current } = counts;
  const referenceTotal = sum(reference);
  const currentTotal = sum(current);
  const combined = (index: number) => reference[index]! + current[index]!;
  const before = (a: number, b: number) => {
    const difference = combined(b) - combined(a);
    return difference !== 0 ? difference < 0 : compareCodePointOrder(categories[a]!, categories[b]!) < 0;
  };
  // The top categories, kept sorted; each other category is compared with the last kept one.
  const kept: number[] = [];
  for (let index = 0; index < categories.length; index++) {
    if (kept.length === top && !before(index, kept[top - 1]!)) continue;
    let at = kept.length;
    while (at > 0 && before(index, kept[at - 1]!)) at -= 1;
    kept.splice(at, 0, index);
    if (kept.length > top) kept.pop();
  }
  const share = (count: number, total: number) => (total === 0 ? 0 : count / total);
  const listed: DriftChartCategory[] = kept.map((index) => ({
    ...cutLabel(categories[index]!),
    reference: reference[index]!,
    current: current[index]!,
    referenceShare: share(reference[index]!, referenceTotal),
    currentShare: share(current[index]!, currentTotal),
    status: statusOf(reference[index]!, current[index]!),
  }));
  let other: CategoricalDriftChart['other'] = null;
  if (categories.length > kept.length) {
    const keptSet = new Set(kept);
    let otherReference = 0;
    let otherCurrent = 0;
    let newCategories = 0;
    let missingCategories = 0;
    for (let index = 0; index < categories.length; index++) {
      if (keptSet.has(index)) continue;
      otherReference += reference[index]!;
      otherCurrent += current[index]!;
      const status = statusOf(reference[index]!, current[index]!);
      if (status === 'new') newCategories += 1;
      else if (status === 'missing') missingCategories += 1;
    }
    other = {
      categories: categories.length - kept.length,
      newCategories,
      missingCategories,
      reference: otherReference,
      current: otherCurrent,
      referenceShare: share(otherReference, referenceTotal),
      currentShare: share(otherCurrent, currentTotal),
    };
  }
  return {
    kind: 'categorical',
    feature,
    referenceTotal,
    currentTotal,
    distinct: categories.length,
    categories: listed,
    other,
  };
}
