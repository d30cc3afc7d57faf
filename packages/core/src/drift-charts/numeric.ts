import { mean } from '../stats/index.js';
import { DRIFT_CHART_MAX_BINS, type DriftChartHistogram, type NumericDriftChart } from './types.js';

/** The number of bins aimed at; "nice" steps give between this and DRIFT_CHART_MAX_BINS. */
const TARGET_BINS = 40;

/** Pooled quantiles outside which values count as far outliers (see {@link displayRange}). */
const OUTLIER_QUANTILE = 0.005;

/** The full range is clipped when it is this many times wider than the central 99% of the values. */
const OUTLIER_SPREAD = 4;

/**
 * The smallest "nice" step (1, 2, 2.5 or 5 times a power of ten) at least `raw`; for integer data
 * 2.5 is skipped and the step is at least 1.
 *
 * @example niceStep(0.37, false) // => 0.5
 */
export function niceStep(raw: number, integers: boolean): number {
  if (!(raw > 0)) return 1;
  const exponent = Math.floor(Math.log10(raw));
  const power = Number(`1e${exponent}`);
  const fraction = raw / power;
  const steps = integers ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10];
  const nice = steps.find((step) => fraction <= step * (1 + 1e-12)) ?? 10;
  const step = nice * power;
  return integers ? Math.max(1, Math.round(step)) : step;
}

/**
 * The k-th smallest value (0-based) of the union of two ascending arrays, without merging them.
 *
 * Cost: O(log(min(n, m))).
 */
export function kthOfTwoSorted(first: Float64Array, second: Float64Array, k: number): number {
  if (first.length > second.length) return kthOfTwoSorted(second, first, k);
  let low = Math.max(0, k + 1 - second.length);
  let high = Math.min(first.length, k + 1);
  while (low <= high) {
    const taken = (low + high) >> 1; // values taken from `first`
    const rest = k + 1 - taken; // values taken from `second`
    const firstLast = taken > 0 ? first[taken - 1]! : Number.NEGATIVE_INFINITY;
    const secondLast = rest > 0 ? second[rest - 1]! : Number.NEGATIVE_INFINITY;
    const firstNext = taken < first.length ? first[taken]! : Number.POSITIVE_INFINITY;
    const secondNext = rest < second.length ? second[rest]! : Number.POSITIVE_INFINITY;
    if (firstLast > secondNext) high = taken - 1;
    else if (secondLast > firstNext) low = taken + 1;
    else return Math.max(firstLast, secondLast);
  }
  throw new Error(`kthOfTwoSorted: rank ${k} is outside 0..${first.length + second.length - 1}`);
}

/**
 * The range to draw: the full range of both samples, unless a few far outliers would squash every
 * other value into one bar; then the central range (pooled 0.5% to 99.5% quantiles, widened by 5% on
 * each side), the values outside it counted as `below` / `above`.
 */
function displayRange(reference: Float64Array, current: Float64Array): { low: number; high: number } {
  const count = reference.length + current.length;
  const low = Math.min(reference[0] ?? Number.POSITIVE_INFINITY, current[0] ?? Number.POSITIVE_INFINITY);
  const high = Math.max(
    reference.at(-1) ?? Number.NEGATIVE_INFINITY,
    current.at(-1) ?? Number.NEGATIVE_INFINITY,
  );
  if (count < 200) return { low, high };
  const centralLow = kthOfTwoSorted(reference, current, Math.floor(OUTLIER_QUANTILE * (count - 1)));
  const centralHigh = kthOfTwoSorted(reference, current, Math.ceil((1 - OUTLIER_QUANTILE) * (count - 1)));
  const central = centralHigh - centralLow;
  if (!(central > 0) || high - low <= OUTLIER_SPREAD * central) return { low, high };
  return {
    low: Math.max(low, centralLow - 0.05 * central),
    high: Math.min(high, centralHigh + 0.05 * central),
  };
}

/** Cleans float noise from an edge (0.30000000000000004 → 0.3), when that moves it by a speck of a step. */
function tidy(value: number, step: number): number {
  const tidied = Number(value.toPrecision(12));
  return Math.abs(tidied - value) < step * 1e-9 ? tidied : value;
}

function isIntegerSample(values: Float64Array): boolean {
  for (let index = 0; index < values.length; index++) if (!Number.isInteger(values[index])) return false;
  return true;
}

/** Bin edges over [low, high]: nice steps, or plain equal widths when the range is not finite. */
function binEdges(low: number, high: number, integers: boolean): number[] {
  if (integers) {
    low = Math.floor(low);
    high = Math.ceil(high);
  }
  if (low === high) {
    const half = integers ? 0.5 : Math.abs(low) * 0.05 || 0.5;
    return [low - half, low + half];
  }
  const span = high - low;
  if (!Number.isFinite(span)) {
    return Array.from({ length: TARGET_BINS + 1 }, (_, index) => {
      const t = index / TARGET_BINS;
      return index === TARGET_BINS ? high : low * (1 - t) + high * t;
    });
  }
  const step = niceStep(span / TARGET_BINS, integers);
  let start: number;
  let bins: number;
  if (integers && step === 1) {
    start = low - 0.5;
    bins = high - low + 1;
  } else {
    start = Math.floor(low / step) * step;
    bins = integers ? Math.floor((high - start) / step) + 1 : Math.max(1, Math.ceil((high - start) / step));
    if (!integers && start + bins * step < high) bins += 1;
  }
  bins = Math.min(bins, DRIFT_CHART_MAX_BINS);
  const edges = Array.from({ length: bins + 1 }, (_, index) => tidy(start + index * step, step));
  // Rounding must never leave a value of the range outside the edges.
  edges[0] = Math.min(edges[0]!, low);
  edges[bins] = Math.max(edges[bins]!, high);
  return edges;
}

/** Counts one sorted sample into the bins (left-closed, the last one closed), outside values apart. */
function histogram(sorted: Float64Array, edges: readonly number[]): DriftChartHistogram {
  const bins = edges.length - 1;
  const counts = new Array<number>(Math.max(bins, 0)).fill(0);
  let below = 0;
  let above = 0;
  if (bins > 0) {
    const first = edges[0]!;
    const last = edges[bins]!;
    let bin = 0;
    for (let index = 0; index < sorted.length; index++) {
      const value = sorted[index]!;
      if (value < first) below += 1;
      else if (value > last) above += 1;
      else {
        // Sorted input: the bin only moves right.
        while (bin < bins - 1 && value >= edges[bin + 1]!) bin += 1;
        counts[bin]! += 1;
      }
    }
  }
  const total = sorted.length;
  return {
    total,
    counts,
    shares: counts.map((count) => (total === 0 ? 0 : count / total)),
    below,
    above,
    mean: total === 0 ? null : mean(sorted),
  };
}

/**
 * Histogram data of a numeric column: both samples on the same bins (at most
 * {@link DRIFT_CHART_MAX_BINS}, "nice" edges, one bin per integer when integer data spans ≤ 40
 * values), their shares and means. Far outliers (beyond 4× the central 99% range) are counted as
 * `below` / `above` rather than stretching the axis.
 *
 * Cost: O(n + m) over the sorted samples.
 *
 * @param sortedReference - the reference's numeric values, ascending, finite.
 * @param sortedCurrent - the current's, likewise.
 * @example
 * numericDriftChart('x', new Float64Array([1, 2, 2]), new Float64Array([3])).edges // => [0.5, 1.5, 2.5, 3.5]
 */
export function numericDriftChart(
  feature: string,
  sortedReference: Float64Array,
  sortedCurrent: Float64Array,
): NumericDriftChart {
  const integers = isIntegerSample(sortedReference) && isIntegerSample(sortedCurrent);
  if (sortedReference.length + sortedCurrent.length === 0) {
    return {
      kind: 'numeric',
      feature,
      edges: [],
      integers,
      reference: histogram(sortedReference, []),
      current: histogram(sortedCurrent, []),
    };
  }
  const { low, high } = displayRange(sortedReference, sortedCurrent);
  const edges = binEdges(low, high, integers);
  return {
    kind: 'numeric',
    feature,
    edges,
    integers,
    reference: histogram(sortedReference, edges),
    current: histogram(sortedCurrent, edges),
  };
}
