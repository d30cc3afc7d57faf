/**
 * ∫ |F_ref(x) − F_cur(x)|^power dx over the whole line, for two sorted samples' empirical distribution
 * functions: the walk behind the Wasserstein distance (power 1) and the energy distance (power 2).
 * The functions are constant between consecutive values of either sample, so the integral is a sum
 * over those gaps, added with compensation (Neumaier). Widths are measured on the values halved when
 * the range passes 9e307 (values of opposite signs near the largest doubles): every width and partial
 * sum then stays finite, and the result is Infinity only when the integral itself exceeds 1.8e308.
 * Halving is exact except for values below 2^-1021, whose lost last bit is far below the rounding.
 *
 * Cost: O(n + m). The samples are sorted ascending, non-empty, without NaN (the callers check).
 *
 * @example
 * cdfGapIntegral(new Float64Array([0, 1, 3]), new Float64Array([5, 6, 8]), 1) // => 5
 */
export function cdfGapIntegral(
  sortedReference: Float64Array,
  sortedCurrent: Float64Array,
  power: 1 | 2,
): number {
  const referenceCount = sortedReference.length;
  const currentCount = sortedCurrent.length;
  let referenceIndex = 0;
  let currentIndex = 0;
  let sum = 0;
  let compensation = 0;
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
    // The functions are constant on [previous, value): add their gap (to the power) times the width.
    const gap = referenceIndex / referenceCount - currentIndex / currentCount;
    const term = (power === 1 ? Math.abs(gap) : gap ** 2) * (value * scale - previous);
    const total = sum + term;
    compensation += sum >= term ? sum - total + term : term - total + sum;
    sum = total;
    while (referenceIndex < referenceCount && sortedReference[referenceIndex]! <= value) referenceIndex++;
    while (currentIndex < currentCount && sortedCurrent[currentIndex]! <= value) currentIndex++;
    previous = value * scale;
  }
  return (sum + compensation) / scale;
}
