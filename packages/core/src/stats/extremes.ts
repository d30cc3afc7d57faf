/**
 * The smallest and largest of `values` and of the bounds given (−0 as 0). Math.min and Math.max, which
 * V8 compiles without branches: twice as fast here as comparisons. Chain two calls for two samples.
 *
 * Cost: O(n).
 *
 * @param values - numbers, no NaN.
 * @returns [smallest, largest]; [Infinity, −Infinity] for no values and no bounds.
 * @example
 * extremes(new Float64Array([2, -0, 7]), ...extremes(new Float64Array([3]))) // => [0, 7]
 */
export function extremes(
  values: Float64Array,
  low = Number.POSITIVE_INFINITY,
  high = Number.NEGATIVE_INFINITY,
): [number, number] {
  for (let index = 0; index < values.length; index++) {
    const value = values[index]!;
    low = Math.min(low, value);
    high = Math.max(high, value);
  }
  return [low + 0, high + 0];
}
