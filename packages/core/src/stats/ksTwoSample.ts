import { assertSortedSample } from './assertSortedSample.js';
import { kolmogorovSurvival } from './kolmogorovSurvival.js';
import { ksExactProbability } from './ksExactProbability.js';
import { type KsGaps, ksLargestGaps } from './ksLargestGaps.js';

/** scipy's `MAX_AUTO_N`: the exact distribution is used while both samples have at most this many values. */
export const KS_EXACT_MAX_SIZE = 10000;

/** The result of `ksTwoSample`. */
export interface KsTwoSampleResult {
  /** D, the largest gap between the two empirical distribution functions. */
  statistic: number;
  /** Two-sided p-value. */
  pValue: number;
  /** Which null distribution gave the p-value. */
  mode: 'exact' | 'asymp';
}

/**
 * The two-sample Kolmogorov–Smirnov test, two-sided, exactly as `scipy.stats.ks_2samp(reference, current)`
 * with its defaults (`alternative='two-sided'`, `method='auto'`).
 *
 * - **exact** when max(n₁, n₂) ≤ 10000: the statistic is rounded to h / lcm(n₁, n₂) and p = P(D ≥ h/lcm)
 *   is counted over lattice paths (`ksExactProbability`, ported from scipy); should that computation
 *   give a value outside [0, 1] (scipy's failure test), the asymptotic mode is used instead, as scipy does.
 * - **asymp** otherwise: p = `kstwo.sf(D, round(n₁n₂/(n₁+n₂)))` (`kolmogorovSurvival`, ported from scipy).
 *
 * Ties are handled as scipy handles them (the statistic is measured after all copies of a value), but
 * like scipy the p-value assumes continuous data. Agreement with scipy 1.17 is tested to 1e-9 relative
 * (absolute floor 1e-300) on small, tied, equal, unequal (coprime or not), 10000-boundary and large samples.
 *
 * Definition: https://docs.scipy.org/doc/scipy/reference/generated/scipy.stats.ks_2samp.html
 *
 * Cost: O(n₁ + n₂) for the statistic; the exact p-value is O(n) for equal sizes and
 * O(max(n₁,n₂) · D · min(n₁,n₂)) otherwise: coprime sizes near the exact-mode limit with a large D
 * are the worst case; in asymptotic mode nearly all the time is the merge (measured times in
 * docs/drift-detector.md, "Inner costs").
 *
 * @param sortedReference - reference sample sorted ascending (see `sortAscending`), no NaN.
 * @param sortedCurrent - current sample sorted ascending, no NaN.
 * @throws Error when a sample is empty.
 * @example
 * ksTwoSample(new Float64Array([1, 2, 3]), new Float64Array([2, 3, 4]))
 * // => { statistic: 0.3333333333333333, pValue: 1, mode: 'exact' }
 */
export function ksTwoSample(sortedReference: Float64Array, sortedCurrent: Float64Array): KsTwoSampleResult {
  return ksTwoSampleAndStatistic(sortedReference, sortedCurrent).test;
}

/**
 * `ksTwoSample` and `ksStatistic` (the exact D, correctly rounded) from one merge of the two samples,
 * for callers that report both (the legacy drift method): half the work of calling the two.
 *
 * @example
 * ksTwoSampleAndStatistic(new Float64Array([1, 2, 3]), new Float64Array([2, 3, 4])).exactStatistic
 * // => 0.3333333333333333
 */
export function ksTwoSampleAndStatistic(
  sortedReference: Float64Array,
  sortedCurrent: Float64Array,
): { test: KsTwoSampleResult; exactStatistic: number } {
  assertSortedSample('ksTwoSample', 'sortedReference', sortedReference);
  assertSortedSample('ksTwoSample', 'sortedCurrent', sortedCurrent);
  return ksTwoSampleFromGaps(
    sortedReference.length,
    sortedCurrent.length,
    ksLargestGaps(sortedReference, sortedCurrent),
  );
}

/**
 * `ksTwoSampleAndStatistic` from the sample sizes and the gaps alone (see `ksLargestGaps`): what a SQL
 * engine gives from cumulative counts per distinct value, without the samples (drift/engines).
 *
 * @example
 * ksTwoSampleFromGaps(3, 3, { largestIntegerGap: 3, statistic: 1 / 3, floatStatistic: 1 / 3 }).test.pValue // => 1
 */
export function ksTwoSampleFromGaps(
  referenceCount: number,
  currentCount: number,
  gaps: KsGaps,
): { test: KsTwoSampleResult; exactStatistic: number } {
  const exactStatistic = gaps.statistic;
  let statistic = gaps.floatStatistic;
  if (Math.max(referenceCount, currentCount) <= KS_EXACT_MAX_SIZE) {
    const gcd = greatestCommonDivisor(referenceCount, currentCount);
    // h = round(D · lcm); the integer gap gives it exactly: gap / (n₁n₂) = h / lcm.
    const h = gaps.largestIntegerGap / gcd;
    statistic = gaps.statistic;
    if (h === 0) return { test: { statistic, pValue: 1, mode: 'exact' }, exactStatistic };
    const probability = ksExactProbability(referenceCount, currentCount, gcd, h);
    if (probability >= 0 && probability <= 1) {
      return { test: { statistic, pValue: probability, mode: 'exact' }, exactStatistic };
    }
  }
  const larger = Math.max(referenceCount, currentCount);
  const smaller = Math.min(referenceCount, currentCount);
  const effectiveSize = roundHalfToEvenInteger((larger * smaller) / (larger + smaller));
  const pValue = kolmogorovSurvival(statistic, effectiveSize);
  return { test: { statistic, pValue: Math.min(Math.max(pValue, 0), 1), mode: 'asymp' }, exactStatistic };
}

function greatestCommonDivisor(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** numpy's `np.round` to an integer: halves go to the even neighbour. */
function roundHalfToEvenInteger(value: number): number {
  const floor = Math.floor(value);
  const difference = value - floor;
  if (difference > 0.5) return floor + 1;
  if (difference < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}
