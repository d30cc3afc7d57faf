import { assertShares } from './assertShares.js';
import { floorEmptyShares } from './floorEmptyShares.js';
import { pairwiseSum } from './pairwiseSum.js';

/**
 * The population stability index between two binned distributions:
 * PSI = Σ (reference − current) · ln(reference / current), after replacing empty-bin (zero) shares by
 * 1e-4 (`floorEmptyShares`; shares Evidently already filled, see `evidentlyFillEmptyShares`, have no
 * zeros left), with no renormalisation. Each term is ≥ 0, so PSI ≥ 0, and 0 for identical shares.
 * The terms are written and summed as Evidently's `psi.py` does with numpy (`pairwiseSum`): the ratio
 * reference / current, not its inverse, so that a term of two close shares matches to the last bits.
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
 * populationStabilityIndex([0.5, 0.5], [0.25, 0.75]) // => 0.27465307216702745
 */
export function populationStabilityIndex(
  referenceShares: ArrayLike<number>,
  currentShares: ArrayLike<number>,
): number {
  assertShares('populationStabilityIndex', referenceShares, currentShares);
  const reference = floorEmptyShares(referenceShares);
  const current = floorEmptyShares(currentShares);
  const terms = new Float64Array(reference.length);
  for (let index = 0; index < reference.length; index++) {
    terms[index] = (reference[index]! - current[index]!) * Math.log(reference[index]! / current[index]!);
  }
  return pairwiseSum(terms);
}
