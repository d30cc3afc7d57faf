/** The distinct values of two sorted samples taken together, with how often each sample holds each. */
export interface PooledTies {
  /** Number of distinct values in the pooled sample. */
  readonly distinctCount: number;
  /** Copies of the k-th smallest distinct value in the first sample. */
  readonly firstCounts: Float64Array;
  /** Copies of the k-th smallest distinct value in the second sample. */
  readonly secondCounts: Float64Array;
}

/**
 * Merges two sorted samples into their pooled distinct values and, for each, its multiplicity in each
 * sample: what rank-based tests (Mann–Whitney, Cramér–von Mises, Anderson–Darling) need to give tied
 * values their mid-rank. Values are compared with `===`.
 *
 * Cost: O(n₁ + n₂) time, two arrays of the pooled distinct count.
 *
 * @param sortedFirst - sorted ascending, no NaN.
 * @param sortedSecond - sorted ascending, no NaN.
 * @example
 * pooledTies(new Float64Array([1, 2, 2]), new Float64Array([2, 3]))
 * // => { distinctCount: 3, firstCounts: [1, 2, 0], secondCounts: [0, 1, 1] }
 */
export function pooledTies(sortedFirst: Float64Array, sortedSecond: Float64Array): PooledTies {
  const capacity = sortedFirst.length + sortedSecond.length;
  const firstCounts = new Float64Array(capacity);
  const secondCounts = new Float64Array(capacity);
  let i = 0;
  let j = 0;
  let distinct = 0;
  while (i < sortedFirst.length || j < sortedSecond.length) {
    const value =
      j >= sortedSecond.length || (i < sortedFirst.length && sortedFirst[i]! <= sortedSecond[j]!)
        ? sortedFirst[i]!
        : sortedSecond[j]!;
    let inFirst = 0;
    let inSecond = 0;
    while (i < sortedFirst.length && sortedFirst[i] === value) {
      inFirst++;
      i++;
    }
    while (j < sortedSecond.length && sortedSecond[j] === value) {
      inSecond++;
      j++;
    }
    firstCounts[distinct] = inFirst;
    secondCounts[distinct] = inSecond;
    distinct++;
  }
  return {
    distinctCount: distinct,
    firstCounts: firstCounts.subarray(0, distinct),
    secondCounts: secondCounts.subarray(0, distinct),
  };
}
