const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * ln Γ(x) for x > 0, by Stirling's series after shifting x above 15 with the recurrence
 * Γ(x) = Γ(x + k) / (x (x+1) … (x+k−1)). The series is cut after the x⁻¹³ term, whose size below
 * 1e-17 at x ≥ 15 keeps the result within a few ulps of the true value.
 *
 * Definition: https://en.wikipedia.org/wiki/Stirling%27s_approximation#Stirling's_formula_for_the_gamma_function
 *
 * Cost: O(1) (at most 15 recurrence steps and 7 series terms).
 *
 * @throws Error when x ≤ 0 or is not finite.
 * @example
 * logGamma(0.5) // => 0.5723649429247004 (ln √π = 0.5723649429247001)
 * logGamma(10) // => 12.80182748008147 (ln 9! = 12.801827480081469)
 */
export function logGamma(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) {
    throw new Error(`logGamma needs a finite positive argument, got ${x}`);
  }
  let shift = 0;
  let product = 1;
  while (x < 15) {
    product *= x;
    x += 1;
    shift++;
  }
  const inverse = 1 / x;
  const inverseSquared = inverse * inverse;
  const series =
    inverse *
    (1 / 12 +
      inverseSquared *
        (-1 / 360 +
          inverseSquared *
            (1 / 1260 +
              inverseSquared *
                (-1 / 1680 +
                  inverseSquared * (1 / 1188 + inverseSquared * (-691 / 360360 + inverseSquared / 156))))));
  const stirling = (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + series;
  return shift === 0 ? stirling : stirling - Math.log(product);
}
