import { assertShares } from './assertShares.js';
import { exactPartials, roundPartials } from './exactSum.js';

/**
 * The Hellinger distance between two discrete distributions, sqrt(1 − Σ sqrt(ref · cur)) on the raw
 * shares (no floors, no renormalisation), clamped at 0 when the sum exceeds 1.
 * Symmetric, in [0, 1], and exactly 0 for identical shares.
 *
 * The sum is exact (Shewchuk partials, as `math.fsum`), rounded once. Shares computed as count / n
 * rarely add up to exactly 1 once rounded (ten shares of 0.1 give 0.9999999999999999 left to right,
 * and with them a distance of 1.05e-8 between identical samples), so when both lists add up to 1
 * within their own rounding (K · 2^-53), the 1 is taken as what it stands for, (Σ ref + Σ cur) / 2:
 * the exact sum of ref/2 + cur/2 − sqrt(ref · cur), whose every term is exactly 0 for identical shares
 * (the square root of a rounded square is the value itself). This differs from 1 − Σ sqrt(ref · cur)
 * by the shares' own rounding, about 1e-16. Lists that do not sum to 1 (counts, say) use the formula
 * as written.
 *
 * Definition: https://en.wikipedia.org/wiki/Hellinger_distance#Discrete_distributions
 *
 * Cost: O(K · p), p the number of partials of the exact sums (a handful).
 *
 * @throws Error when the lists differ in length, are empty, or hold negative or non-finite values.
 * @example
 * hellingerDistance([0.5, 0.5], [0.25, 0.75]) // => 0.18459191128251462 (exact: 0.184591911282514525…)
 * hellingerDistance(Array(10).fill(0.1), Array(10).fill(0.1)) // => 0
 */
export function hellingerDistance(
  referenceShares: ArrayLike<number>,
  currentShares: ArrayLike<number>,
): number {
  assertShares('hellingerDistance', referenceShares, currentShares);
  const count = referenceShares.length;
  const tolerance = count * 2 ** -53;
  const normalised =
    Math.abs(exactTotal(referenceShares) - 1) <= tolerance &&
    Math.abs(exactTotal(currentShares) - 1) <= tolerance;
  const terms: number[] = normalised ? [] : [1];
  for (let index = 0; index < count; index++) {
    const reference = referenceShares[index]!;
    const current = currentShares[index]!;
    if (normalised) terms.push(reference / 2, current / 2);
    terms.push(-Math.sqrt(reference * current));
  }
  return Math.sqrt(Math.max(0, roundPartials(exactPartials(terms))));
}

function exactTotal(shares: ArrayLike<number>): number {
  return roundPartials(exactPartials(shares));
}
