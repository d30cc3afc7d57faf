import { hellingerDistance } from './hellingerDistance.js';
import { histogramCounts } from './histogramCounts.js';
import { sturgesBinEdges } from './sturgesBinEdges.js';

/**
 * Evidently 0.7.21's Hellinger distance for a numeric column (`_hellinger_distance` in
 * `evidently/legacy/calculations/stattests/hellinger_distance.py`), with its operations in its order:
 * - edges = `numpy.histogram_bin_edges(keys, bins='sturges')` where keys are the distinct values of
 *   both samples (each value once: the bin count follows the number of distinct values, not of rows);
 * - densities `numpy.histogram(sample, edges, density=True)`: count / width_i / len(sample);
 * - distance = sqrt(1 − Σ sqrt(ref_i · cur_i) · w), w = (last edge − first edge) / bins.
 *
 * Unlike `psi`, `kl_div` and `jensenshannon`, there is no one-bin-per-value rule below 21 distinct
 * values and no empty-bin filling. One departure: Evidently sums left to right in floating point, so
 * identical samples can score 1.05e-8 (1 − Σ = 2⁻⁵³) instead of 0 (its tests accept 0 ± 1e-5). Here
 * the bins' shares (density · w) go to {@link hellingerDistance}, which sums exactly, as
 * Σ (ref/2 + cur/2 − sqrt(ref · cur)) when both share lists add up to 1: identical samples score
 * exactly 0, and other scores differ from Evidently's by the rounding of its sum (about 1e-16 in
 * 1 − Σ, so 1e-12 relative for distances above 0.01).
 *
 * Definition: https://en.wikipedia.org/wiki/Hellinger_distance#Discrete_distributions
 *
 * Cost: O(n + m) to count the distinct values, then O(bins · log(n + m)).
 *
 * @param sortedReference - reference values sorted ascending, finite, at least one.
 * @param sortedCurrent - current values sorted ascending, finite, at least one.
 * @param integers - whether Evidently would see integer (int64) data: see `sturgesBinEdges`.
 * @param distinct - the number of distinct values of both samples, when the caller has it already
 *   (see {@link distinctValueCount}).
 * @throws Error when a sample is empty, or when numpy would refuse the edges (see `sturgesBinEdges`).
 * @example
 * hellingerHistogramDistance(new Float64Array([0, 1, 2, 3]), new Float64Array([2, 3, 4, 5]))
 * // => 0.7071067811865476 (Math.SQRT1_2; edges 0, 1.25, 2.5, 3.75, 5)
 */
export function hellingerHistogramDistance(
  sortedReference: Float64Array,
  sortedCurrent: Float64Array,
  integers = false,
  distinct?: number,
): number {
  const referenceLength = sortedReference.length;
  const currentLength = sortedCurrent.length;
  if (referenceLength === 0 || currentLength === 0) {
    throw new Error(
      `hellingerHistogramDistance needs values in both samples, got ${referenceLength} and ${currentLength}`,
    );
  }
  const edges = sturgesBinEdges(
    Math.min(sortedReference[0]!, sortedCurrent[0]!),
    Math.max(sortedReference[referenceLength - 1]!, sortedCurrent[currentLength - 1]!),
    distinct ?? distinctValueCount(sortedReference, sortedCurrent),
    integers,
  );
  const bins = edges.length - 1;
  const referenceCounts = histogramCounts(sortedReference, edges);
  const currentCounts = histogramCounts(sortedCurrent, edges);
  const binWidth = (edges[bins]! - edges[0]!) / bins;
  const referenceShares = new Float64Array(bins);
  const currentShares = new Float64Array(bins);
  let finite = true;
  for (let bin = 0; bin < bins; bin++) {
    const width = edges[bin + 1]! - edges[bin]!;
    referenceShares[bin] = (referenceCounts[bin]! / width / referenceLength) * binWidth;
    currentShares[bin] = (currentCounts[bin]! / width / currentLength) * binWidth;
    finite &&= Number.isFinite(referenceShares[bin]!) && Number.isFinite(currentShares[bin]!);
  }
  if (!finite) {
    // Widths below about 1e-292 overflow the densities: Evidently's own clipped sum then.
    let coefficient = 0;
    for (let bin = 0; bin < bins; bin++) {
      const width = edges[bin + 1]! - edges[bin]!;
      const referenceDensity = referenceCounts[bin]! / width / referenceLength;
      const currentDensity = currentCounts[bin]! / width / currentLength;
      coefficient += Math.sqrt(referenceDensity * currentDensity) * binWidth;
    }
    return Math.sqrt(1 - Math.min(Math.max(coefficient, 0), 1));
  }
  return Math.min(hellingerDistance(referenceShares, currentShares), 1);
}

/**
 * The number of distinct values of both sorted samples together: a merge, O(n + m).
 *
 * @example
 * distinctValueCount(new Float64Array([1, 1, 2]), new Float64Array([2, 5])) // => 3
 */
export function distinctValueCount(sortedReference: Float64Array, sortedCurrent: Float64Array): number {
  const referenceLength = sortedReference.length;
  const currentLength = sortedCurrent.length;
  let i = 0;
  let j = 0;
  let distinct = 0;
  // NaN equals nothing, so the first value counts; no NaN is in the samples.
  let last = Number.NaN;
  while (i < referenceLength && j < currentLength) {
    const fromReference = sortedReference[i]!;
    const fromCurrent = sortedCurrent[j]!;
    let value: number;
    if (fromReference <= fromCurrent) {
      value = fromReference;
      i += 1;
    } else {
      value = fromCurrent;
      j += 1;
    }
    if (value !== last) {
      distinct += 1;
      last = value;
    }
  }
  for (; i < referenceLength; i++) {
    if (sortedReference[i] !== last) {
      distinct += 1;
      last = sortedReference[i]!;
    }
  }
  for (; j < currentLength; j++) {
    if (sortedCurrent[j] !== last) {
      distinct += 1;
      last = sortedCurrent[j]!;
    }
  }
  return distinct;
}
