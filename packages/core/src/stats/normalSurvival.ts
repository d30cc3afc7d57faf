import { regularizedUpperGamma } from './regularizedUpperGamma.js';

/**
 * The standard normal survival function P(Z ≥ z), `scipy.stats.norm.sf(z)`, accurate in relative terms
 * deep into the tail: for z > 0 it is erfc(z/√2)/2 = Q(1/2, z²/2)/2 (`regularizedUpperGamma`), never
 * 1 − cdf; for z < 0 it is 1 − P(Z ≥ −z).
 *
 * Definition: https://en.wikipedia.org/wiki/Normal_distribution#Cumulative_distribution_function
 *
 * Cost: O(1) amortised (a continued fraction of a few dozen terms at most).
 *
 * @throws Error when z is NaN.
 * @example
 * normalSurvival(1.959963984540054) // => 0.025000000000000036 (scipy: 0.025)
 * normalSurvival(30) // => 4.906713927148133e-198 (scipy: 4.906713927147908e-198)
 */
export function normalSurvival(z: number): number {
  if (Number.isNaN(z)) throw new Error('normalSurvival got NaN: pass a number');
  if (z === 0) return 0.5;
  if (z > 0) return 0.5 * regularizedUpperGamma(0.5, (z * z) / 2);
  return 1 - 0.5 * regularizedUpperGamma(0.5, (z * z) / 2);
}
