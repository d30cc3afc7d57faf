import { assertShares } from './assertShares.js';
import { floorEmptyShares } from './floorEmptyShares.js';

/**
 * The population stability index between two binned distributions:
 * PSI = Σ (current − reference) · ln(current / reference), after replacing empty-bin (zero) shares by
 * 1e-4 (`floorEmptyShares`), with no renormalisation. Each term is ≥ 0, so PSI ≥ 0, and 0 for identical shares.
 * Usual reading: < 0.1 stable, < 0.2 moderate shift, otherwise significant.
 *
 * Definition: https://www.listendata.com/2015/05/population-stability-index.html
 *
 * Cost: O(K) for K bins.
 *
 * @param referenceShares - share of the reference in each bin (they sum to 1).
 * @param currentShares - share of the current sample in each bin.
 * @throws Error when the lists differ in length, are empty, or hold negative or non-finite values.
 * @example
 * populationStabilityIndex([0.5, 0.5], [0.25, 0.75]) // => 0.2746530721670274
 */
export function populationStabilityIndex(
  referenceShares: ArrayLike<number>,
  currentShares: ArrayLike<number>,
): number {
  assertShares('populationStabilityIndex', referenceShares, currentShares);
  const reference = floorEmptyShares(referenceShares);
  const current = floorEmptyShares(currentShares);
  let psi = 0;
  for (let index = 0; index < reference.length; index++) {
    psi += (current[index]! - reference[index]!) * Math.log(current[index]! / reference[index]!);
  }
  return psi;
}
