import { assertSortedSample } from './assertSortedSample.js';
import { mean } from './mean.js';
import { studentTSurvival } from './studentTSurvival.js';
import { sumOfSquaredDeviations } from './sumOfSquaredDeviations.js';

/** The result of `studentTTest`. */
export interface StudentTTestResult {
  /** t = (mean₁ − mean₂) / √(s²ₚ (1/n₁ + 1/n₂)), s²ₚ the pooled variance. */
  statistic: number;
  /** Two-sided p-value, 2 · P(T_ν > |t|). */
  pValue: number;
  /** ν = n₁ + n₂ − 2. */
  degreesOfFreedom: number;
}

/**
 * Student's two-sample t-test (equal variances assumed, pooled), two-sided, as
 * `scipy.stats.ttest_ind(reference, current)` with its defaults (`equal_var=True`), which is what
 * Evidently's `t_test` calls. Means and sums of squares are computed exactly rounded (see `mean`).
 *
 * Two samples that each hold one value give t = ±∞ and p = 0 when the values differ; when they are
 * the same value t is 0/0, for which scipy returns NaN: this function refuses that case instead.
 *
 * Definition: https://en.wikipedia.org/wiki/Student%27s_t-test#Equal_or_unequal_sample_sizes,_similar_variances
 *
 * Cost: O(n₁ + n₂) (two exact passes per sample), about 12 ms for 100,000 + 100,000 values.
 *
 * @param sortedReference - at least 2 values, no NaN (the order does not matter here).
 * @param sortedCurrent - at least 2 values, no NaN.
 * @throws Error when a sample has fewer than 2 values (its variance is undefined) or when both samples
 *   hold one and the same value (t = 0/0).
 * @example
 * studentTTest(new Float64Array([1, 2, 3, 4]), new Float64Array([3, 4, 5, 6]))
 * // => { statistic: -2.1908902300206643, pValue: 0.07098765432098746, degreesOfFreedom: 6 }
 */
export function studentTTest(sortedReference: Float64Array, sortedCurrent: Float64Array): StudentTTestResult {
  assertSortedSample('studentTTest', 'sortedReference', sortedReference);
  assertSortedSample('studentTTest', 'sortedCurrent', sortedCurrent);
  const referenceCount = sortedReference.length;
  const currentCount = sortedCurrent.length;
  if (referenceCount < 2 || currentCount < 2) {
    throw new Error(
      `studentTTest requires at least 2 values in each sample (got ${referenceCount} and ${currentCount}): a sample variance needs two`,
    );
  }
  const referenceMean = mean(sortedReference);
  const currentMean = mean(sortedCurrent);
  const degreesOfFreedom = referenceCount + currentCount - 2;
  const pooledVariance =
    (sumOfSquaredDeviations(sortedReference, referenceMean) +
      sumOfSquaredDeviations(sortedCurrent, currentMean)) /
    degreesOfFreedom;
  const difference = referenceMean - currentMean;
  if (pooledVariance === 0 && difference === 0) {
    throw new Error(
      'studentTTest found both samples constant and equal: t is 0/0 (no variance to compare means against)',
    );
  }
  const statistic = difference / Math.sqrt(pooledVariance * (1 / referenceCount + 1 / currentCount));
  const pValue = Math.min(1, 2 * studentTSurvival(Math.abs(statistic), degreesOfFreedom));
  return { statistic, pValue, degreesOfFreedom };
}
