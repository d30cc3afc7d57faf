import { normalSurvival } from './normalSurvival.js';

/** The result of `twoProportionZTest`. */
export interface TwoProportionZTestResult {
  /** z = (p_current − p_reference) / √(p̂(1 − p̂)(1/n_reference + 1/n_current)), p̂ the pooled proportion. */
  statistic: number;
  /** Two-sided p-value 2·P(Z ≥ |z|). */
  pValue: number;
}

/**
 * The pooled two-proportion z-test: do the reference and current samples have the same share of
 * "successes" (for a two-category column: the share of one chosen category)? Two-sided.
 *
 * When the pooled proportion is 0 or 1 (no successes, or nothing but successes, in both samples) the
 * standard error is 0 and the samples cannot differ: the result is statistic 0, p-value 1.
 *
 * Definition: https://en.wikipedia.org/wiki/Two-proportion_Z-test
 *
 * Cost: O(1).
 *
 * @throws Error when a total is not a positive finite number or successes are outside 0…total.
 * @example
 * twoProportionZTest(50, 100, 70, 100) // => { statistic: 2.886751345948128, pValue: 0.003892417122778636 }
 */
export function twoProportionZTest(
  referenceSuccesses: number,
  referenceTotal: number,
  currentSuccesses: number,
  currentTotal: number,
): TwoProportionZTestResult {
  for (const [successes, total, name] of [
    [referenceSuccesses, referenceTotal, 'reference'],
    [currentSuccesses, currentTotal, 'current'],
  ] as const) {
    if (!(total > 0) || !Number.isFinite(total) || !(successes >= 0) || successes > total) {
      throw new Error(
        `twoProportionZTest needs 0 ≤ successes ≤ total and total > 0 for the ${name} sample, got ${successes} of ${total}`,
      );
    }
  }
  const pooled = (referenceSuccesses + currentSuccesses) / (referenceTotal + currentTotal);
  if (pooled === 0 || pooled === 1) return { statistic: 0, pValue: 1 };
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / referenceTotal + 1 / currentTotal));
  const statistic = (currentSuccesses / currentTotal - referenceSuccesses / referenceTotal) / standardError;
  return { statistic, pValue: Math.min(1, 2 * normalSurvival(Math.abs(statistic))) };
}
