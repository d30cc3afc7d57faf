/**
 * The exact two-sided p-value of the two-sample Kolmogorov–Smirnov test: the share of the
 * lattice paths from (0, 0) to (n₁, n₂) that touch or cross the lines |x/n₁ − y/n₂| = h / lcm(n₁, n₂),
 * i.e. P(D ≥ h / lcm) under the null hypothesis, with no ties assumed.
 *
 * A TypeScript translation of scipy 1.17's `_compute_prob_outside_square` (equal sizes) and
 * `_compute_outer_prob_inside_method` (unequal sizes, Hodges' inside method with Viehmann's recursion
 * for 1 − p). scipy is BSD-3-Clause licensed, Copyright (c) 2001-2002 Enthought, Inc. 2003, SciPy
 * Developers. References: Hodges, "The Significance Probability of the Smirnov Two-Sample Test",
 * Arkiv för Matematik 3 (1958); Viehmann, arXiv:2102.08037.
 *
 * Cost: O(n) for equal sizes; O(max(n₁, n₂) · w) otherwise, where w ≤ min(n₁, n₂) + 1 is the width of
 * the band of paths inside the lines (about 2·D·min(n₁, n₂)).
 *
 * @param referenceCount - n₁ ≥ 1.
 * @param currentCount - n₂ ≥ 1.
 * @param gcd - gcd(n₁, n₂).
 * @param h - the statistic times lcm(n₁, n₂), an integer in 1…lcm.
 * @returns the probability; scipy treats a result outside [0, 1] or NaN as a failure and falls back to
 *   the asymptotic distribution, and so does `ksTwoSample`.
 * @example
 * ksExactProbability(3, 3, 3, 1) // => 1 (D = 1/3 with three values each)
 */
export function ksExactProbability(
  referenceCount: number,
  currentCount: number,
  gcd: number,
  h: number,
): number {
  if (referenceCount === currentCount) return probabilityOutsideSquare(referenceCount, h);
  return outerProbabilityInsideMethod(referenceCount, currentCount, gcd, h);
}

/** Pr(D_{n,n} ≥ h/n) as 2·A₀(1 − A₁(1 − A₂(…))), Horner-like to avoid cancellation (scipy's comment). */
function probabilityOutsideSquare(n: number, h: number): number {
  let probability = 0;
  let k = Math.floor(n / h);
  while (k >= 0) {
    let term = 1;
    for (let j = 0; j < h; j++) {
      term = ((n - k * h - j) * term) / (n + k * h + j + 1);
    }
    probability = term * (1 - probability);
    k--;
  }
  return 2 * probability;
}

function outerProbabilityInsideMethod(first: number, second: number, gcd: number, h: number): number {
  // Symmetric in the sizes; the recursion runs over the larger one.
  const m = Math.max(first, second);
  const n = Math.min(first, second);
  const mg = m / gcd;
  const ng = n / gcd;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let currentLength = maxj - minj;
  const columnLength = Math.min(2 * maxj + 2, n + 1);
  const column = new Float64Array(columnLength).fill(1);
  column.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastMinj = minj;
    const lastLength = currentLength;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let value = minj === 0 ? 0 : 1;
    const offset = minj - lastMinj;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      value = (column[jj + offset]! * i + value * j) / (i + j);
      column[jj] = value;
    }
    currentLength = maxj - minj;
    if (lastLength > currentLength) {
      column.fill(1, maxj - minj, maxj - minj + (lastLength - currentLength));
    }
  }
  return column[maxj - minj - 1]!;
}
