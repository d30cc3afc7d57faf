import { kolmogorovDurbinMatrixCdf } from './kolmogorovDurbinMatrixCdf.js';
import { kolmogorovPelzGoodCdf } from './kolmogorovPelzGoodCdf.js';
import { kolmogorovPomeranzCdf } from './kolmogorovPomeranzCdf.js';
import { smirnovSurvival } from './smirnovSurvival.js';

const LOG_2PI = Math.log(2 * Math.PI);
const STIRLING_COEFFICIENTS = [
  -0.029550653594771242, 0.00641025641025641, -0.0019175269175269176, 0.0008417508417508417,
  -0.0005952380952380953, 0.0007936507936507937, -0.002777777777777778, 0.08333333333333333,
];

/**
 * Pr(D_n ≥ x): the survival function of the two-sided one-sample Kolmogorov–Smirnov statistic,
 * `scipy.stats.kstwo.sf(x, n)`. `ksTwoSample` uses it with n = round(n₁n₂/(n₁+n₂)) for its asymptotic mode.
 *
 * A TypeScript translation of scipy 1.17's `_kolmogn(n, x, cdf=False)` (scipy/stats/_ksstats.py,
 * BSD-3-Clause, Copyright (c) 2001-2002 Enthought, Inc. 2003, SciPy Developers), which follows
 * Simard and L'Ecuyer, "Computing the Two-Sided Kolmogorov-Smirnov Distribution", J. Stat. Software 39
 * (2011) in choosing, by n and n·x², between the Ruben–Gambino closed forms, twice the one-sided Smirnov
 * tail (`smirnovSurvival`), Durbin's matrix (`kolmogorovDurbinMatrixCdf`), Pomeranz's recursion
 * (`kolmogorovPomeranzCdf`) and the Pelz–Good series (`kolmogorovPelzGoodCdf`); the same thresholds are used.
 *
 * Cost: at most O(n) for the Smirnov sum, O((nx)³ log n) for Durbin's matrix (only when n·x^1.5 ≤ 1.4).
 *
 * @param x - the statistic.
 * @param n - the sample size, a positive integer.
 * @returns the probability in [0, 1].
 * @throws Error when n is not a positive integer or x is NaN.
 * @example
 * kolmogorovSurvival(0.1, 1000) // => 3.703687096817698e-9 (scipy.stats.kstwo.sf(0.1, 1000) = 3.703687096817711e-09)
 * kolmogorovSurvival(0.02, 1000) // => 0.8108971656895577 (scipy: the same)
 */
export function kolmogorovSurvival(x: number, n: number): number {
  if (!Number.isInteger(n) || n <= 0) {
    throw new Error(`kolmogorovSurvival needs a positive integer sample size, got ${n}`);
  }
  if (Number.isNaN(x))
    throw new Error('kolmogorovSurvival got NaN for the statistic: pass a number in [0, 1]');
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 1) {
    if (t <= 0.5) return 1;
    let probability: number;
    if (n <= 140) {
      probability = 1;
      for (let i = 1; i <= n; i++) probability *= i * (1 / n) * (2 * t - 1);
    } else {
      probability = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
    }
    return clip(1 - probability);
  }
  if (t >= n - 1) return clip(2 * (1 - x) ** n);
  if (x >= 0.5) return clip(2 * smirnovSurvival(n, x));
  const nxSquared = t * x;
  if (n <= 140) {
    if (nxSquared <= 0.754693) return clip(1 - kolmogorovDurbinMatrixCdf(n, x));
    if (nxSquared <= 4) return clip(1 - kolmogorovPomeranzCdf(n, x));
    return clip(2 * smirnovSurvival(n, x));
  }
  if (nxSquared >= 370) return 0;
  if (nxSquared >= 2.2) return clip(2 * smirnovSurvival(n, x));
  const cdf =
    n <= 100000 && n * x ** 1.5 <= 1.4 ? kolmogorovDurbinMatrixCdf(n, x) : kolmogorovPelzGoodCdf(n, x);
  return clip(1 - cdf);
}

/** log(n! / nⁿ) by Stirling's series (scipy's `_log_nfactorial_div_n_pow_n`). */
function logFactorialOverPower(n: number): number {
  const reciprocal = 1 / n;
  let polynomial = 0;
  const argument = reciprocal / n;
  for (const coefficient of STIRLING_COEFFICIENTS) polynomial = polynomial * argument + coefficient;
  return Math.log(n) / 2 - n + LOG_2PI / 2 + reciprocal * polynomial;
}

function clip(probability: number): number {
  return Math.min(Math.max(probability, 0), 1);
}
