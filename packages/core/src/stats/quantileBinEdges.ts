/** The deciles 0.1 … 0.9, written as literals like the Python call (0.1·3 is not 0.3 in doubles). */
const DECILES = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] as const;

/**
 * The interior bin edges of the binned drift methods: the reference's deciles,
 * `numpy.unique(numpy.quantile(reference, [0.1, 0.2, …, 0.9]))` with numpy's default `method='linear'`
 * (virtual index (n−1)·q, numpy's own two-sided interpolation formula), duplicates removed. So at most 9
 * edges and at most 10 bins; the outer bins are open (−∞, e₁] … (e_last, ∞), see `binCounts`.
 *
 * Definition: https://numpy.org/doc/stable/reference/generated/numpy.quantile.html (method 'linear', type 7).
 *
 * Cost: O(1) on sorted input (nine look-ups).
 *
 * @param sortedReference - reference sample sorted ascending, no NaN.
 * @returns the distinct edges, ascending.
 * @throws Error when the sample is empty.
 * @example
 * quantileBinEdges(new Float64Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]))
 * // => Float64Array [2, 3, 4, 5, 6, 7, 8, 9, 10]
 */
export function quantileBinEdges(sortedReference: Float64Array): Float64Array {
  const count = sortedReference.length;
  if (count === 0) {
    throw new Error('quantileBinEdges requires at least one reference value: drop empty samples first');
  }
  const edges: number[] = [];
  for (const quantile of DECILES) {
    const virtualIndex = (count - 1) * quantile;
    let edge: number;
    if (virtualIndex >= count - 1) {
      edge = sortedReference[count - 1]!;
    } else {
      const previousIndex = Math.floor(virtualIndex);
      const gamma = virtualIndex - previousIndex;
      const below = sortedReference[previousIndex]!;
      const above = sortedReference[previousIndex + 1]!;
      const difference = above - below;
      // numpy's _lerp: a + (b−a)·t, or b − (b−a)·(1−t) when t ≥ 0.5.
      edge = gamma >= 0.5 ? above - difference * (1 - gamma) : below + difference * gamma;
    }
    edges.push(edge + 0);
  }
  edges.sort((left, right) => left - right);
  const distinct = edges.filter((edge, index) => index === 0 || edge !== edges[index - 1]);
  return Float64Array.from(distinct);
}
