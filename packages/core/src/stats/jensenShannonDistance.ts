import { assertShares } from './assertShares.js';
import { pairwiseSum } from './pairwiseSum.js';
import { relativeEntropyTerm } from './relativeEntropy.js';

/**
 * The Jensen–Shannon distance (the square root of the Jensen–Shannon divergence, natural log), as
 * `scipy.spatial.distance.jensenshannon(reference, current)`: both vectors normalised to sum to 1,
 * m = (p + q)/2, distance = sqrt((Σ rel_entr(p, m) + Σ rel_entr(q, m)) / 2). Raw shares, no floors
 * (empty bins are fine); sums in numpy's order (`pairwiseSum`). Symmetric, in [0, √ln 2], 0 for identical shares.
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
  const referenceTotal = pairwiseSum(referenceShares);
  const currentTotal = pairwiseSum(currentShares);
  if (referenceTotal === 0 || currentTotal === 0) {
    throw new Error('jensenShannonDistance needs shares that sum to more than 0 in both samples');
  }
  const left = new Float64Array(referenceShares.length);
  const right = new Float64Array(referenceShares.length);
  for (let index = 0; index < referenceShares.length; index++) {
    const p = referenceShares[index]! / referenceTotal;
    const q = currentShares[index]! / currentTotal;
    const middle = (p + q) / 2;
    left[index] = relativeEntropyTerm(p, middle);
    right[index] = relativeEntropyTerm(q, middle);
  }
  return Math.sqrt((pairwiseSum(left) + pairwiseSum(right)) / 2);
}
