const SCALE_EXPONENT = 128;
const SCALE_UP = 2 ** SCALE_EXPONENT;
const SCALE_DOWN = 2 ** -SCALE_EXPONENT;

/**
 * Pr(D_n ≤ d) for the one-sample two-sided Kolmogorov statistic by Durbin's matrix algorithm in
 * Marsaglia, Tsang and Wang's formulation: the (k, k) entry of Hⁿ times n!/nⁿ, for an m×m matrix H
 * with m = 2k − 1, k = ⌈n·d⌉, with explicit exponent tracking against overflow.
 *
 * A TypeScript translation of scipy 1.17's `_kolmogn_DMTW` (scipy/stats/_ksstats.py, BSD-3-Clause,
 * Copyright (c) 2001-2002 Enthought, Inc. 2003, SciPy Developers). References: Durbin (1968);
 * Marsaglia, Tsang, Wang, "Evaluating Kolmogorov's Distribution", J. Stat. Software 8 (2003).
 *
 * Cost: O(m³ · log n) for the matrix power.
 *
 * @example
 * kolmogorovDurbinMatrixCdf(10, 0.274) // => 0.6284796154565043 (Pr(D₁₀ ≤ 0.274); scipy: the same)
 */
export function kolmogorovDurbinMatrixCdf(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let factorial = 1;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = factorial;
    factorial /= j;
    v[j - 1] = (1 - h ** j) * factorial;
  }
  const tail = Math.max(2 * h - 1, 0) ** m - 2 * h ** m;
  v[m - 1] = (1 + tail) * factorial;
  let matrix: Float64Array = new Float64Array(m * m);
  for (let i = 1; i < m; i++) {
    for (let row = i - 1; row < m; row++) {
      matrix[row * m + i] = w[row - (i - 1)]!;
    }
  }
  for (let row = 0; row < m; row++) matrix[row * m] = v[row]!;
  for (let column = 0; column < m; column++) matrix[(m - 1) * m + column] = v[m - 1 - column]!;

  let power: Float64Array = identity(m);
  let remaining = n;
  let exponent = 0;
  let matrixExponent = 0;
  while (remaining > 0) {
    if (remaining % 2) {
      power = multiply(power, matrix, m);
      exponent += matrixExponent;
    }
    matrix = multiply(matrix, matrix, m);
    matrixExponent *= 2;
    if (Math.abs(matrix[(k - 1) * m + (k - 1)]!) > SCALE_UP) {
      for (let index = 0; index < matrix.length; index++) matrix[index]! /= SCALE_UP;
      matrixExponent += SCALE_EXPONENT;
    }
    remaining = Math.floor(remaining / 2);
  }
  let probability = power[(k - 1) * m + (k - 1)]!;
  for (let i = 1; i <= n; i++) {
    probability = (i * probability) / n;
    if (Math.abs(probability) < SCALE_DOWN) {
      probability *= SCALE_UP;
      exponent -= SCALE_EXPONENT;
    }
  }
  if (exponent !== 0) probability *= 2 ** exponent;
  return Math.min(Math.max(probability, 0), 1);
}

function identity(size: number): Float64Array {
  const result = new Float64Array(size * size);
  for (let index = 0; index < size; index++) result[index * size + index] = 1;
  return result;
}

function multiply(left: Float64Array, right: Float64Array, size: number): Float64Array {
  const result = new Float64Array(size * size);
  for (let row = 0; row < size; row++) {
    for (let inner = 0; inner < size; inner++) {
      const factor = left[row * size + inner]!;
      if (factor === 0) continue;
      const rightOffset = inner * size;
      const resultOffset = row * size;
      for (let column = 0; column < size; column++) {
        result[resultOffset + column]! += factor * right[rightOffset + column]!;
      }
    }
  }
  return result;
}
