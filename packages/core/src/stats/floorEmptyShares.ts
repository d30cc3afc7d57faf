/** The share given to an empty bin by `populationStabilityIndex` and `klDivergence` when the shares still have zeros. */
export const EMPTY_SHARE_FLOOR = 1e-4;

/**
 * Replaces each zero share by 1e-4 (an empty bin would make ln(cur/ref) infinite); other shares are
 * kept as they are and nothing is renormalised. The `psi_deciles` method relies on it. Evidently's own
 * rule differs when a share is ≤ 1e-4 (see `evidentlyFillEmptyShares`), and the `psi` and `kl_div`
 * methods fill their shares with that rule first, so no zero is left for this one.
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
