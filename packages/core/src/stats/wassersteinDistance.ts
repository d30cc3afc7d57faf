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
 * @returns the distance, ≥ 0, in the unit of the values; finite for finite samples unless the distance
 *   itself exceeds 1.8e308 (then Infinity, never NaN).
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
  // Widths are measured on the values halved when the range passes 9e307 (values of opposite signs
  // near the largest doubles): every width and partial sum then stays finite, and so does the result
  // unless the distance itself exceeds 1.8e308. Halving is exact except for values below 2^-1021,
  // whose lost last bit is far below the rounding of such a distance.
  const first = Math.min(sortedReference[0]!, sortedCurrent[0]!);
  const last = Math.max(sortedReference[referenceCount - 1]!, sortedCurrent[currentCount - 1]!);
  const scale = last - first <= Number.MAX_VALUE / 2 ? 1 : 0.5;
  let previous = first * scale;
  while (referenceIndex < referenceCount || currentIndex < currentCount) {
    const value =
      currentIndex >= currentCount ||
      (referenceIndex < referenceCount && sortedReference[referenceIndex]! <= sortedCurrent[currentIndex]!)
        ? sortedReference[referenceIndex]!
        : sortedCurrent[currentIndex]!;
    // The CDFs are constant on [previous, value): add their gap times the width.
    const term =
      Math.abs(referenceIndex / referenceCount - currentIndex / currentCount) * (value * scale - previous);
    const total = sum + term;
    compensation += sum >= term ? sum - total + term : term - total + sum;
    sum = total;
    while (referenceIndex < referenceCount && sortedReference[referenceIndex]! <= value) referenceIndex++;
    while (currentIndex < currentCount && sortedCurrent[currentIndex]! <= value) currentIndex++;
    previous = value * scale;
  }
  return (sum + compensation) / scale;
}
