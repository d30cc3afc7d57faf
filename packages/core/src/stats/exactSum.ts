/**
 * The exact sum of doubles, kept as a list of non-overlapping partials in increasing magnitude
 * (Shewchuk's algorithm, the one behind Python's `math.fsum`): every addition is split into its
 * rounded result and its exact rounding error, and no error is ever dropped.
 *
 * Reference: J. R. Shewchuk, "Adaptive Precision Floating-Point Arithmetic and Fast Robust Geometric
 * Predicates", Discrete & Computational Geometry 18 (1997).
 *
 * Cost: O(n · p), p the number of partials (a handful for real data, at most about 40).
 *
 * @param values - finite numbers (an intermediate overflow past ±1.8e308 is not handled).
 * @returns partials whose exact sum is the exact sum of `values`.
 * @example
 * exactPartials([1e16, 1, -1e16]) // => [1, 0] (the last partial is the rounded running sum)
 */
export function exactPartials(values: ArrayLike<number>): number[] {
  // Doubles span 2098 binary orders of magnitude, so at most about 40 non-overlapping partials exist.
  const partials = new Float64Array(64);
  let count = 0;
  for (let index = 0; index < values.length; index++) {
    let x = values[index]!;
    let kept = 0;
    for (let partial = 0; partial < count; partial++) {
      const y = partials[partial]!;
      const high = x + y;
      // Two-sum with the larger magnitude first: the rounding error of x + y, exactly.
      const low = Math.abs(x) < Math.abs(y) ? x - (high - y) : y - (high - x);
      if (low !== 0) partials[kept++] = low;
      x = high;
    }
    partials[kept] = x;
    count = kept + 1;
  }
  return Array.from(partials.subarray(0, count));
}

/**
 * The correctly rounded (to nearest, ties to even) value of the exact sum of partials produced by
 * `exactPartials`, as `math.fsum` rounds it. Its sign is the exact sum's sign.
 *
 * Cost: O(p).
 *
 * @example
 * roundPartials(exactPartials([0.1, 0.2, 0.3])) // => 0.6
 */
export function roundPartials(partials: readonly number[]): number {
  let count = partials.length;
  if (count === 0) return 0;
  let high = partials[--count]!;
  let low = 0;
  while (count > 0) {
    const x = high;
    const y = partials[--count]!;
    high = x + y;
    low = y - (high - x);
    if (low !== 0) break;
  }
  // Half-way cases: the remaining partials decide which way the rounding of high + low goes.
  if (count > 0 && ((low < 0 && partials[count - 1]! < 0) || (low > 0 && partials[count - 1]! > 0))) {
    const y = low * 2;
    const x = high + y;
    if (y === x - high) high = x;
  }
  return high;
}
