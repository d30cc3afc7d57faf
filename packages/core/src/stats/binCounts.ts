/**
 * Counts sorted values into the bins defined by ascending edges: `edges.length + 1` bins, the value v
 * going to bin = number of edges < v (`numpy.searchsorted(edges, v, side='left')`), so a value equal
 * to an edge belongs to the bin below it and the outer bins are open.
 *
 * Cost: O(n + bins), one walk over the sorted values.
 *
 * @param sortedValues - values sorted ascending, no NaN.
 * @param edges - distinct bin edges sorted ascending (see `quantileBinEdges`).
 * @returns counts per bin as a `Float64Array` of length `edges.length + 1`.
 * @example
 * binCounts(new Float64Array([1, 2, 2, 3, 9]), new Float64Array([2, 5])) // => Float64Array [3, 1, 1]
 */
export function binCounts(sortedValues: Float64Array, edges: Float64Array): Float64Array {
  const counts = new Float64Array(edges.length + 1);
  let bin = 0;
  for (let index = 0; index < sortedValues.length; index++) {
    const value = sortedValues[index]!;
    while (bin < edges.length && edges[bin]! < value) bin++;
    counts[bin]!++;
  }
  return counts;
}
