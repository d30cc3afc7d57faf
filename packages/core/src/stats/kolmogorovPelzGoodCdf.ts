const PI_SQUARED = Math.PI ** 2;
const PI_FOUR = Math.PI ** 4;
const PI_SIX = Math.PI ** 6;
const SQRT_2PI = Math.sqrt(2 * Math.PI);
const SQRT3 = Math.sqrt(3);
const MIN_LOG = -708;

/**
 * Pr(D_n ≤ x) for the one-sample two-sided Kolmogorov statistic by the Pelz–Good asymptotic series
 * K₀(z) + K₁(z)/√n + K₂(z)/n + K₃(z)/n^1.5, z = x·√n, each term rewritten with Jacobi theta functions.
 *
 * A TypeScript translation of scipy 1.17's `_kolmogn_PelzGood` (scipy/stats/_ksstats.py, BSD-3-Clause,
 * Copyright (c) 2001-2002 Enthought, Inc. 2003, SciPy Developers). Reference: Pelz and Good,
 * "Approximating the Lower Tail-Areas of the Kolmogorov-Smirnov One-Sample Statistic", JRSS B 38 (1976).
 *
 * Cost: O(z) terms.
 *
 * @example
 * kolmogorovPelzGoodCdf(1000, 0.04) // => 0.9206604394099978 (scipy's _kolmogn_PelzGood: the same)
 */
export function kolmogorovPelzGoodCdf(n: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const z = Math.sqrt(n) * x;
  const zSquared = z ** 2;
  const zThree = z ** 3;
  const zFour = z ** 4;
  const zSix = z ** 6;
  const qLog = -PI_SQUARED / 8 / zSquared;
  if (qLog < MIN_LOG) return 0;
  let q = Math.exp(qLog);

  const k1a = -zSquared;
  const k1b = PI_SQUARED / 4;
  const k2a = 6 * zSix + 2 * zFour;
  const k2b = ((2 * zFour - 5 * zSquared) * PI_SQUARED) / 4;
  const k2c = (PI_FOUR * (1 - 2 * zSquared)) / 16;
  const k3d = (PI_SIX * (5 - 30 * zSquared)) / 64;
  const k3c = (PI_FOUR * (-60 * zSquared + 212 * zFour)) / 16;
  const k3b = (PI_SQUARED * (135 * zFour - 96 * zSix)) / 4;
  const k3a = -30 * zSix - 90 * z ** 8;

  const terms = [0, 0, 0, 0];
  const maxK = Math.ceil((16 * z) / Math.PI);
  for (let k = maxK; k > 0; k--) {
    const m = 2 * k - 1;
    const mSquared = m ** 2;
    const mFour = m ** 4;
    const mSix = m ** 6;
    const qPower = q ** (8 * k);
    const coefficients = [
      1,
      k1a + k1b * mSquared,
      k2a + k2b * mSquared + k2c * mFour,
      k3a + k3b * mSquared + k3c * mFour + k3d * mSix,
    ];
    for (let index = 0; index < 4; index++) {
      terms[index] = terms[index]! * qPower + coefficients[index]!;
    }
  }
  const divisors = [z, 6 * zFour, 72 * z ** 7, 6480 * z ** 10];
  for (let index = 0; index < 4; index++) {
    terms[index] = (terms[index]! * q * SQRT_2PI) / divisors[index]!;
  }

  q = Math.exp(-PI_SQUARED / 2 / zSquared);
  const sqrt3z = SQRT3 * z;
  let k2Extra = 0;
  let k3Extra = 0;
  for (let k = maxK; k > 0; k--) {
    const kSquared = k ** 2;
    const qPower = q ** kSquared;
    const kPi = Math.PI * k;
    k2Extra += kSquared * qPower;
    k3Extra += (sqrt3z + kPi) * (sqrt3z - kPi) * kSquared * qPower;
  }
  terms[2] = terms[2]! + (k2Extra * PI_SQUARED * SQRT_2PI) / (-36 * zThree);
  terms[3] = terms[3]! + (k3Extra * PI_SQUARED * SQRT_2PI) / (216 * zSix);
  let sum = 0;
  for (let index = 0; index < 4; index++) sum += terms[index]! / n ** (index / 2);
  return sum;
}
