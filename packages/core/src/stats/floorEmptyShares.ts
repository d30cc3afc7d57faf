/** The share given to an empty bin by `populationStabilityIndex` and `klDivergence`. */
export const EMPTY_SHARE_FLOOR = 1e-4;

/**
 * Replaces each zero share by 1e-4 (an empty bin would make ln(cur/ref) infinite); other shares are
 * kept as they are and nothing is renormalised. This is the usual convention of drift tools
 * (Evidently's `psi` and `kl_div` do the same).
 *
 * Cost: O(K).
 *
 * @example
 * floorEmptyShares([0.5, 0, 0.5]) // => Float64Array [0.5, 0.0001, 0.5]
 */
export function floorEmptyShares(shares: ArrayLike<number>): Float64Array {
  const floored = new Float64Array(shares.length);
  for (let index = 0; index < shares.length; index++) {
    const share = shares[index]!;
    floored[index] = share === 0 ? EMPTY_SHARE_FLOOR : share;
  }
  return floored;
}
