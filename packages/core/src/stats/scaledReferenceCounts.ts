/**
 * The counts the current sample would have per category if it followed the reference's shares:
 * each reference count times n_current / n_reference (the ratio computed first, as Evidently's
 * `chisquare` does with its `k_norm`). These are the expected frequencies of the goodness-of-fit
 * tests (`chiSquareGoodnessOfFit`, `gTestGoodnessOfFit`); they sum to `currentTotal` up to rounding.
 *
 * Definition: Evidently 0.7.21 `src/evidently/legacy/calculations/stattests/chisquare_stattest.py`
 * (f_exp = reference count × k_norm, k_norm = n_current / n_reference).
 *
 * Cost: O(K) for K categories.
 *
 * @param referenceCounts - counts per category in the reference (non-negative, not all 0).
 * @param currentTotal - the number of values in the current sample (positive).
 * @throws Error when a count is negative or not finite, the reference is empty, or `currentTotal` is not positive.
 * @example
 * scaledReferenceCounts([1, 2, 3], 16) // => Float64Array [2.6666666666666665, 5.333333333333333, 8]
 */
export function scaledReferenceCounts(
  referenceCounts: ArrayLike<number>,
  currentTotal: number,
): Float64Array {
  if (!(currentTotal > 0) || !Number.isFinite(currentTotal)) {
    throw new Error(`scaledReferenceCounts needs a positive current total, got ${currentTotal}`);
  }
  let referenceTotal = 0;
  for (let index = 0; index < referenceCounts.length; index++) {
    const count = referenceCounts[index]!;
    if (!(count >= 0) || !Number.isFinite(count)) {
      throw new Error(`scaledReferenceCounts needs finite non-negative counts, got ${count}`);
    }
    referenceTotal += count;
  }
  if (referenceTotal === 0) throw new Error('scaledReferenceCounts needs at least one reference count');
  const ratio = currentTotal / referenceTotal;
  return Float64Array.from(referenceCounts, (count) => count * ratio);
}
