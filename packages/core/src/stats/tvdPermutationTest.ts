import { hypergeometricSample } from './hypergeometricSample.js';
import { mersenneTwister } from './mersenneTwister.js';
import { numpyLegacyShuffle } from './numpyLegacyShuffle.js';
import { totalVariationDistance } from './totalVariationDistance.js';

/**
 * Pooled rows up to which the permutations are numpy's own stream (shuffles of every row); above, each
 * permutation's reference counts are drawn directly (multivariate hypergeometric), same distribution.
 */
export const TVD_SHUFFLE_MAX_ROWS = 20000;

/** The result of `tvdPermutationTest`. */
export interface TvdPermutationTestResult {
  /** The observed total variation distance. */
  statistic: number;
  /** Share of the permutations whose distance is at least the observed one (0 possible, as Evidently). */
  pValue: number;
}

/** Options of `tvdPermutationTest`. */
export interface TvdPermutationTestOptions {
  /** Permutations drawn; Evidently: 1000. */
  iterations?: number;
  /** MT19937 seed; Evidently seeds numpy with 0. */
  seed?: number;
  /** Pooled rows up to which every row is shuffled (default TVD_SHUFFLE_MAX_ROWS). */
  shuffleMaxRows?: number;
}

/**
 * Evidently's total variation distance test (`TVD`): a permutation test of the total variation
 * distance between the reference and current category counts. Each iteration draws, without
 * replacement, n_reference of the pooled rows as a new reference (the rest are the new current) and
 * computes their distance; the p-value is the share of iterations with a distance ≥ the observed one.
 *
 * Draws: MT19937 seeded with `seed` and numpy's legacy permutation (`np.random.choice(pooled, n_ref,
 * replace=False)` after `np.random.seed(0)`, as Evidently), over the pooled rows ordered reference first
 * then current, each grouped by category in the order given. Evidently pools the rows in file order,
 * so its p-value depends on the row order; this one depends on the counts only (it equals Evidently's
 * when the files list the rows grouped that way). Distances are compared exactly, as the integers
 * Σ |r·C − c·R| = 2·R·C·TVD, where Evidently compares rounded floats and rounding decides ties:
 * on Evidently's own test data that gives 0.928 and 0.085 where the exact comparison gives 0.972 and
 * 0.088 (`tvdPermutationTest.test.ts`).
 *
 * Above TVD_SHUFFLE_MAX_ROWS pooled rows, shuffling every row 1000 times costs seconds (2.8·10⁸ draws
 * at 100,000 rows per sample), so each permutation draws the new reference's counts per category
 * instead: category by category, hypergeometric among the rows not yet assigned (`hypergeometricSample`).
 * That is the same distribution of counts, so the same test; only the draws differ from numpy's.
 *
 * Definition: Evidently 0.7.21 `src/evidently/legacy/calculations/stattests/tvd_stattest.py` and
 * `utils.py` (`permutation_test`); https://en.wikipedia.org/wiki/Permutation_test
 *
 * Cost: O(iterations × (n_reference + n_current)) up to TVD_SHUFFLE_MAX_ROWS pooled rows (about 1.4
 * MT19937 draws per row and iteration), O(iterations × K × √n) above.
 *
 * @throws Error as `totalVariationDistance`, or when `iterations` is not a positive integer or the
 *   pooled sample has 2²⁶ rows or more (the exact comparison would overflow).
 * @example
 * tvdPermutationTest([16, 18, 16, 14, 12, 12], [10, 24, 12, 16, 8, 16])
 * // => { statistic: 0.1511627906976744, pValue: 0.309 } (Evidently's test: 0.309)
 */
export function tvdPermutationTest(
  referenceCounts: ArrayLike<number>,
  currentCounts: ArrayLike<number>,
  options: TvdPermutationTestOptions = {},
): TvdPermutationTestResult {
  const { iterations = 1000, seed = 0, shuffleMaxRows = TVD_SHUFFLE_MAX_ROWS } = options;
  if (!Number.isInteger(iterations) || iterations < 1) {
    throw new Error(`tvdPermutationTest needs a positive integer number of iterations, got ${iterations}`);
  }
  const statistic = totalVariationDistance(referenceCounts, currentCounts);
  const categoryCount = referenceCounts.length;
  let referenceTotal = 0;
  let currentTotal = 0;
  for (let index = 0; index < categoryCount; index++) {
    if (!Number.isInteger(referenceCounts[index]) || !Number.isInteger(currentCounts[index])) {
      throw new Error('tvdPermutationTest needs integer counts');
    }
    referenceTotal += referenceCounts[index]!;
    currentTotal += currentCounts[index]!;
  }
  const pooledSize = referenceTotal + currentTotal;
  if (pooledSize >= 2 ** 26) {
    throw new Error(`tvdPermutationTest handles up to 2^26 rows, got ${pooledSize}`);
  }
  const totals = Float64Array.from(referenceCounts, (count, index) => count + currentCounts[index]!);
  const numerator = (reference: ArrayLike<number>) => {
    let sum = 0;
    for (let category = 0; category < categoryCount; category++) {
      const inReference = reference[category]!;
      sum += Math.abs(inReference * currentTotal - (totals[category]! - inReference) * referenceTotal);
    }
    return sum;
  };
  const observed = numerator(referenceCounts);
  const source = mersenneTwister(seed);
  const drawn = new Float64Array(categoryCount);
  let atLeastObserved = 0;
  if (pooledSize > shuffleMaxRows) {
    for (let iteration = 0; iteration < iterations; iteration++) {
      let population = pooledSize;
      let draws = referenceTotal;
      for (let category = 0; category < categoryCount; category++) {
        const inCategory = totals[category]!;
        const taken =
          category === categoryCount - 1
            ? draws
            : hypergeometricSample(population, inCategory, draws, source);
        drawn[category] = taken;
        population -= inCategory;
        draws -= taken;
      }
      if (observed <= numerator(drawn)) atLeastObserved += 1;
    }
    return { statistic, pValue: atLeastObserved / iterations };
  }
  const pooled = new Int32Array(pooledSize);
  let position = 0;
  for (const counts of [referenceCounts, currentCounts]) {
    for (let category = 0; category < categoryCount; category++) {
      pooled.fill(category, position, position + counts[category]!);
      position += counts[category]!;
    }
  }
  const working = new Int32Array(pooledSize);
  for (let iteration = 0; iteration < iterations; iteration++) {
    // Shuffling the pooled codes applies the same swaps numpy applies to arange(n): working = pooled[permutation].
    working.set(pooled);
    numpyLegacyShuffle(working, source);
    drawn.fill(0);
    for (let row = 0; row < referenceTotal; row++) drawn[working[row]!]! += 1;
    if (observed <= numerator(drawn)) atLeastObserved += 1;
  }
  return { statistic, pValue: atLeastObserved / iterations };
}
