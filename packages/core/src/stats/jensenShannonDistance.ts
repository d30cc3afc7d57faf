import { assertShares } from './assertShares.js';
import { relativeEntropyTerm } from './relativeEntropy.js';

/**
 * The Jensen–Shannon distance (the square root of the Jensen–Shannon divergence, natural log), as
 * `scipy.spatial.distance.jensenshannon(reference, current)`: both vectors normalised to sum to 1,
 * m = (p + q)/2, distance = sqrt((Σ rel_entr(p, m) + Σ rel_entr(q, m)) / 2). Raw shares, no floors
 * (empty bins are fine). Symmetric, in [0, √ln 2], 0 for identical shares.
 *
 * Definition: https://en.wikipedia.org/wiki/Jensen%E2%80%93Shannon_divergence
 *
 * Cost: O(K).
 *
 * @throws Error when the lists differ in length, are empty, hold negative or non-finite values, or one sums to 0.
 * @example
 * jensenShannonDistance([1, 0], [0, 1]) // => 0.8325546111576977 (√ln 2)
 */
export function jensenShannonDistance(
  referenceShares: ArrayLike<number>,
  currentShares: ArrayLike<number>,
): number {
  assertShares('jensenShannonDistance', referenceShares, currentShares);
  let referenceTotal = 0;
  let currentTotal = 0;
  for (let index = 0; index < referenceShares.length; index++) {
    referenceTotal += referenceShares[index]!;
    currentTotal += currentShares[index]!;
  }
  if (referenceTotal === 0 || currentTotal === 0) {
    throw new Error('jensenShannonDistance needs shares that sum to more than 0 in both samples');
  }
  let left = 0;
  let right = 0;
  for (let index = 0; index < referenceShares.length; index++) {
    const p = referenceShares[index]! / referenceTotal;
    const q = currentShares[index]! / currentTotal;
    const middle = (p + q) / 2;
    left += relativeEntropyTerm(p, middle);
    right += relativeEntropyTerm(q, middle);
  }
  return Math.sqrt((left + right) / 2);
}
