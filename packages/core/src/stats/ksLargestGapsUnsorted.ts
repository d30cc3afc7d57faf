import { extremes } from './extremes.js';
import {
  type KsGaps,
  type KsGapTally,
  ksGapsOf,
  ksGapTally,
  ksLargestGaps,
  mergeKsGaps,
  noteKsGap,
} from './ksLargestGaps.js';
import { sortAscending } from './sortAscending.js';

/** Below this many values (both samples) a range is sorted and merged instead of split further. */
const LEAF_SIZE = 1024;
/** At most this many buckets per split. */
const MOST_BUCKETS = 1 << 17;
/**
 * About this many values per bucket, below the cap: each split walks its buckets a few times, so
 * buckets much finer than the values cost more than the few values an open bucket then holds
 * (at 100,000 rows a bucket per 2 values took 5 ms a column, most of the check's statistics).
 */
const VALUES_PER_BUCKET = 16;
/** Splits deeper than this (data spread over many orders of magnitude) sort what is left. */
const DEEPEST_SPLIT = 12;

/**
 * {@link ksLargestGaps} without sorting: the same three numbers, to the last bit, from samples in any
 * order, in a few linear passes where the sort and merge take O(n log n) (a radix sort: 6 passes over
 * each sample, then the merge).
 *
 * How: the values are counted into equal-width buckets over [min, max]. The map v ↦ ⌊(v − min) · s⌋
 * is non-decreasing in v (each rounded step is), so the buckets are ranges of values in order, and
 * after a bucket's last value the cumulative counts i (reference) and j (current) are known exactly:
 * the gap there, i·n₂ − j·n₁, is one of the gaps the merge visits (at the bucket's largest value). At
 * any value inside bucket b, i lies between the counts before and after b, and so does j, which
 * bounds every gap inside b (the float gaps too: division and subtraction round monotonically). A
 * bucket whose bounds do not pass the largest gaps found is never opened; the others are split again
 * the same way, and a small one is sorted and merged as ksLargestGaps merges. On most data the
 * largest gap lies in a few of up to 2^17 buckets (about one per 16 values), and only their few
 * values are sorted.
 *
 * Cost: O(n₁ + n₂), typically 3 passes over each sample; where the buckets to open would hold more
 * than half of a range's values (data crowded in one part of a wide range), that range is sorted and
 * merged instead, and at most 12 levels are split: O((n₁ + n₂) log(n₁ + n₂)) at worst, as a sort.
 * Extra memory: the values of the buckets opened, under twice the values in all.
 *
 * @param reference - the reference sample, any order, finite numbers (no NaN).
 * @param current - the current sample, any order, finite numbers.
 * @param range - the smallest and largest value of both samples together, when the caller has them
 *   already (`extremes`): one pass over each sample sooner.
 * @returns what `ksLargestGaps(sorted reference, sorted current)` returns.
 * @example
 * ksLargestGapsUnsorted(new Float64Array([3, 1, 2]), new Float64Array([4, 2, 3])).largestIntegerGap // => 3
 */
export function ksLargestGapsUnsorted(
  reference: Float64Array,
  current: Float64Array,
  range?: readonly [number, number],
): KsGaps {
  const referenceCount = reference.length;
  const currentCount = current.length;
  if (referenceCount === 0 || currentCount === 0 || referenceCount + currentCount <= LEAF_SIZE)
    return ksLargestGaps(sortAscending(reference), sortAscending(current));
  const gaps = ksGapTally(referenceCount, currentCount);
  // The largest value's gap, which the merge visits last (both counts whole).
  noteKsGap(gaps, referenceCount, currentCount);
  if (!split(gaps, reference, current, 0, 0, 0, range)) {
    return ksLargestGaps(sortAscending(reference), sortAscending(current));
  }
  return ksGapsOf(gaps);
}

/**
 * Whether a value inside a bucket, with between `i0` and `i1` reference values and between `j0` and
 * `j1` current values at or below it, could pass a gap found so far.
 */
function couldPass(gaps: KsGapTally, i0: number, i1: number, j0: number, j1: number): boolean {
  const n1 = gaps.referenceCount;
  const n2 = gaps.currentCount;
  return (
    i1 * n2 - j0 * n1 > gaps.above ||
    j1 * n1 - i0 * n2 > gaps.below ||
    i1 / n1 - j0 / n2 > gaps.floatAbove ||
    j1 / n2 - i0 / n1 > gaps.floatBelow
  );
}

/**
 * Notes the gaps of every value of `reference` and `current` (all the values lying between two
 * cumulative counts: `below1` reference and `below2` current values lie under them). False when the
 * range cannot be split (its width overflows or underflows): the caller sorts instead.
 */
function split(
  gaps: KsGapTally,
  reference: Float64Array,
  current: Float64Array,
  below1: number,
  below2: number,
  depth: number,
  range?: readonly [number, number],
): boolean {
  const size = reference.length + current.length;
  if (size <= LEAF_SIZE || depth >= DEEPEST_SPLIT) {
    mergeKsGaps(gaps, sortAscending(reference), sortAscending(current), below1, below2);
    return true;
  }
  const [low, high] = range ?? extremes(current, ...extremes(reference));
  // One distinct value: its gap was noted by whoever handed this range over.
  if (!(high > low)) return true;
  const buckets = Math.min(MOST_BUCKETS, 2 ** Math.ceil(Math.log2(size / VALUES_PER_BUCKET)));
  const scale = buckets / (high - low);
  if (!(scale > 0 && scale < Number.POSITIVE_INFINITY)) {
    if (depth > 0) mergeKsGaps(gaps, sortAscending(reference), sortAscending(current), below1, below2);
    return depth > 0;
  }
  const last = buckets - 1;
  const counts1 = countBuckets(reference, low, scale, last, buckets);
  const counts2 = countBuckets(current, low, scale, last, buckets);
  // Every bucket's last value: its cumulative counts, and its gaps.
  const starts1 = new Float64Array(buckets);
  const starts2 = new Float64Array(buckets);
  let i = below1;
  let j = below2;
  for (let bucket = 0; bucket < buckets; bucket++) {
    starts1[bucket] = i;
    starts2[bucket] = j;
    if (counts1[bucket]! + counts2[bucket]! === 0) continue;
    i += counts1[bucket]!;
    j += counts2[bucket]!;
    noteKsGap(gaps, i, j);
  }
  // The buckets inside which a gap could pass the largest found at the buckets' ends.
  const open = new Uint8Array(buckets);
  let openValues = 0;
  for (let bucket = 0; bucket < buckets; bucket++) {
    const inBucket = counts1[bucket]! + counts2[bucket]!;
    if (inBucket < 2) continue;
    const i0 = starts1[bucket]!;
    const j0 = starts2[bucket]!;
    if (couldPass(gaps, i0, i0 + counts1[bucket]!, j0, j0 + counts2[bucket]!)) {
      open[bucket] = 1;
      openValues += inBucket;
    }
  }
  if (openValues === 0) return true;
  // Buckets that would hold most of the values (data crowded in one part of a wide range, such as a
  // few values far out): splitting gains little there, and each level would hold another copy of
  // nearly all of them. Sorted instead, so that the copies held at once stay under twice the values.
  if (openValues > size / 2) {
    mergeKsGaps(gaps, sortAscending(reference), sortAscending(current), below1, below2);
    return true;
  }
  const parts1 = gatherOpen(reference, low, scale, last, open, counts1);
  const parts2 = gatherOpen(current, low, scale, last, open, counts2);
  for (let bucket = 0; bucket < buckets; bucket++) {
    if (open[bucket] === 0) continue;
    const i0 = starts1[bucket]!;
    const j0 = starts2[bucket]!;
    // Gaps found in the buckets opened before may have closed this one.
    if (!couldPass(gaps, i0, i0 + counts1[bucket]!, j0, j0 + counts2[bucket]!)) continue;
    const start1 = parts1.starts[bucket]!;
    const start2 = parts2.starts[bucket]!;
    split(
      gaps,
      parts1.values.subarray(start1, start1 + counts1[bucket]!),
      parts2.values.subarray(start2, start2 + counts2[bucket]!),
      i0,
      j0,
      depth + 1,
    );
  }
  return true;
}

function countBuckets(
  values: Float64Array,
  low: number,
  scale: number,
  last: number,
  buckets: number,
): Int32Array {
  const counts = new Int32Array(buckets);
  for (let index = 0; index < values.length; index++) {
    const bucket = Math.floor((values[index]! - low) * scale);
    counts[Math.min(bucket, last)]!++;
  }
  return counts;
}

/** The values of the open buckets, bucket after bucket, and where each bucket's values start. */
function gatherOpen(
  values: Float64Array,
  low: number,
  scale: number,
  last: number,
  open: Uint8Array,
  counts: Int32Array,
): { values: Float64Array; starts: Int32Array } {
  const starts = new Int32Array(open.length);
  let total = 0;
  for (let bucket = 0; bucket < open.length; bucket++) {
    starts[bucket] = total;
    if (open[bucket] === 1) total += counts[bucket]!;
  }
  const gathered = new Float64Array(total);
  const next = starts.slice();
  // Mostly the open buckets lie together: values outside a range around them are passed over with two
  // comparisons. The range is widened by far more than the rounding of (v − low) · scale can move a
  // bucket's edge (a few units in the last place of the largest magnitude involved), and every value
  // inside it is still put in its bucket exactly.
  const first = open.indexOf(1);
  const lastOpen = open.lastIndexOf(1);
  const width = 1 / scale;
  const slack = 2 ** -40 * (Math.abs(low) + Math.abs(low + open.length * width) + open.length * width);
  const from = first === 0 ? Number.NEGATIVE_INFINITY : low + first * width - slack;
  const to = lastOpen === last ? Number.POSITIVE_INFINITY : low + (lastOpen + 1) * width + slack;
  for (let index = 0; index < values.length; index++) {
    const value = values[index]!;
    if (value < from || value > to) continue;
    let bucket = Math.floor((value - low) * scale);
    if (bucket > last) bucket = last;
    if (open[bucket] === 1) gathered[next[bucket]!++] = value;
  }
  return { values: gathered, starts };
}
