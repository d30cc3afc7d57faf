import { extremes } from './extremes.js';

/** The legacy PSI's number of equal-width bins. */
export const LEGACY_BIN_COUNT = 10;
const LEGACY_SHARE_OFFSET = 1e-6;

/**
 * The legacy tool's population stability index (`psi` in its report), reproduced exactly, bins
 * included: 10 equal-width bins over the minimum `lo` and maximum `hi` of both samples together,
 * `step = (hi − lo) / 10`, and each value v in bin `min(int((v − lo) / step), 9)`, computed in
 * double precision in exactly that order, as the script does. At a bin boundary this can differ from
 * comparing v with the edge `lo + k·step` (numpy.histogram's rule): with lo = −3.4869 and
 * hi = 3.0493, v = −0.2188 gives (v − lo) / step = 5 exactly, bin 5, although v < lo + 5·step.
 * Then each bin's share of its sample plus 1e-6 (no renormalisation), and
 * PSI = Σ (current − reference) · ln(current / reference), summed over the bins in order.
 * 0 when either sample is empty or all values are equal (the legacy rule).
 *
 * Where the script fails, this still answers: when hi − lo overflows (values near ±1.8e308, where
 * the script divides infinities) or step underflows to 0 (a few subnormals apart, where it divides by
 * zero), the same bins are computed on the values scaled by a power of two.
 *
 * Definition of PSI: https://www.listendata.com/2015/05/population-stability-index.html ;
 * the legacy rules: shared/docs/legacy-behaviour.md, section drift_detector.py.
 *
 * Cost: O(log n₁ + log n₂): 9 binary searches per sorted sample.
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
  const binning = legacyBinning(low, high);
  return legacyPsiFromBinCounts(
    legacyBinCounts(sortedReference, binning),
    legacyBinCounts(sortedCurrent, binning),
  );
}

/**
 * {@link legacyPsi} from samples in any order: the same number, to the last bit, with one pass over
 * each sample for its extremes and one to count its bins (each value v in bin
 * `min(⌊(v · scale − lo) / step⌋, 9)`, the predicate legacyPsi's binary searches test).
 *
 * Cost: O(n₁ + n₂).
 *
 * @param reference - reference sample, any order, no NaN.
 * @param current - current sample, any order, no NaN.
 * @param range - the smallest and largest value of both samples together, when the caller has them
 *   already (`extremes`): one pass over each sample sooner.
 * @example
 * legacyPsiUnsorted(new Float64Array([4, 2, 3, 1]), new Float64Array([6, 5, 4, 3])) // => 12.429220196836381
 */
export function legacyPsiUnsorted(
  reference: Float64Array,
  current: Float64Array,
  range?: readonly [number, number],
): number {
  if (reference.length === 0 || current.length === 0) return 0;
  const [low, high] = range ?? extremes(current, ...extremes(reference));
  if (!(high > low)) return 0;
  const binning = legacyBinning(low, high);
  return legacyPsiFromBinCounts(countLegacyBins(reference, binning), countLegacyBins(current, binning));
}

/** Counts per bin of a sample in any order, value by value. */
function countLegacyBins(values: Float64Array, { low, step, scale }: LegacyBinning): Float64Array {
  const counts = new Float64Array(LEGACY_BIN_COUNT);
  const last = LEGACY_BIN_COUNT - 1;
  for (let index = 0; index < values.length; index++) {
    const bin = Math.floor((values[index]! * scale - low) / step);
    counts[Math.min(bin, last)]!++;
  }
  return counts;
}

/**
 * {@link legacyPsi} from the counts per bin of both samples (10 each, every sample non-empty), as an
 * engine counts them with `least(floor((v · scale − low) / step), 9)` over {@link legacyBinning}'s
 * numbers: the same shares and the same sum, in the same order.
 *
 * @example legacyPsiFromBinCounts([1, 0, 1, 0, 1, 0, 1, 0, 0, 0], [0, 0, 0, 0, 1, 0, 1, 0, 1, 1]) // => 12.429220196836381
 */
export function legacyPsiFromBinCounts(
  referenceCounts: ArrayLike<number>,
  currentCounts: ArrayLike<number>,
): number {
  const referenceShares = toLegacyShares(referenceCounts);
  const currentShares = toLegacyShares(currentCounts);
  let psi = 0;
  for (let bin = 0; bin < LEGACY_BIN_COUNT; bin++) {
    const reference = referenceShares[bin]!;
    const current = currentShares[bin]!;
    psi += (current - reference) * Math.log(current / reference);
  }
  return psi;
}

/** lo, step and the factor (a power of two) every value is multiplied by before `(v − lo) / step`. */
export interface LegacyBinning {
  readonly low: number;
  readonly step: number;
  readonly scale: number;
}

/**
 * The legacy bins over [low, high] (low < high): value v is in bin min(⌊(v · scale − low) / step⌋, 9).
 * `scale` is 1 but where high − low overflows (½) or its tenth underflows to 0 (2^600).
 */
export function legacyBinning(low: number, high: number): LegacyBinning {
  let scale = 1;
  let step = (high - low) / LEGACY_BIN_COUNT;
  if (!Number.isFinite(step)) {
    // hi − lo overflowed: halve everything (|hi/2 − lo/2| ≤ 1.8e308). Values below 2^-1021 may lose
    // their last bit, far from any boundary of a range this wide.
    scale = 0.5;
  } else if (step === 0) {
    // hi − lo is under 5·2^-1074: both ends are below 2^-1019 (coarser doubles are further apart), so
    // scaling up by 2^600 is exact.
    scale = 2 ** 600;
  }
  if (scale !== 1) step = (high * scale - low * scale) / LEGACY_BIN_COUNT;
  return { low: low * scale, step, scale };
}

/**
 * Counts per bin, with the script's bins `min(int((v − lo) / step), 9)`.
 *
 * Why one binary search per boundary is exact: for a fixed lo and step > 0, v ↦ fl(v − lo) is
 * non-decreasing (exact subtraction of a constant is increasing, and rounding to nearest is
 * non-decreasing), x ↦ fl(x / step) is non-decreasing for step > 0 (same argument), so
 * q(v) = fl(fl(v − lo) / step) is non-decreasing in v. For an integer k ≥ 1, int(q) ≥ k exactly when
 * q ≥ k (int truncates toward zero: a negative q gives int(q) ≤ 0 < k), and for k ≤ 9 the clamp
 * min(·, 9) keeps int(q) ≥ k unchanged. So "bin(v) ≥ k" is the predicate q(v) ≥ k, true on a suffix
 * of the sorted values, and its first index is found by binary search; bin 9 takes everything from
 * the 9th boundary on, including the maximum (q = 10, or 10.000000000000002) that the clamp keeps.
 * No value lies below lo or above hi: both are the extremes of the two samples together, so q is
 * never negative (the script's truncation of negative quotients never comes into play).
 */
function legacyBinCounts(sortedValues: Float64Array, binning: LegacyBinning): Float64Array {
  const shares = new Float64Array(LEGACY_BIN_COUNT);
  const count = sortedValues.length;
  let below = 0;
  for (let bin = 1; bin < LEGACY_BIN_COUNT; bin++) {
    const from = firstAtLeast(sortedValues, binning, bin, below);
    shares[bin - 1] = from - below;
    below = from;
  }
  shares[LEGACY_BIN_COUNT - 1] = count - below;
  return shares;
}

/** Shares per bin plus 1e-6. */
function toLegacyShares(counts: ArrayLike<number>): Float64Array {
  let count = 0;
  for (let bin = 0; bin < LEGACY_BIN_COUNT; bin++) count += counts[bin]!;
  const shares = new Float64Array(LEGACY_BIN_COUNT);
  for (let bin = 0; bin < LEGACY_BIN_COUNT; bin++) shares[bin] = counts[bin]! / count + LEGACY_SHARE_OFFSET;
  return shares;
}

/** The first index at or after `start` whose value v has (v − lo) / step ≥ bin: a binary search. */
function firstAtLeast(
  sortedValues: Float64Array,
  binning: LegacyBinning,
  bin: number,
  start: number,
): number {
  const { low, step, scale } = binning;
  let lowIndex = start;
  let highIndex = sortedValues.length;
  while (lowIndex < highIndex) {
    const middle = (lowIndex + highIndex) >>> 1;
    if ((sortedValues[middle]! * scale - low) / step >= bin) highIndex = middle;
    else lowIndex = middle + 1;
  }
  return lowIndex;
}
