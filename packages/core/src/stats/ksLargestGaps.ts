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
 * One merge over two sorted samples returning the KS gaps (see `KsGaps`). O(n₁ + n₂).
 *
 * @example
 * ksLargestGaps(new Float64Array([1, 2, 3]), new Float64Array([2, 3, 4])).largestIntegerGap // => 3
 */
export function ksLargestGaps(sortedReference: Float64Array, sortedCurrent: Float64Array): KsGaps {
  const referenceCount = sortedReference.length;
  const currentCount = sortedCurrent.length;
  let referenceIndex = 0;
  let currentIndex = 0;
  let largestAbove = 0;
  let largestBelow = 0;
  let floatAbove = Number.NEGATIVE_INFINITY;
  let floatBelow = Number.NEGATIVE_INFINITY;
  while (referenceIndex < referenceCount || currentIndex < currentCount) {
    const referenceValue = referenceIndex < referenceCount ? sortedReference[referenceIndex]! : Number.NaN;
    const currentValue = currentIndex < currentCount ? sortedCurrent[currentIndex]! : Number.NaN;
    // The next distinct value: the smaller head (a NaN head means that sample is used up).
    const value =
      currentIndex >= currentCount || (referenceIndex < referenceCount && referenceValue <= currentValue)
        ? referenceValue
        : currentValue;
    while (referenceIndex < referenceCount && sortedReference[referenceIndex]! <= value) referenceIndex++;
    while (currentIndex < currentCount && sortedCurrent[currentIndex]! <= value) currentIndex++;
    const gap = referenceIndex * currentCount - currentIndex * referenceCount;
    if (gap > largestAbove) largestAbove = gap;
    if (-gap > largestBelow) largestBelow = -gap;
    const floatGap = referenceIndex / referenceCount - currentIndex / currentCount;
    if (floatGap > floatAbove) floatAbove = floatGap;
    if (-floatGap > floatBelow) floatBelow = -floatGap;
  }
  const largestIntegerGap = Math.max(largestAbove, largestBelow);
  const clippedBelow = Math.min(Math.max(floatBelow, 0), 1);
  return {
    largestIntegerGap,
    statistic: largestIntegerGap / (referenceCount * currentCount),
    floatStatistic: Math.max(clippedBelow, floatAbove),
  };
}
