/**
 * Evidently's replacement of empty-bin shares before `psi` and `kl_div` (`get_binned_data(…,
 * feel_zeroes=True)` in `evidently/legacy/calculations/stattests/utils.py`, 0.7.21): each zero share
 * becomes 1e-4, or the smallest non-zero share / 1e6 when that smallest share is ≤ 1e-4. Each sample's
 * shares are filled on their own; nothing is renormalised.
 *
 * Cost: O(K).
 *
 * @param shares - shares of one sample, at least one of them non-zero.
 * @returns a new array.
 * @throws Error when every share is 0.
 * @example
 * evidentlyFillEmptyShares([0.5, 0, 0.5]) // => Float64Array [0.5, 0.0001, 0.5]
 * evidentlyFillEmptyShares([0.99995, 0, 0.00005]) // => Float64Array [0.99995, 5e-11, 0.00005]
 */
export function evidentlyFillEmptyShares(shares: ArrayLike<number>): Float64Array {
  let smallest = Number.POSITIVE_INFINITY;
  for (let index = 0; index < shares.length; index++) {
    const share = shares[index]!;
    if (share !== 0 && share < smallest) smallest = share;
  }
  if (smallest === Number.POSITIVE_INFINITY) {
    throw new Error('evidentlyFillEmptyShares needs at least one non-zero share');
  }
  const fill = smallest <= 0.0001 ? smallest / 10 ** 6 : 0.0001;
  const filled = new Float64Array(shares.length);
  for (let index = 0; index < shares.length; index++) {
    const share = shares[index]!;
    filled[index] = share === 0 ? fill : share;
  }
  return filled;
}
