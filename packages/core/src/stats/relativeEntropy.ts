import { pairwiseSum } from './pairwiseSum.js';

/**
 * Σ rel_entr(p, q) after normalising p and q to sum to 1: `scipy.stats.entropy(p, q)` (natural log).
 * rel_entr(a, b) is a·ln(a/b) for a, b > 0, 0 for a = 0, +∞ for a > 0 = b. The totals and the sum are
 * added in numpy's order (`pairwiseSum`), as scipy does.
 *
 * Cost: O(K).
 *
 * @example
 * relativeEntropy([1, 1], [1, 3]) // => 0.14384103622589042 (scipy: 0.14384103622589045)
 */
export function relativeEntropy(p: ArrayLike<number>, q: ArrayLike<number>): number {
  const pTotal = pairwiseSum(p);
  const qTotal = pairwiseSum(q);
  const terms = new Float64Array(p.length);
  for (let index = 0; index < p.length; index++) {
    terms[index] = relativeEntropyTerm(p[index]! / pTotal, q[index]! / qTotal);
  }
  return pairwiseSum(terms);
}

/** scipy.special.rel_entr(a, b). */
export function relativeEntropyTerm(a: number, b: number): number {
  if (a > 0 && b > 0) return a * Math.log(a / b);
  if (a === 0 && b >= 0) return 0;
  return Number.POSITIVE_INFINITY;
}
