import { histogramCounts } from './histogramCounts.js';
import { sturgesBinEdges } from './sturgesBinEdges.js';

/** Evidently bins a numeric column by value when its reference has at most this many distinct values. */
export const EVIDENTLY_DISTINCT_VALUES_LIMIT = 20;

/** The shares of both samples over Evidently's bins, aligned, before any empty-bin filling. */
export interface EvidentlyBinnedShares {
  readonly reference: Float64Array;
  readonly current: Float64Array;
  /** The Sturges edges when the values were binned by range; `undefined` when binned one bin per value. */
  readonly edges?: Float64Array;
}

/**
 * The bins Evidently 0.7.21 uses for `psi`, `kl_div` and `jensenshannon` on a numeric column
 * (`get_binned_data` in `evidently/legacy/calculations/stattests/utils.py`), before filling empty bins
 * (see `evidentlyFillEmptyShares`):
 * - the reference has more than 20 distinct values: equal-width bins over both samples together,
 *   `edges = numpy.histogram_bin_edges(concat(reference, current), bins='sturges')`
 *   (`sturgesBinEdges`), shares `numpy.histogram(sample, edges)[0] / len(sample)` (`histogramCounts`);
 * - otherwise one bin per distinct value seen in either sample, share = count / len(sample). Evidently
 *   orders these bins as a Python set does; here they are ascending (the order changes no share, only
 *   the last bit of a sum over them).
 *
 * Only the reference's distinct values decide the rule: a current sample with 1000 values next to a
 * reference with 20 gives 1000-odd bins, as in Evidently.
 *
 * Cost: O(n + m) to count distinct values (stops after 21 in the reference) and, per value, O(n + m);
 * by range O(bins · log(n + m)) after that count.
 *
 * @param sortedReference - reference values sorted ascending, finite, at least one.
 * @param sortedCurrent - current values sorted ascending, finite, at least one.
 * @param integers - whether Evidently would see integer (int64) data: see `sturgesBinEdges`.
 * @throws Error when a sample is empty, or when numpy would refuse the edges (see `sturgesBinEdges`).
 * @example
 * evidentlyBinnedShares(new Float64Array([1, 2, 2]), new Float64Array([2, 3]))
 * // => { reference: [1/3, 2/3, 0], current: [0, 0.5, 0.5] } (values 1, 2, 3)
 */
export function evidentlyBinnedShares(
  sortedReference: Float64Array,
  sortedCurrent: Float64Array,
  integers = false,
): EvidentlyBinnedShares {
  const referenceLength = sortedReference.length;
  const currentLength = sortedCurrent.length;
  if (referenceLength === 0 || currentLength === 0) {
    throw new Error(
      `evidentlyBinnedShares needs values in both samples, got ${referenceLength} and ${currentLength}`,
    );
  }
  if (
    distinctSortedUpTo(sortedReference, EVIDENTLY_DISTINCT_VALUES_LIMIT) > EVIDENTLY_DISTINCT_VALUES_LIMIT
  ) {
    const edges = sturgesBinEdges(
      Math.min(sortedReference[0]!, sortedCurrent[0]!),
      Math.max(sortedReference[referenceLength - 1]!, sortedCurrent[currentLength - 1]!),
      referenceLength + currentLength,
      integers,
    );
    return {
      reference: divideBy(histogramCounts(sortedReference, edges), referenceLength),
      current: divideBy(histogramCounts(sortedCurrent, edges), currentLength),
      edges,
    };
  }
  const referenceCounts: number[] = [];
  const currentCounts: number[] = [];
  let i = 0;
  let j = 0;
  while (i < referenceLength || j < currentLength) {
    const value = Math.min(
      sortedReference[i] ?? Number.POSITIVE_INFINITY,
      sortedCurrent[j] ?? Number.POSITIVE_INFINITY,
    );
    const referenceStart = i;
    const currentStart = j;
    while (i < referenceLength && sortedReference[i] === value) i += 1;
    while (j < currentLength && sortedCurrent[j] === value) j += 1;
    referenceCounts.push(i - referenceStart);
    currentCounts.push(j - currentStart);
  }
  return {
    reference: divideBy(Float64Array.from(referenceCounts), referenceLength),
    current: divideBy(Float64Array.from(currentCounts), currentLength),
  };
}

/** The number of distinct values of a sorted sample, counted up to `limit + 1`. */
function distinctSortedUpTo(sorted: Float64Array, limit: number): number {
  let distinct = 0;
  for (let index = 0; index < sorted.length && distinct <= limit; index++) {
    if (index === 0 || sorted[index] !== sorted[index - 1]) distinct += 1;
  }
  return distinct;
}

function divideBy(counts: Float64Array, total: number): Float64Array {
  for (let index = 0; index < counts.length; index++) counts[index] = counts[index]! / total;
  return counts;
}
