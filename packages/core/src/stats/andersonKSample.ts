import { assertSortedSample } from './assertSortedSample.js';
import { pooledTies } from './pooledTies.js';

/** The significance levels of Scholz & Stephens (1987), Table 2, that scipy interpolates between. */
const SIGNIFICANCE_LEVELS = [0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001] as const;
/**
 * Their critical values for two samples (m = k − 1 = 1): b₀ + b₁/√m + b₂/m with the b₀, b₁, b₂ of
 * Scholz & Stephens (1987), Table 2, as scipy 1.17 `anderson_ksamp` tabulates them.
 */
const CRITICAL_VALUES = [
  0.675 - 0.245 - 0.105,
  1.281 + 0.25 - 0.305,
  1.645 + 0.678 - 0.362,
  1.96 + 1.149 - 0.391,
  2.326 + 1.822 - 0.396,
  2.573 + 2.364 - 0.345,
  3.085 + 3.615 - 0.154,
] as const;

/** The result of `andersonKSample`. */
export interface AndersonKSampleResult {
  /** The standardized statistic (A²ₐₖₙ − 1) / σₙ. */
  statistic: number;
  /** The interpolated significance level, within [0.001, 0.25]. */
  pValue: number;
  /**
   * `capped` when the statistic is below every tabulated critical value (p is reported as 0.25, the
   * true value being larger), `floored` when above every one (p = 0.001, the true value smaller).
   */
  limit: 'capped' | 'floored' | 'none';
}

/**
 * The k-sample Anderson–Darling test for two samples, as `scipy.stats.anderson_ksamp([reference,
 * current])` with its defaults (the mid-rank statistic A²ₐₖₙ of Scholz & Stephens, eq. 7, for data
 * with ties), which is what Evidently's `anderson` calls. The p-value is scipy's: the tabulated
 * significance levels 0.25 … 0.001 interpolated by a quadratic least-squares fit of ln(level) on the
 * critical values, and clamped to [0.001, 0.25] outside the table (`limit` says which).
 *
 * Definition: F. W. Scholz and M. A. Stephens, "K-Sample Anderson–Darling Tests", JASA 82 (1987);
 * https://docs.scipy.org/doc/scipy/reference/generated/scipy.stats.anderson_ksamp.html
 *
 * Cost: O(n₁ + n₂) (one merge, one pass over the pooled distinct values, one over N for σₙ).
 *
 * @param sortedReference - sorted ascending, no NaN.
 * @param sortedCurrent - sorted ascending, no NaN.
 * @throws Error when a sample is empty, when the pooled sample has fewer than 4 values (σₙ divides by
 *   (N − 1)(N − 2)(N − 3)) or when it holds only one distinct value.
 * @example
 * andersonKSample(new Float64Array([1, 2, 3, 4, 5]), new Float64Array([6, 7, 8, 9, 10]))
 * // => { statistic: 4.726015467264128, pValue: 0.004355977966506485, limit: 'none' }
 */
export function andersonKSample(
  sortedReference: Float64Array,
  sortedCurrent: Float64Array,
): AndersonKSampleResult {
  assertSortedSample('andersonKSample', 'sortedReference', sortedReference);
  assertSortedSample('andersonKSample', 'sortedCurrent', sortedCurrent);
  const sizes = [sortedReference.length, sortedCurrent.length] as const;
  const total = sizes[0] + sizes[1];
  if (total < 4) {
    throw new Error(
      `andersonKSample requires at least 4 values in the two samples together (got ${total}): its variance divides by (N − 1)(N − 2)(N − 3)`,
    );
  }
  const ties = pooledTies(sortedReference, sortedCurrent);
  if (ties.distinctCount < 2) {
    throw new Error('andersonKSample needs more than one distinct value in the two samples together');
  }
  // A²ₐₖₙ (eq. 7): Σᵢ (1/nᵢ) Σⱼ lⱼ/N · (N·Mᵢⱼ − Bⱼ·nᵢ)² / (Bⱼ(N − Bⱼ) − N·lⱼ/4), times (N − 1)/N.
  let statistic = 0;
  for (let sample = 0; sample < 2; sample++) {
    const counts = sample === 0 ? ties.firstCounts : ties.secondCounts;
    const size = sizes[sample]!;
    let below = 0;
    let belowInSample = 0;
    let sum = 0;
    let compensation = 0;
    for (let index = 0; index < ties.distinctCount; index++) {
      const copies = ties.firstCounts[index]! + ties.secondCounts[index]!;
      const inSample = counts[index]!;
      const midpoint = below + copies / 2;
      const midCount = belowInSample + inSample - inSample / 2;
      const deviation = total * midCount - midpoint * size;
      const term =
        ((copies / total) * deviation * deviation) / (midpoint * (total - midpoint) - (total * copies) / 4);
      const next = sum + term;
      compensation += Math.abs(sum) >= Math.abs(term) ? sum - next + term : term - next + sum;
      sum = next;
      below += copies;
      belowInSample += inSample;
    }
    statistic += (sum + compensation) / size;
  }
  statistic *= (total - 1) / total;
  const standardized = (statistic - 1) / Math.sqrt(nullVariance(sizes[0], sizes[1]));
  if (standardized < CRITICAL_VALUES[0]) return { statistic: standardized, pValue: 0.25, limit: 'capped' };
  if (standardized > CRITICAL_VALUES[6]) return { statistic: standardized, pValue: 0.001, limit: 'floored' };
  const [c2, c1, c0] = interpolationCoefficients();
  return {
    statistic: standardized,
    pValue: Math.exp((c2 * standardized + c1) * standardized + c0),
    limit: 'none',
  };
}

/** σₙ², the variance of A²ₐₖₙ under the null hypothesis for k = 2 (Scholz & Stephens, eq. 4). */
function nullVariance(firstSize: number, secondSize: number): number {
  const total = firstSize + secondSize;
  const k = 2;
  const inverseSizes = 1 / firstSize + 1 / secondSize;
  // h = Σ_{i=1}^{N−1} 1/i; g = Σ_{i=1}^{N−2} Σ_{j=i+1}^{N−1} 1/((N − i) j), summed as scipy does: the
  // running sums of 1/(N−1), 1/(N−2), … , 1/2, each divided by 2, 3, …, N − 1.
  let running = 0;
  let g = 0;
  let gCompensation = 0;
  for (let denominator = total - 1, divisor = 2; denominator >= 2; denominator--, divisor++) {
    running += 1 / denominator;
    const term = running / divisor;
    const next = g + term;
    gCompensation += Math.abs(g) >= Math.abs(term) ? g - next + term : term - next + g;
    g = next;
  }
  g += gCompensation;
  const h = running + 1;
  const a = (4 * g - 6) * (k - 1) + (10 - 6 * g) * inverseSizes;
  const b = (2 * g - 4) * k ** 2 + 8 * h * k + (2 * g - 14 * h - 4) * inverseSizes - 8 * h + 4 * g - 6;
  const c = (6 * h + 2 * g - 2) * k ** 2 + (4 * h - 4 * g + 6) * k + (2 * h - 6) * inverseSizes + 4 * h;
  const d = (2 * h + 6) * k ** 2 - 4 * h * k;
  return (a * total ** 3 + b * total ** 2 + c * total + d) / ((total - 1) * (total - 2) * (total - 3));
}

let coefficients: readonly [number, number, number] | undefined;

/**
 * [c₂, c₁, c₀] of the least-squares parabola ln(level) ≈ c₂x² + c₁x + c₀ through the 7 tabulated
 * (critical value, level) points (numpy's `polyfit(critical, log(sig), 2)`), by Householder QR of the
 * 7 × 3 Vandermonde matrix; computed once.
 */
function interpolationCoefficients(): readonly [number, number, number] {
  if (coefficients !== undefined) return coefficients;
  const rows = CRITICAL_VALUES.length;
  const matrix = CRITICAL_VALUES.map((x) => [x * x, x, 1]);
  const target = SIGNIFICANCE_LEVELS.map((level) => Math.log(level));
  for (let column = 0; column < 3; column++) {
    let norm = 0;
    for (let row = column; row < rows; row++) norm = Math.hypot(norm, matrix[row]![column]!);
    const alpha = matrix[column]![column]! > 0 ? -norm : norm;
    const v = new Float64Array(rows);
    for (let row = column; row < rows; row++) v[row] = matrix[row]![column]!;
    v[column]! -= alpha;
    let vNormSquared = 0;
    for (let row = column; row < rows; row++) vNormSquared += v[row]! * v[row]!;
    const reflect = (
      values: number[] | ((row: number) => number),
      set: (row: number, value: number) => void,
    ) => {
      let dot = 0;
      for (let row = column; row < rows; row++) dot += v[row]! * (values as (row: number) => number)(row);
      const factor = (2 * dot) / vNormSquared;
      for (let row = column; row < rows; row++)
        set(row, (values as (row: number) => number)(row) - factor * v[row]!);
    };
    for (let other = column; other < 3; other++) {
      reflect(
        (row) => matrix[row]![other]!,
        (row, value) => {
          matrix[row]![other] = value;
        },
      );
    }
    reflect(
      (row) => target[row]!,
      (row, value) => {
        target[row] = value;
      },
    );
  }
  const solution = [0, 0, 0];
  for (let row = 2; row >= 0; row--) {
    let value = target[row]!;
    for (let column = row + 1; column < 3; column++) value -= matrix[row]![column]! * solution[column]!;
    solution[row] = value / matrix[row]![row]!;
  }
  coefficients = [solution[0]!, solution[1]!, solution[2]!];
  return coefficients;
}
