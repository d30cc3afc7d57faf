/**
 * The sum of doubles in numpy's order (`numpy.sum` on a contiguous float64 array): below 8 values,
 * left to right; up to 128, eight running sums (value i goes to sum i mod 8) combined as
 * ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)), then the values past the last multiple of 8 added
 * one by one; above 128, the sums of two halves (the first half a multiple of 8 long) added.
 * Matching numpy's order makes a sum with cancellation (Σ of terms of both signs) equal numpy's to the
 * last bit, not only to 1e-16 relative.
 *
 * Definition: numpy `pairwise_sum` in `numpy/_core/src/umath/loops_utils.h.src`.
 *
 * Cost: O(n), recursion depth O(log n).
 *
 * @param values - the numbers to add.
 * @example
 * pairwiseSum([0.1, 0.2, 0.3]) // => 0.6000000000000001 (numpy.sum gives the same)
 */
export function pairwiseSum(values: ArrayLike<number>): number {
  return sumRange(values, 0, values.length);
}

function sumRange(values: ArrayLike<number>, start: number, count: number): number {
  if (count < 8) {
    let sum = -0;
    for (let index = start; index < start + count; index++) sum += values[index]!;
    return sum;
  }
  if (count <= 128) {
    let s0 = values[start]!;
    let s1 = values[start + 1]!;
    let s2 = values[start + 2]!;
    let s3 = values[start + 3]!;
    let s4 = values[start + 4]!;
    let s5 = values[start + 5]!;
    let s6 = values[start + 6]!;
    let s7 = values[start + 7]!;
    const blocksEnd = start + count - (count % 8);
    let index = start + 8;
    for (; index < blocksEnd; index += 8) {
      s0 += values[index]!;
      s1 += values[index + 1]!;
      s2 += values[index + 2]!;
      s3 += values[index + 3]!;
      s4 += values[index + 4]!;
      s5 += values[index + 5]!;
      s6 += values[index + 6]!;
      s7 += values[index + 7]!;
    }
    let sum = s0 + s1 + (s2 + s3) + (s4 + s5 + (s6 + s7));
    for (; index < start + count; index++) sum += values[index]!;
    return sum;
  }
  let half = Math.floor(count / 2);
  half -= half % 8;
  return sumRange(values, start, half) + sumRange(values, start + half, count - half);
}
