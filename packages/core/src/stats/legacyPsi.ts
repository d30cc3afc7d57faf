import { binCounts } from './binCounts.js';

const LEGACY_BIN_COUNT = 10;
const LEGACY_SHARE_OFFSET = 1e-6;

/**
 * The legacy tool's population stability index (`psi` in its report), reproduced exactly:
 * 10 equal-width bins spanning the minimum and maximum of both samples together, bin edges
 * lo + i·(hi − lo)/10 as `numpy.histogram(values, bins=10, range=(lo, hi))` places them, every bin
 * closed on the left and the last one closed on both sides (a value equal to the maximum goes in the
 * last bin); each bin's share of its sample plus 1e-6 (no renormalisation);
 * PSI = Σ (current − reference) · ln(current / reference).
 * 0 when either sample is empty or all values are equal (the legacy rule).
 *
 * Definition of PSI: https://www.listendata.com/2015/05/population-stability-index.html ;
 * the legacy rules: shared/docs/legacy-behaviour.md, section drift_detector.py.
 *
 * Cost: O(log n₁ + log n₂): binary searches in the sorted samples.
 *
 * @param sortedReference - reference sample sorted ascending, no NaN.
 * @param sortedCurrent - current sample sorted ascending, no NaN.
 * @returns PSI ≥ 0 (unrounded; the report rounds it to 4 decimals).
 * @example
 * legacyPsi(new Float64Array([1, 2, 3, 4]), new Float64Array([3, 4, 5, 6])) // => 12.429220196836381
 */
export function legacyPsi(sortedReference: Float64Array, sortedCurrent: Float64Array): number {
  if (sortedReference.length === 0 || sortedCurrent.length === 0) return 0;
  const low = Math.min(sortedReference[0]!, sortedCurrent[0]!);
  const high = Math.max(
    sortedReference[sortedReference.length - 1]!,
    sortedCurrent[sortedCurrent.length - 1]!,
  );
  if (!(high > low)) return 0;
  // numpy.linspace(low, high, 11): i·step + low, step = (high − low)/10.
  const step = (high - low) / LEGACY_BIN_COUNT;
  const interiorEdges = new Float64Array(LEGACY_BIN_COUNT - 1);
  for (let index = 1; index < LEGACY_BIN_COUNT; index++) interiorEdges[index - 1] = index * step + low;
  const referenceShares = legacyShares(sortedReference, interiorEdges);
  const currentShares = legacyShares(sortedCurrent, interiorEdges);
  let psi = 0;
  for (let bin = 0; bin < LEGACY_BIN_COUNT; bin++) {
    const reference = referenceShares[bin]!;
    const current = currentShares[bin]!;
    psi += (current - reference) * Math.log(current / reference);
  }
  return psi;
}

/** Shares per bin plus 1e-6; bin = number of interior edges ≤ value (numpy.histogram's rule). */
function legacyShares(sortedValues: Float64Array, interiorEdges: Float64Array): Float64Array {
  const counts = binCounts(sortedValues, interiorEdges, 'right');
  return counts.map((count) => count / sortedValues.length + LEGACY_SHARE_OFFSET);
}
