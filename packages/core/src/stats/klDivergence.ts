import { assertShares } from './assertShares.js';
import { floorEmptyShares } from './floorEmptyShares.js';
import { relativeEntropy } from './relativeEntropy.js';

/**
 * The Kullback–Leibler divergence of the current distribution from the reference,
 * KL = Σ ref · ln(ref / cur), as `scipy.stats.entropy(reference, current)` computes it (natural log,
 * both vectors normalised to sum to 1 first), after replacing empty-bin (zero) shares by 1e-4
 * (`floorEmptyShares`) so that it stays finite. ≥ 0, and 0 for identical shares. Not symmetric.
 *
 * Definition: https://en.wikipedia.org/wiki/Kullback%E2%80%93Leibler_divergence
 *
 * Cost: O(K).
 *
 * @throws Error when the lists differ in length, are empty, or hold negative or non-finite values.
 * @example
 * klDivergence([0.5, 0.5], [0.25, 0.75]) // => 0.14384103622589042 (scipy: 0.14384103622589045)
 */
export function klDivergence(referenceShares: ArrayLike<number>, currentShares: ArrayLike<number>): number {
  assertShares('klDivergence', referenceShares, currentShares);
  return relativeEntropy(floorEmptyShares(referenceShares), floorEmptyShares(currentShares));
}
