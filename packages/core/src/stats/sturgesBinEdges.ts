/**
 * The bin edges of `numpy.histogram_bin_edges(a, bins='sturges')` for a sample with the given minimum,
 * maximum and size, computed with numpy's operations in numpy's order:
 * - outer edges: first = min, last = max; when they are equal, first − 0.5 and last + 0.5;
 * - Sturges' width: (max − min) / (log2(size) + 1); for an integer array (`integers`) a width below 1
 *   becomes 1; bins = ceil((last − first) / width), or 1 when the width is 0 (a constant sample);
 * - edges = `numpy.linspace(first, last, bins + 1)`: edge i = i · ((last − first) / bins) + first, the
 *   last edge set to `last` exactly.
 *
 * numpy refuses (`ValueError`) when the range is not finite (max − min overflows) or when two edges
 * coincide ("Too many bins for data range", e.g. 1e17 and 1e17 + 16 split in 5 bins); so does this
 * function, with the reason {@link sturgesBinEdgesRefusal} gives.
 *
 * Definition: https://numpy.org/doc/stable/reference/generated/numpy.histogram_bin_edges.html
 * (`_get_outer_edges`, `_hist_bin_sturges`, `_get_bin_edges` in `numpy/lib/_histograms_impl.py`).
 *
 * Cost: O(bins), bins ≈ log2(size) + 1.
 *
 * @param minimum - the smallest value of the sample (finite).
 * @param maximum - the largest value (finite, ≥ minimum).
 * @param size - the number of values (≥ 1), duplicates counted.
 * @param integers - whether numpy would see an integer array (int64 data): then a width below 1 is 1.
 * @throws Error when numpy would refuse, or when size < 1 or minimum > maximum.
 * @example
 * sturgesBinEdges(0, 9, 10) // => Float64Array [0, 1.8, 3.6, 5.4, 7.2, 9]
 */
export function sturgesBinEdges(
  minimum: number,
  maximum: number,
  size: number,
  integers = false,
): Float64Array {
  const result = computeEdges(minimum, maximum, size, integers);
  if (typeof result === 'string') throw new Error(`sturgesBinEdges: ${result}`);
  return result;
}

/**
 * Why numpy would refuse to compute the Sturges bin edges of such a sample (see
 * {@link sturgesBinEdges}), or `undefined` when it would not.
 *
 * Cost: O(bins).
 *
 * @example
 * sturgesBinEdgesRefusal(-1e308, 1e308, 100) // => 'the values span more than the largest double (…)'
 */
export function sturgesBinEdgesRefusal(
  minimum: number,
  maximum: number,
  size: number,
  integers = false,
): string | undefined {
  const result = computeEdges(minimum, maximum, size, integers);
  return typeof result === 'string' ? result : undefined;
}

function computeEdges(
  minimum: number,
  maximum: number,
  size: number,
  integers: boolean,
): Float64Array | string {
  if (!(size >= 1) || !Number.isFinite(minimum) || !Number.isFinite(maximum) || minimum > maximum) {
    throw new Error(
      `sturgesBinEdges needs at least one value and finite minimum ≤ maximum, got ${size} values in [${minimum}, ${maximum}]`,
    );
  }
  let first = minimum;
  let last = maximum;
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  let width = (maximum - minimum) / (Math.log2(size) + 1);
  const delta = last - first;
  if (!Number.isFinite(delta)) {
    return `the values span more than the largest double (${minimum} to ${maximum}), so numpy cannot bin them`;
  }
  let bins = 1;
  if (width !== 0) {
    if (integers && width < 1) width = 1;
    bins = Math.ceil(delta / width);
  }
  const edges = new Float64Array(bins + 1);
  const step = delta / bins;
  for (let index = 0; index < bins; index++) {
    // numpy.linspace: y = arange(0, num) · step, then y += start; a zero step (denormal range) divides instead.
    edges[index] = step === 0 ? (index / bins) * delta + first : index * step + first;
  }
  edges[bins] = last;
  for (let index = 0; index < bins; index++) {
    if (!(edges[index]! < edges[index + 1]!)) {
      return `the values (${minimum} to ${maximum}) lie too close together for ${bins} distinct bin edges, so numpy cannot bin them`;
    }
  }
  return edges;
}
