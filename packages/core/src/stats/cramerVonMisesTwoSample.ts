import { assertSortedSample } from './assertSortedSample.js';
import { logGamma } from './logGamma.js';
import { pooledTies } from './pooledTies.js';

/** scipy's rule: the exact distribution while both samples have at most this many values. */
export const CRAMER_VON_MISES_EXACT_MAX_SIZE = 20;

/** The result of `cramerVonMisesTwoSample`. */
export interface CramerVonMisesTwoSampleResult {
  /** T = U / (n₁n₂N) − (4n₁n₂ − 1) / (6N), U from the mid-ranks (Anderson 1962, eq. 9). */
  statistic: number;
  pValue: number;
  mode: 'exact' | 'asymptotic';
}

/**
 * The two-sample Cramér–von Mises test, as `scipy.stats.cramervonmises_2samp(reference, current)`
 * with `method='auto'` (Evidently's `cramer_von_mises` carries its own copy of the same computation).
 *
 * - **exact** when both samples have at most 20 values: the share of the C(n₁+n₂, n₁) arrangements
 *   whose U reaches the observed one, counted by the frequency-table recursion of Xiao, Gordon and
 *   Yakovlev (J. Stat. Soft. 17(8), 2006) over the lattice path of the merged sample;
 * - **asymptotic** otherwise: T normalised with its null mean and variance (Anderson 1962, eqs. 11,
 *   14, 15) and compared with the limiting distribution of the one-sample statistic (Csörgő and
 *   Faraway 1996, eq. 1.2, series cut where a term falls below 1e-7, as scipy does); p = 1 when the
 *   normalised statistic is below 0.003, and p = max(0, 1 − F(t)), so p-values below about 1e-15 are
 *   rounding residue (in scipy too).
 *
 * Definition: https://docs.scipy.org/doc/scipy/reference/generated/scipy.stats.cramervonmises_2samp.html
 *
 * Cost: O(n₁ + n₂) asymptotic; the exact mode is O(n₁n₂ · T), T the number of distinct partial sums
 * below the observed statistic at a lattice point (up to tens of thousands when n₁ ≠ n₂): at most
 * about 0.15 s (20 × 19 values, the two samples fully apart), tens of milliseconds otherwise.
 *
 * @param sortedReference - at least 2 values, sorted ascending, no NaN.
 * @param sortedCurrent - at least 2 values, sorted ascending, no NaN.
 * @throws Error when a sample has fewer than 2 values (scipy's limit).
 * @example
 * cramerVonMisesTwoSample(new Float64Array([1, 2, 3]), new Float64Array([4, 5, 6]))
 * // => { statistic: 0.5277777777777778, pValue: 0.1, mode: 'exact' }
 */
export function cramerVonMisesTwoSample(
  sortedReference: Float64Array,
  sortedCurrent: Float64Array,
): CramerVonMisesTwoSampleResult {
  assertSortedSample('cramerVonMisesTwoSample', 'sortedReference', sortedReference);
  assertSortedSample('cramerVonMisesTwoSample', 'sortedCurrent', sortedCurrent);
  const nx = sortedReference.length;
  const ny = sortedCurrent.length;
  if (nx < 2 || ny < 2) {
    throw new Error(
      `cramerVonMisesTwoSample requires at least 2 values in each sample (got ${nx} and ${ny})`,
    );
  }
  const ties = pooledTies(sortedReference, sortedCurrent);
  // U = n₁ Σᵢ (rᵢ − i)² + n₂ Σⱼ (sⱼ − j)², ranks r of the sorted reference, s of the sorted current.
  let referenceSum = 0;
  let referenceCompensation = 0;
  let currentSum = 0;
  let currentCompensation = 0;
  let below = 0;
  let referenceIndex = 0;
  let currentIndex = 0;
  for (let value = 0; value < ties.distinctCount; value++) {
    const inReference = ties.firstCounts[value]!;
    const inCurrent = ties.secondCounts[value]!;
    const midrank = below + (inReference + inCurrent + 1) / 2;
    for (let copy = 0; copy < inReference; copy++) {
      referenceIndex++;
      const term = (midrank - referenceIndex) ** 2;
      const next = referenceSum + term;
      referenceCompensation += referenceSum >= term ? referenceSum - next + term : term - next + referenceSum;
      referenceSum = next;
    }
    for (let copy = 0; copy < inCurrent; copy++) {
      currentIndex++;
      const term = (midrank - currentIndex) ** 2;
      const next = currentSum + term;
      currentCompensation += currentSum >= term ? currentSum - next + term : term - next + currentSum;
      currentSum = next;
    }
    below += inReference + inCurrent;
  }
  const u = nx * (referenceSum + referenceCompensation) + ny * (currentSum + currentCompensation);
  const k = nx * ny;
  const total = nx + ny;
  const statistic = u / (k * total) - (4 * k - 1) / (6 * total);
  if (Math.max(nx, ny) <= CRAMER_VON_MISES_EXACT_MAX_SIZE) {
    return { statistic, pValue: exactPValue(u, nx, ny), mode: 'exact' };
  }
  const expected = (1 + 1 / total) / 6;
  const variance =
    ((total + 1) * (4 * k * total - 3 * (nx ** 2 + ny ** 2) - 2 * k)) / (45 * total ** 2 * 4 * k);
  const normalised = 1 / 6 + (statistic - expected) / Math.sqrt(45 * variance);
  const pValue = normalised < 0.003 ? 1 : Math.max(0, 1 - limitingCdf(normalised));
  return { statistic, pValue, mode: 'asymptotic' };
}

/**
 * The partial sums of one lattice point: its distinct values below ζ, ascending, with how many paths
 * reach each, and how many paths reach it with a sum of ζ or more (`reached`).
 */
interface PartialSums {
  readonly values: Float64Array;
  readonly counts: Float64Array;
  readonly size: number;
  readonly reached: number;
}

const NO_PATHS: PartialSums = {
  values: new Float64Array(0),
  counts: new Float64Array(0),
  size: 0,
  reached: 0,
};

/**
 * P(U ≥ u) over all arrangements of m + n values (Xiao, Gordon and Yakovlev 2006, Algorithm 1): the
 * frequency table of partial sums of (a·v − b·w)² along the lattice paths to (w, v), each table built
 * from its left and lower neighbours. Two things make it fast without changing a count:
 *
 * - a table is a pair of typed arrays sorted by value, so the two neighbours' tables (shifted by the
 *   same increment, which keeps their order) are merged in one linear pass, without hashing;
 * - the increments are squares, never negative, so a path whose partial sum has reached ζ ends at or
 *   above ζ: such paths are only counted (`reached`), not carried as values.
 *
 * Every value and count is an integer below 2⁵³ (C(40, 20) ≈ 1.4e11 paths), so the sums are exact and
 * the result is the same double as scipy's `_pval_cvm_2samp_exact`.
 */
function exactPValue(u: number, m: number, n: number): number {
  const lcm = (m * n) / greatestCommonDivisor(m, n);
  const a = lcm / m;
  const b = lcm / n;
  const mn = m * n;
  // ζ = lcm²(m + n)(6U − mn(4mn − 1)) // (6m²n²), floor division of doubles as numpy does it.
  const zeta = floorDivide(lcm ** 2 * (m + n) * (6 * u - mn * (4 * mn - 1)), 6 * mn ** 2);
  // rows[v]: the partial sums at (step − 1, v); before the first step, one path at v = 0 with sum 0.
  const start: PartialSums = { values: Float64Array.of(0), counts: Float64Array.of(1), size: 1, reached: 0 };
  let rows: PartialSums[] = [start];
  for (let v = 1; v <= m; v++) rows.push(NO_PATHS);
  for (let step = 0; step <= n; step++) {
    const next: PartialSums[] = [];
    let left = NO_PATHS;
    for (let v = 0; v <= m; v++) {
      left = addIncrement(left, rows[v]!, (a * v - b * step) ** 2, zeta);
      next.push(left);
    }
    rows = next;
  }
  return rows[m]!.reached / binomial(m + n, m);
}

/**
 * The table of a lattice point from its two neighbours' tables: merged (counts of equal values
 * added), each value increased by `increment`, and the values that reach `zeta` folded into `reached`.
 * O(size of both tables).
 */
function addIncrement(first: PartialSums, second: PartialSums, increment: number, zeta: number): PartialSums {
  const capacity = first.size + second.size;
  const values = new Float64Array(capacity);
  const counts = new Float64Array(capacity);
  let reached = first.reached + second.reached;
  let size = 0;
  let i = 0;
  let j = 0;
  while (i < first.size || j < second.size) {
    let value: number;
    let count: number;
    if (j >= second.size || (i < first.size && first.values[i]! < second.values[j]!)) {
      value = first.values[i]!;
      count = first.counts[i++]!;
    } else if (i >= first.size || second.values[j]! < first.values[i]!) {
      value = second.values[j]!;
      count = second.counts[j++]!;
    } else {
      value = first.values[i]!;
      count = first.counts[i++]! + second.counts[j++]!;
    }
    const shifted = value + increment;
    if (shifted >= zeta) {
      // Sorted: this value and every one after it have reached ζ.
      reached += count;
      while (i < first.size) reached += first.counts[i++]!;
      while (j < second.size) reached += second.counts[j++]!;
      break;
    }
    values[size] = shifted;
    counts[size++] = count;
  }
  return { values, counts, size, reached };
}

/** Python's float floor division a // b (b > 0): (a − fmod(a, b)) / b, rounded to the nearest integer below. */
function floorDivide(numerator: number, denominator: number): number {
  let remainder = numerator % denominator;
  let quotient = (numerator - remainder) / denominator;
  if (remainder !== 0 && denominator < 0 !== remainder < 0) {
    remainder += denominator;
    quotient -= 1;
  }
  let floored = Math.floor(quotient);
  if (quotient - floored > 0.5) floored += 1;
  return floored;
}

function greatestCommonDivisor(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** C(n, k) for the small n of the exact mode (≤ 40: exact in a double). */
function binomial(n: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return Math.round(result);
}

/**
 * The cdf of the limiting one-sample Cramér–von Mises statistic (Csörgő and Faraway 1996, eq. 1.2):
 * Σₖ Γ(k + ½) / (Γ(k + 1) π^{3/2} √x) · √(4k + 1) · e^{−q} K_{1/4}(q), q = (4k + 1)² / (16x), terms
 * added until one is below 1e-7 in size.
 */
function limitingCdf(x: number): number {
  let total = 0;
  for (let k = 0; ; k++) {
    const scale = Math.exp(logGamma(k + 0.5) - logGamma(k + 1)) / (Math.PI ** 1.5 * Math.sqrt(x));
    const y = 4 * k + 1;
    const q = (y * y) / (16 * x);
    const term = scale * Math.sqrt(y) * Math.exp(-2 * q) * scaledBesselKQuarter(q);
    total += term;
    if (!(Math.abs(term) >= 1e-7)) return total;
  }
}

/**
 * e^q · K_{1/4}(q) = ∫₀^∞ exp(−q(cosh t − 1)) cosh(t/4) dt, by the trapezoidal rule, whose error falls
 * exponentially with 1/step for this analytic, doubly exponentially decaying integrand (step 0.1/√q,
 * at most 0.1; the sum stops where the exponent passes −800).
 */
function scaledBesselKQuarter(q: number): number {
  const step = 0.1 / Math.max(1, Math.sqrt(q));
  let sum = 0.5;
  for (let index = 1; ; index++) {
    const t = index * step;
    const exponent = q * (Math.cosh(t) - 1);
    if (exponent > 800) break;
    sum += Math.exp(-exponent) * Math.cosh(t / 4);
  }
  return sum * step;
}
