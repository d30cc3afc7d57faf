/**
 * Counts sorted values into the bins defined by ascending edges: `edges.length + 1` bins, the value v
 * going to bin = `numpy.searchsorted(edges, v, side)`:
 * - `side = 'left'` (the default): the number of edges < v, so a value equal to an edge belongs to
 *   the bin below it;
 * - `side = 'right'`: the number of edges ≤ v, so it belongs to the bin above (numpy.histogram's rule).
 * The outer bins are open.
 *
 * The values are sorted, so the values in the bins up to k are a prefix of them, found by one binary
 * search per edge; a bin's count is the difference of two such prefixes.
 *
 * Cost: O(bins · log n).
 *
 * @param sortedValues - values sorted ascending, no NaN.
 * @param edges - bin edges sorted ascending (see `quantileBinEdges`).
 * @returns counts per bin as a `Float64Array` of length `edges.length + 1`.
 * @example
 * binCounts(new Float64Array([1, 2, 2, 3, 9]), new Float64Array([2, 5])) // => Float64Array [3, 1, 1]
 * binCounts(new Float64Array([1, 2, 2, 3, 9]), new Float64Array([2, 5]), 'right') // => Float64Array [1, 3, 1]
 */
export function binCounts(
  sortedValues: Float64Array,
  edges: Float64Array,
  side: 'left' | 'right' = 'left',
): Float64Array {
  const counts = new Float64Array(edges.length + 1);
  let below = 0;
  for (let bin = 0; bin < edges.length; bin++) {
    // Bins 0..bin hold the values ≤ the edge (side left) or < the edge (side right).
    const upTo = prefixLength(sortedValues, edges[bin]!, side === 'left');
    counts[bin] = upTo - below;
    below = upTo;
  }
  counts[edges.length] = sortedValues.length - below;
  return counts;
}

/** How many of the ascending values are < `bound`, or ≤ it when `inclusive`: a binary search. */
function prefixLength(sortedValues: Float64Array, bound: number, inclusive: boolean): number {
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
