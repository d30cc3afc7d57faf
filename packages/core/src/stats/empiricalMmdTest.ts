import { assertSortedSample } from './assertSortedSample.js';
import { mersenneTwister, type Uint32Source } from './mersenneTwister.js';
import { numpyLegacyShuffle } from './numpyLegacyShuffle.js';
import { sortAscendingInPlace } from './sortAscending.js';

/** Largest sample the MMD test uses as is; a larger one is replaced by a seeded random subsample this big. */
export const MMD_MAX_SAMPLE_SIZE = 1000;

/** Permuted MMDs within this of the observed one are ties, and count as "at least as large". */
const TIE_TOLERANCE = 1e-12;

/** The result of `empiricalMmdTest`. */
export interface EmpiricalMmdTestResult {
  /** The unbiased MMD² estimate on the samples used (it can be negative). */
  statistic: number;
  /** Share of the permutations whose MMD is at least the observed one (0 possible, as Evidently). */
  pValue: number;
  /** The RBF kernel's bandwidth (median heuristic on the reference). */
  sigma: number;
  /** The sizes used: the samples', or MMD_MAX_SAMPLE_SIZE where a sample was subsampled. */
  referenceSize: number;
  currentSize: number;
}

/** Options of `empiricalMmdTest`. */
export interface EmpiricalMmdTestOptions {
  /** Permutations drawn; Evidently: 100. */
  permutations?: number;
  /** MT19937 seed; Evidently draws from numpy's global generator unseeded. */
  seed?: number;
  /** Larger samples are subsampled to this size (default MMD_MAX_SAMPLE_SIZE). */
  maxSampleSize?: number;
}

/**
 * Evidently's `empirical_mmd` test: the maximum mean discrepancy between two numeric samples with an
 * RBF kernel, and its permutation p-value.
 *
 * - Squared distances as Evidently computes them, d(a, b) = (b² − 2ab) + a² (rounding included).
 * - Bandwidth σ = √(½ · median of d over all reference pairs, diagonal included), the median being
 *   numpy's `percentile(…, 50, method="nearest")`; σ = √½ when that is 0. The same σ for every block.
 * - K = exp(−d / (2σ²)) over the pooled sample (reference then current), diagonal set to 0;
 *   MMD = ΣK_xx / (n_x(n_x − 1)) + ΣK_yy / (n_y(n_y − 1)) − 2·mean(K_xy).
 * - p = share of `permutations` random relabellings of the pooled sample whose MMD is ≥ the observed.
 *
 * Departures from Evidently, each for a reason:
 * - Draws come from MT19937 seeded with `seed` (numpy's legacy `permutation`): the same data give the
 *   same p-value. Evidently draws from numpy's global generator unseeded; with `np.random.seed(0)`
 *   first, it draws the same permutations as seed 0 here.
 * - The samples arrive sorted (the drift tool has them so), so permutations index sorted values;
 *   Evidently indexes rows in file order. The statistic does not depend on the order; the p-value's
 *   draws do.
 * - Sums run over each block in index order with compensation, so a relabelling that gives the same
 *   split gives the same bits, and values within 1e-12 of the observed MMD count as ties (≥): Evidently
 *   sums permuted matrices in permuted order and lets rounding decide ties.
 * - A sample longer than `maxSampleSize` is replaced by a seeded random subsample of that size (drawn
 *   first, reference then current), which bounds the cost: Evidently builds the full
 *   (n_x + n_y)² kernel, 80 GB at 100,000 rows each. The p-value then is a subsample's: see
 *   docs/drift-detector.md for how far it moves.
 * - Evidently calls `np.percentile(…, interpolation="nearest")`, which numpy ≥ 2.4 refuses; this
 *   uses the same rule.
 *
 * Definition: https://en.wikipedia.org/wiki/Kernel_embedding_of_distributions#Kernel_two-sample_test
 * and Evidently 0.7.21 `src/evidently/legacy/calculations/stattests/mmd_stattest.py`.
 *
 * Cost: O(m²) memory for the kernel (m = n_x + n_y after subsampling, at most 2000: 32 MB) and
 * O(m² · permutations) time: at the cap, about 0.9 s of setup (distances, median, kernel) and 40 ms
 * per permutation, measured on a heavily loaded 2-core machine (load average 11).
 *
 * @throws Error when a sample has fewer than 2 values or is not a sorted sample, or an option is not a
 *   positive integer (seed: 0 … 2³² − 1).
 * @example
 * empiricalMmdTest(new Float64Array([0.3, 0.9, 1.7, 2.2]), new Float64Array([2.6, 2.8, 3.1, 3.3, 4]))
 * // => { statistic: 0.6056663091537884, pValue: 0.01, sigma: 0.5656854249492379, referenceSize: 4, currentSize: 5 }
 */
export function empiricalMmdTest(
  sortedReference: Float64Array,
  sortedCurrent: Float64Array,
  options: EmpiricalMmdTestOptions = {},
): EmpiricalMmdTestResult {
  const { permutations = 100, seed = 0, maxSampleSize = MMD_MAX_SAMPLE_SIZE } = options;
  assertSortedSample('empiricalMmdTest', 'sortedReference', sortedReference);
  assertSortedSample('empiricalMmdTest', 'sortedCurrent', sortedCurrent);
  for (const [name, value] of [
    ['permutations', permutations],
    ['maxSampleSize', maxSampleSize],
  ] as const) {
    if (!Number.isInteger(value) || value < 2) {
      throw new Error(`empiricalMmdTest needs ${name} to be an integer of at least 2, got ${value}`);
    }
  }
  if (sortedReference.length < 2 || sortedCurrent.length < 2) {
    throw new Error(
      `empiricalMmdTest needs at least 2 values in each sample, got ${sortedReference.length} and ${sortedCurrent.length}`,
    );
  }
  const source = mersenneTwister(seed);
  const x = subsample(sortedReference, maxSampleSize, source);
  const y = subsample(sortedCurrent, maxSampleSize, source);
  const xCount = x.length;
  const yCount = y.length;
  const size = xCount + yCount;
  const pooled = new Float64Array(size);
  pooled.set(x);
  pooled.set(y, xCount);

  // d(a, b) = (b² − 2ab) + a²; in the cross blocks a is always the reference value (Evidently's Kxy and Kxyᵀ).
  const squaredDistance = (row: number, column: number) => {
    const swap = row >= xCount && column < xCount;
    const a = pooled[swap ? column : row]!;
    const b = pooled[swap ? row : column]!;
    return b * b - 2 * (a * b) + a * a;
  };
  const referenceDistances = new Float64Array(xCount * xCount);
  for (let row = 0; row < xCount; row++) {
    for (let column = 0; column < xCount; column++)
      referenceDistances[row * xCount + column] = squaredDistance(row, column);
  }
  sortAscendingInPlace(referenceDistances);
  // numpy 'nearest': the element at round-half-even(0.5 · (N − 1)).
  const middle = 0.5 * (referenceDistances.length - 1);
  const nearest =
    middle % 1 === 0.5 ? (Math.floor(middle) % 2 === 0 ? Math.floor(middle) : Math.ceil(middle)) : middle;
  let sigma = Math.sqrt(0.5 * referenceDistances[nearest]!);
  if (sigma === 0) sigma = Math.sqrt(0.5);
  const gamma = 1 / (2 * (sigma * sigma));

  const kernel = new Float64Array(size * size);
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      if (row !== column) kernel[row * size + column] = Math.exp(-gamma * squaredDistance(row, column));
    }
  }

  // Per row: the sum over the reference-labelled columns (a 0/1 mask, so every row is summed in
  // column order, the same bits for the same split), the current-labelled part as the row total minus
  // it; then the rows are added, compensated, into the three block sums.
  const rowTotals = new Float64Array(size);
  for (let row = 0; row < size; row++) {
    let sum = 0;
    for (let column = 0, offset = row * size; column < size; column++) sum += kernel[offset + column]!;
    rowTotals[row] = sum;
  }
  const inReference = new Float64Array(size);
  const discrepancy = () => {
    const sums = [0, 0, 0, 0, 0, 0]; // xx, xy, yy and their compensations
    const add = (slot: number, term: number) => {
      const sum = sums[slot]!;
      const total = sum + term;
      sums[slot + 3]! += Math.abs(sum) >= Math.abs(term) ? sum - total + term : term - total + sum;
      sums[slot] = total;
    };
    for (let row = 0; row < size; row++) {
      let toReference = 0;
      for (let column = 0, offset = row * size; column < size; column++) {
        toReference += kernel[offset + column]! * inReference[column]!;
      }
      if (inReference[row] === 1) add(0, toReference);
      else {
        add(1, toReference);
        add(2, rowTotals[row]! - toReference);
      }
    }
    const [xx, xy, yy, xxError, xyError, yyError] = sums as [number, number, number, number, number, number];
    return (
      (xx + xxError) / (xCount * (xCount - 1)) +
      (yy + yyError) / (yCount * (yCount - 1)) -
      2 * ((xy + xyError) / (xCount * yCount))
    );
  };
  inReference.fill(1, 0, xCount);
  const statistic = discrepancy();
  const order = new Int32Array(size);
  let atLeastObserved = 0;
  for (let permutation = 0; permutation < permutations; permutation++) {
    for (let index = 0; index < size; index++) order[index] = index;
    numpyLegacyShuffle(order, source);
    inReference.fill(0);
    for (let position = 0; position < xCount; position++) inReference[order[position]!] = 1;
    if (discrepancy() >= statistic - TIE_TOLERANCE) atLeastObserved += 1;
  }
  return {
    statistic,
    pValue: atLeastObserved / permutations,
    sigma,
    referenceSize: xCount,
    currentSize: yCount,
  };
}

/** The sample itself, or `limit` of its values drawn without replacement (kept in ascending order). */
function subsample(sorted: Float64Array, limit: number, source: Uint32Source): Float64Array {
  if (sorted.length <= limit) return sorted;
  const order = new Int32Array(sorted.length);
  for (let index = 0; index < order.length; index++) order[index] = index;
  numpyLegacyShuffle(order, source);
  const chosen = order.subarray(0, limit).sort();
  return Float64Array.from(chosen, (index) => sorted[index]!);
}
