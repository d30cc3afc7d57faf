import { logGamma } from './logGamma.js';

const LOG_GAMMA_HALF = 0.5723649429247001; // ln Γ(½) = ln √π
const CONTINUED_FRACTION_LIMIT = 100000;
const TINY = 1e-300;

/**
 * P(T > t) for Student's t distribution with `degreesOfFreedom` ν, as `scipy.stats.t.sf(t, ν)`.
 *
 * The tail beyond |t| is ½ · I_x(ν/2, ½) with x = ν / (ν + t²), the regularized incomplete beta
 * function, evaluated by its continued fraction (modified Lentz) on the side where it converges
 * (I_x(a, b) = 1 − I₁₋ₓ(b, a) otherwise). x, 1 − x and their logarithms are formed from t²/ν, never
 * as 1 − x, so the far tail keeps its relative precision; ln B(ν/2, ½) uses the difference of two
 * Stirling series once ν/2 ≥ 30, where ln Γ(ν/2) − ln Γ(ν/2 + ½) would lose digits to cancellation.
 *
 * Definition: https://en.wikipedia.org/wiki/Student%27s_t-distribution#Cumulative_distribution_function
 *
 * Cost: O(√ν) continued-fraction steps at worst (a few hundred at ν = 2,000,000), O(1) typically.
 *
 * @throws Error when t is NaN or ν is not a positive finite number.
 * @example
 * studentTSurvival(2, 10) // => 0.03669401738537003 (scipy: 0.03669401738537018)
 */
export function studentTSurvival(t: number, degreesOfFreedom: number): number {
  if (Number.isNaN(t))
    throw new Error('studentTSurvival got t = NaN: compute the statistic from finite values');
  if (!(degreesOfFreedom > 0) || !Number.isFinite(degreesOfFreedom)) {
    throw new Error(`studentTSurvival needs positive finite degrees of freedom, got ${degreesOfFreedom}`);
  }
  if (t === 0) return 0.5;
  const tail = 0.5 * upperTailBeta(t * t, degreesOfFreedom);
  return t > 0 ? tail : 1 - tail;
}

/** I_x(ν/2, ½) with x = ν / (ν + t²), from t² (the two-sided tail probability P(|T| > |t|)). */
function upperTailBeta(tSquared: number, degreesOfFreedom: number): number {
  if (tSquared === Number.POSITIVE_INFINITY) return 0;
  const a = degreesOfFreedom / 2;
  const b = 0.5;
  const ratio = tSquared / degreesOfFreedom; // x = 1 / (1 + ratio), 1 − x = ratio / (1 + ratio)
  const logX = Number.isFinite(ratio) ? -Math.log1p(ratio) : Math.log(degreesOfFreedom) - Math.log(tSquared);
  const logOneMinusX = -Math.log1p(degreesOfFreedom / tSquared);
  const logPrefactor = a * logX + b * logOneMinusX - logBeta(a, b);
  const x = Number.isFinite(ratio) ? 1 / (1 + ratio) : Math.exp(logX);
  const oneMinusX = Number.isFinite(ratio) ? ratio / (1 + ratio) : 1;
  if (x < (a + 1) / (a + b + 2)) {
    return (Math.exp(logPrefactor) * betaContinuedFraction(x, a, b)) / a;
  }
  return 1 - (Math.exp(logPrefactor) * betaContinuedFraction(oneMinusX, b, a)) / b;
}

/** ln B(a, ½) = ln Γ(a) + ln Γ(½) − ln Γ(a + ½). */
function logBeta(a: number, b: number): number {
  if (a < 30) return logGamma(a) + logGamma(b) - logGamma(a + b);
  // ln Γ(a) − ln Γ(a + b) from Stirling's series of both, the large terms combined analytically:
  // (a − ½) ln a − (a + b − ½) ln(a + b) + b = −b ln a − (a + b − ½) ln(1 + b/a) + b.
  const difference =
    -b * Math.log(a) -
    (a + b - 0.5) * Math.log1p(b / a) +
    b +
    stirlingCorrection(a) -
    stirlingCorrection(a + b);
  return (b === 0.5 ? LOG_GAMMA_HALF : logGamma(b)) + difference;
}

/** ln Γ(x) − [(x − ½) ln x − x + ½ ln 2π], Stirling's series to the x⁻¹¹ term (x ≥ 30: error < 1e-20). */
function stirlingCorrection(x: number): number {
  const inverse = 1 / x;
  const inverseSquared = inverse * inverse;
  return (
    inverse *
    (1 / 12 +
      inverseSquared *
        (-1 / 360 +
          inverseSquared *
            (1 / 1260 +
              inverseSquared * (-1 / 1680 + inverseSquared * (1 / 1188 + inverseSquared * (-691 / 360360))))))
  );
}

/** The continued fraction of I_x(a, b) (modified Lentz), to be multiplied by xᵃ(1−x)ᵇ / (a B(a, b)). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const sum = a + b;
  let c = 1;
  let d = 1 - (sum * x) / (a + 1);
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let fraction = d;
  for (let m = 1; m <= CONTINUED_FRACTION_LIMIT; m++) {
    const twoM = 2 * m;
    let term = (m * (b - m) * x) / ((a - 1 + twoM) * (a + twoM));
    d = 1 + term * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + term / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    fraction *= d * c;
    term = (-(a + m) * (sum + m) * x) / ((a + twoM) * (a + 1 + twoM));
    d = 1 + term * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + term / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const step = d * c;
    fraction *= step;
    if (Math.abs(step - 1) < 1e-16) return fraction;
  }
  throw new Error(
    `studentTSurvival: the incomplete beta continued fraction did not converge (a = ${a}, b = ${b})`,
  );
}
