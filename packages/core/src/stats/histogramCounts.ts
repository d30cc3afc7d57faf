/**
 * `numpy.histogram(values, bins=edges)[0]` for sorted values and given ascending edges: bin i counts
 * the values in [edges[i], edges[i+1]), the last bin [edges[k−1], edges[k]] closed; values outside the
 * edges are not counted. numpy computes it, for edges given as an array, as differences of
 * `searchsorted(edges[:-1], side='left')` and `searchsorted(edges[-1], side='right')`
 * (`_search_sorted_inclusive`): a value exactly on an inner edge belongs to the bin above it.
 *
 * Definition: https://numpy.org/doc/stable/reference/generated/numpy.histogram.html
 *
 * Cost: O(bins · log n): one binary search per edge.
 *
 * @param sortedValues - values sorted ascending, no NaN.
 * @param edges - at least two edges, ascending.
 * @returns counts per bin, `edges.length − 1` of them.
 * @throws Error when there are fewer than two edges.
 * @example
 * histogramCounts(new Float64Array([0, 1, 1, 2, 3]), new Float64Array([0, 1, 2, 3])) // => Float64Array [1, 2, 2]
 */
export function histogramCounts(sortedValues: Float64Array, edges: Float64Array): Float64Array {
  if (edges.length < 2) {
    throw new Error(`histogramCounts needs at least two bin edges, got ${edges.length}`);
  }
  const bins = edges.length - 1;
  const counts = new Float64Array(bins);
  let below = countBelow(sortedValues, edges[0]!, false);
  for (let bin = 0; bin < bins; bin++) {
    const upTo = countBelow(sortedValues, edges[bin + 1]!, bin === bins - 1);
    counts[bin] = upTo - below;
    below = upTo;
  }
  return counts;
}

/** How many of the ascending values are < `bound`, or ≤ it when `inclusive`: a binary search. */
function countBelow(sortedValues: Float64Array, bound: number, inclusive: boolean): number {
  let low = 0;
  let high = sortedValues.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const value = sortedValues[middle]!;
    if (value < bound || (inclusive && value === bound)) low = middle + 1;
    else high = middle;
  }
  return low;
}
