import { assertSortedSample } from './assertSortedSample.js';

/**
 * The first Wasserstein (earth mover's) distance between the two empirical distributions,
 * `scipy.stats.wasserstein_distance(reference, current)`: ∫ |F_ref(x) − F_cur(x)| dx, summed over the
 * gaps between consecutive values of both samples together (with compensated summation).
 *
 * Definition: https://en.wikipedia.org/wiki/Wasserstein_metric
 *
 * Cost: O(n₁ + n₂), one merge of the sorted samples.
 *
 * @param sortedReference - reference sample sorted ascending, no NaN.
 * @param sortedCurrent - current sample sorted ascending, no NaN.
 * @returns the distance, ≥ 0, in the unit of the values.
 * @throws Error when a sample is empty.
 * @example
 * wassersteinDistance(new Float64Array([0, 1, 3]), new Float64Array([5, 6, 8])) // => 5
 */
export function wassersteinDistance(sortedReference: Float64Array, sortedCurrent: Float64Array): number {
  assertSortedSample('wassersteinDistance', 'sortedReference', sortedReference);
  assertSortedSample('wassersteinDistance', 'sortedCurrent', sortedCurrent);
  const referenceCount = sortedReference.length;
  const currentCount = sortedCurrent.length;
  let referenceIndex = 0;
  let currentIndex = 0;
  let sum = 0;
  let compensation = 0;
  let previous = Math.min(sortedReference[0]!, sortedCurrent[0]!);
  while (referenceIndex < referenceCount || currentIndex < currentCount) {
    const value =
      currentIndex >= currentCount ||
      (referenceIndex < referenceCount && sortedReference[referenceIndex]! <= sortedCurrent[currentIndex]!)
        ? sortedReference[referenceIndex]!
        : sortedCurrent[currentIndex]!;
    // The CDFs are constant on [previous, value): add their gap times the width.
    const term = Math.abs(referenceIndex / referenceCount - currentIndex / currentCount) * (value - previous);
    const total = sum + term;
    compensation += sum >= term ? sum - total + term : term - total + sum;
    sum = total;
    while (referenceIndex < referenceCount && sortedReference[referenceIndex]! <= value) referenceIndex++;
    while (currentIndex < currentCount && sortedCurrent[currentIndex]! <= value) currentIndex++;
    previous = value;
  }
  return sum + compensation;
}
