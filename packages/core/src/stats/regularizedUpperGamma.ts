import { logGamma } from './logGamma.js';

const MAX_ITERATIONS = 100_000;
const TOLERANCE = 1e-16;
const TINY = 1e-300;

/**
 * Q(a, x) = Γ(a, x) / Γ(a), the regularized upper incomplete gamma function, accurate in relative
 * terms far into the upper tail (Q ≈ 1e-300), because the tail is computed directly and never as 1 − P:
 *
 * - x ≥ a + 1: the continued fraction for Γ(a, x) evaluated by the modified Lentz method;
 * - x < a + 1: 1 − P(a, x) with P from its power series (Q is then above about 0.3, so no precision is lost).
 *
 * The prefactor xᵃ e⁻ˣ / Γ(a) is formed in log space (`logGamma`), so it neither overflows nor underflows
 * before the end. The chi-square and normal survival functions are built on it.
 *
 * Definition: https://dlmf.nist.gov/8.2 ; algorithm: Numerical Recipes §6.2, with Lentz's method
 * (https://dlmf.nist.gov/3.10#iii).
 *
 * Cost: O(√a + 1) iterations for x near a, fewer elsewhere.
 *
 * @param a - shape, > 0.
 * @param x - ≥ 0.
 * @throws Error when a ≤ 0 or x < 0 or either is NaN.
 * @example
 * regularizedUpperGamma(1, 2) // => 0.1353352832366122 (e⁻² = 0.1353352832366127)
 */
export function regularizedUpperGamma(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) {
    throw new Error(`regularizedUpperGamma needs a > 0 and x ≥ 0, got a = ${a}, x = ${x}`);
  }
  if (x === 0) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  const logPrefactor = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    // P(a, x) = xᵃe⁻ˣ/Γ(a+1) · Σ xⁿ / ((a+1)…(a+n))
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < MAX_ITERATIONS; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * TOLERANCE) break;
    }
    return 1 - Math.exp(logPrefactor + Math.log(sum));
  }
  // Γ(a, x) = e⁻ˣxᵃ · 1/(x+1−a− 1·(1−a)/(x+3−a− 2·(2−a)/(x+5−a− …)))
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let fraction = d;
  for (let n = 1; n < MAX_ITERATIONS; n++) {
    const an = -n * (n - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    fraction *= delta;
    if (Math.abs(delta - 1) < TOLERANCE) break;
  }
  return Math.exp(logPrefactor + Math.log(fraction));
}
