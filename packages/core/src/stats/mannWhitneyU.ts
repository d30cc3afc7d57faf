import { assertSortedSample } from './assertSortedSample.js';
import { normalSurvival } from './normalSurvival.js';
import { pooledTies } from './pooledTies.js';

/** scipy's rule: the exact null distribution while one sample has at most this many values (and no ties). */
export const MANN_WHITNEY_EXACT_MAX_SIZE = 8;

/** The result of `mannWhitneyU`. */
export interface MannWhitneyUResult {
  /** U of the reference sample: its rank sum (mid-ranks for ties) minus n₁(n₁ + 1)/2. */
  statistic: number;
  /** Two-sided p-value. */
  pValue: number;
  /** Which null distribution gave the p-value. */
  mode: 'exact' | 'asymptotic';
}

/**
 * The Mann–Whitney U test, two-sided, as `scipy.stats.mannwhitneyu(reference, current)` with its
 * defaults (`alternative='two-sided'`, `use_continuity=True`, `method='auto'`).
 *
 * - **exact** when a sample has at most 8 values and no value is tied: p = 2 · P(U ≤ n₁n₂ − max(U₁, U₂)),
 *   the count of arrangements taken from the Gaussian binomial coefficient [n₁+n₂ choose m]_q (m the
 *   smaller size), built as ∏ᵢ (1 − q^(n+i)) / (1 − qⁱ) up to the needed degree; scipy counts the same
 *   numbers with another recursion.
 * - **asymptotic** otherwise: z = (max(U₁, U₂) − n₁n₂/2 − ½) / σ with the tie-corrected
 *   σ² = n₁n₂/12 · ((N + 1) − Σ(t³ − t) / (N(N − 1))), p = 2 · P(Z > z), capped at 1.
 *
 * Evidently's `mannw` calls the same scipy function with `alternative="less"`, which only sees the
 * current sample shifted to larger values; the drift detector uses this two-sided test instead.
 *
 * Definition: https://docs.scipy.org/doc/scipy/reference/generated/scipy.stats.mannwhitneyu.html
 *
 * Cost: O(n₁ + n₂) for the ranks; the exact mode adds O(m · m·n) with m ≤ 8 (about 60 ms for 8 values
 * against 1,000,000, when no value is tied).
 *
 * @param sortedReference - sorted ascending, no NaN.
 * @param sortedCurrent - sorted ascending, no NaN.
 * @throws Error when a sample is empty.
 * @example
 * mannWhitneyU(new Float64Array([1, 2, 3]), new Float64Array([4, 5, 6]))
 * // => { statistic: 0, pValue: 0.1, mode: 'exact' }
 */
export function mannWhitneyU(sortedReference: Float64Array, sortedCurrent: Float64Array): MannWhitneyUResult {
  assertSortedSample('mannWhitneyU', 'sortedReference', sortedReference);
  assertSortedSample('mannWhitneyU', 'sortedCurrent', sortedCurrent);
  const referenceCount = sortedReference.length;
  const currentCount = sortedCurrent.length;
  const total = referenceCount + currentCount;
  const ties = pooledTies(sortedReference, sortedCurrent);
  let rankSum = 0;
  let tieTerm = 0;
  let below = 0;
  for (let index = 0; index < ties.distinctCount; index++) {
    const inReference = ties.firstCounts[index]!;
    const copies = inReference + ties.secondCounts[index]!;
    rankSum += inReference * (below + (copies + 1) / 2);
    tieTerm += copies * copies * copies - copies;
    below += copies;
  }
  const statistic = rankSum - (referenceCount * (referenceCount + 1)) / 2;
  const product = referenceCount * currentCount;
  const larger = Math.max(statistic, product - statistic);
  const tied = ties.distinctCount < total;
  if (Math.min(referenceCount, currentCount) <= MANN_WHITNEY_EXACT_MAX_SIZE && !tied) {
    const pValue = 2 * exactLowerTail(referenceCount, currentCount, product - larger);
    return { statistic, pValue: Math.min(Math.max(pValue, 0), 1), mode: 'exact' };
  }
  const sigma = Math.sqrt(
    ((referenceCount * currentCount) / 12) * (total + 1 - tieTerm / (total * (total - 1))),
  );
  const numerator = larger - product / 2 - 0.5;
  // σ = 0 only when every value is the same one: then U = n₁n₂/2, z = −∞ and scipy's p is 2, capped to 1.
  const pValue = sigma === 0 ? 2 : 2 * normalSurvival(numerator / sigma);
  return { statistic, pValue: Math.min(Math.max(pValue, 0), 1), mode: 'asymptotic' };
}

/**
 * P(U ≤ k) under the null hypothesis for samples of sizes n₁ and n₂ without ties: the coefficients of
 * q⁰ … qᵏ of [n₁+n₂ choose m]_q summed and divided by C(n₁+n₂, m), m = min(n₁, n₂).
 */
function exactLowerTail(firstCount: number, secondCount: number, k: number): number {
  const smaller = Math.min(firstCount, secondCount);
  const larger = Math.max(firstCount, secondCount);
  const counts = new Float64Array(k + 1);
  counts[0] = 1;
  let combinations = 1;
  for (let part = 1; part <= smaller; part++) {
    // Divide by (1 − q^part): a running sum with stride `part`.
    for (let degree = part; degree <= k; degree++) counts[degree]! += counts[degree - part]!;
    // Multiply by (1 − q^(larger + part)).
    const shift = larger + part;
    for (let degree = k; degree >= shift; degree--) counts[degree]! -= counts[degree - shift]!;
    combinations = (combinations * (larger + part)) / part;
  }
  let probability = 0;
  for (let degree = 0; degree <= k; degree++) probability += counts[degree]! / combinations;
  return probability;
}
