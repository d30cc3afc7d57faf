/**
 * Benjamini–Hochberg adjusted p-values (false discovery rate), exactly as
 * `scipy.stats.false_discovery_control(pValues, method='bh')`: sort ascending, multiply the i-th smallest
 * by m/i, take the running minimum from the largest down, cap at 1, and return in the input order.
 * Fewer than two p-values are returned unchanged, as scipy does.
 *
 * Definition: https://en.wikipedia.org/wiki/False_discovery_rate#Benjamini%E2%80%93Hochberg_procedure
 *
 * Cost: O(m log m).
 *
 * @param pValues - the p-values of the m tests, each in [0, 1].
 * @returns the adjusted p-values, in the same order.
 * @throws Error when a p-value is outside [0, 1] or NaN.
 * @example
 * benjaminiHochberg([0.5, 0.6, 0.1, 0.001]) // => [0.6, 0.6, 0.2, 0.004]
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  for (const pValue of pValues) {
    if (!(pValue >= 0 && pValue <= 1)) {
      throw new Error(`benjaminiHochberg needs p-values in [0, 1], got ${pValue}`);
    }
  }
  const count = pValues.length;
  if (count <= 1) return [...pValues];
  const order = pValues.map((_, index) => index).sort((left, right) => pValues[left]! - pValues[right]!);
  const adjusted = order.map((index, rank) => pValues[index]! * (count / (rank + 1)));
  for (let rank = count - 2; rank >= 0; rank--) {
    adjusted[rank] = Math.min(adjusted[rank]!, adjusted[rank + 1]!);
  }
  const result = new Array<number>(count);
  order.forEach((index, rank) => {
    result[index] = Math.min(1, Math.max(0, adjusted[rank]!));
  });
  return result;
}
