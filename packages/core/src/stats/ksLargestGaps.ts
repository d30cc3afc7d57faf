/** The two extremes of the ECDF difference, as exact integers and as scipy computes them in floats. */
export interface KsGaps {
  /** max |i·n₂ − j·n₁| over the distinct values (exact while n₁·n₂ < 2^53). */
  largestIntegerGap: number;
  /** max |gap| / (n₁·n₂), correctly rounded. */
  statistic: number;
  /** scipy's float D: the larger of max(i/n₁ − j/n₂) and max(j/n₂ − i/n₁), each difference in doubles. */
  floatStatistic: number;
}

/**
 * The largest gaps found so far between two samples of `referenceCount` and `currentCount` values, as
 * a merge (or a count over buckets, ksLargestGapsUnsorted) finds them, value after value; the KS gaps
 * follow from them ({@link ksGapsOf}).
 */
export interface KsGapTally {
  readonly referenceCount: number;
  readonly currentCount: number;
  /** max(i·n₂ − j·n₁) and max(j·n₁ − i·n₂), at least 0. */
  above: number;
  below: number;
  /** max(i/n₁ − j/n₂) and max(j/n₂ − i/n₁), in doubles. */
  floatAbove: number;
  floatBelow: number;
}

/** A tally of no gap yet. */
export function ksGapTally(referenceCount: number, currentCount: number): KsGapTally {
  return {
    referenceCount,
    currentCount,
    above: 0,
    below: 0,
    floatAbove: Number.NEGATIVE_INFINITY,
    floatBelow: Number.NEGATIVE_INFINITY,
  };
}

/** Notes the gaps after a value at or below which lie `i` reference and `j` current values. */
export function noteKsGap(tally: KsGapTally, i: number, j: number): void {
  const gap = i * tally.currentCount - j * tally.referenceCount;
  if (gap > tally.above) tally.above = gap;
  if (-gap > tally.below) tally.below = -gap;
  const floatGap = i / tally.referenceCount - j / tally.currentCount;
  if (floatGap > tally.floatAbove) tally.floatAbove = floatGap;
  if (-floatGap > tally.floatBelow) tally.floatBelow = -floatGap;
}

/**
 * Notes the gaps at every distinct value of two sorted samples (parts of larger ones, when `below1`
 * reference and `below2` current values lie under them): the merge. O(n₁ + n₂).
 */
export function mergeKsGaps(
  tally: KsGapTally,
  sortedReference: Float64Array,
  sortedCurrent: Float64Array,
  below1 = 0,
  below2 = 0,
): void {
  const count1 = sortedReference.length;
  const count2 = sortedCurrent.length;
  let index1 = 0;
  let index2 = 0;
  while (index1 < count1 || index2 < count2) {
    // The next distinct value: the smaller head (of the sample not used up).
    const value =
      index2 >= count2 || (index1 < count1 && sortedReference[index1]! <= sortedCurrent[index2]!)
        ? sortedReference[index1]!
        : sortedCurrent[index2]!;
    while (index1 < count1 && sortedReference[index1]! <= value) index1++;
    while (index2 < count2 && sortedCurrent[index2]! <= value) index2++;
    noteKsGap(tally, below1 + index1, below2 + index2);
  }
}

/** The KS gaps (see `KsGaps`) from a tally of every distinct value's gaps. */
export function ksGapsOf(tally: KsGapTally): KsGaps {
  const largestIntegerGap = Math.max(tally.above, tally.below);
  const clippedBelow = Math.min(Math.max(tally.floatBelow, 0), 1);
  return {
    largestIntegerGap,
    statistic: largestIntegerGap / (tally.referenceCount * tally.currentCount),
    floatStatistic: Math.max(clippedBelow, tally.floatAbove),
  };
}

/**
 * One merge over two sorted samples returning the KS gaps (see `KsGaps`). O(n₁ + n₂).
 *
 * @example
 * ksLargestGaps(new Float64Array([1, 2, 3]), new Float64Array([2, 3, 4])).largestIntegerGap // => 3
 */
export function ksLargestGaps(sortedReference: Float64Array, sortedCurrent: Float64Array): KsGaps {
  const tally = ksGapTally(sortedReference.length, sortedCurrent.length);
  mergeKsGaps(tally, sortedReference, sortedCurrent);
  return ksGapsOf(tally);
}
