import { assertSortedSample } from './assertSortedSample.js';

/**
 * The two-sample Kolmogorov–Smirnov statistic D: the largest absolute gap between the empirical
 * distribution functions of the two samples, evaluated at every distinct value (ties handled: all
 * copies of a value in both samples are consumed before the gap is measured).
 *
 * The gap at each value is kept as the exact integer `i·n₂ − j·n₁` (i, j = how many values of each
 * sample are ≤ it), and D = max |gap| / (n₁·n₂) is one correctly rounded division, bit-identical to
 * the `statistic` of `scipy.stats.ks_2samp` in its exact mode (`h / lcm(n₁, n₂)`) and within an ulp of
 * its asymptotic mode.
 *
 * Definition: https://en.wikipedia.org/wiki/Kolmogorov%E2%80%93Smirnov_test#Two-sample_Kolmogorov%E2%80%93Smirnov_test
 *
 * Cost: O(n₁ + n₂), one merge of the sorted samples.
 *
 * @param sortedReference - reference sample sorted ascending (see `sortAscending`), no NaN.
 * @param sortedCurrent - current sample sorted ascending, no NaN.
 * @returns D in [0, 1].
 * @throws Error when a sample is empty.
 * @example
 * ksStatistic(new Float64Array([1, 2, 3]), new Float64Array([2, 3, 4])) // => 0.3333333333333333
 */
export function ksStatistic(sortedReference: Float64Array, sortedCurrent: Float64Array): number {
  assertSortedSample('ksStatistic', 'sortedReference', sortedReference);
  assertSortedSample('ksStatistic', 'sortedCurrent', sortedCurrent);
  return ksLargestGaps(sortedReference, sortedCurrent).statistic;
}

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
