import { assertShares } from './assertShares.js';

/**
 * The Hellinger distance between two discrete distributions, sqrt(1 − Σ sqrt(ref · cur)) on the raw
 * shares (no floors, no renormalisation), clamped at 0 when rounding makes the sum exceed 1.
 * Symmetric, in [0, 1], 0 for identical shares.
 *
 * Definition: https://en.wikipedia.org/wiki/Hellinger_distance#Discrete_distributions
 *
 * Cost: O(K).
 *
 * @throws Error when the lists differ in length, are empty, or hold negative or non-finite values.
 * @example
 * hellingerDistance([0.5, 0.5], [0.25, 0.75]) // => 0.18459191128251476
 */
export function hellingerDistance(
  referenceShares: ArrayLike<number>,
  currentShares: ArrayLike<number>,
): number {
  assertShares('hellingerDistance', referenceShares, currentShares);
  let coefficient = 0;
  for (let index = 0; index < referenceShares.length; index++) {
    coefficient += Math.sqrt(referenceShares[index]! * currentShares[index]!);
  }
  return Math.sqrt(Math.max(0, 1 - coefficient));
}
