import { assertSortedSample } from './assertSortedSample.js';
import { ksLargestGaps } from './ksLargestGaps.js';

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
