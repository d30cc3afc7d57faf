/**
 * Below this length the engine's comparison sort is faster than the radix sort's fixed costs.
 */
const RADIX_THRESHOLD = 512;

/** 2¹¹ buckets: six passes of 11, 11, 10 bits over each 32-bit half of the key. */
const DIGIT_BITS = [11, 11, 10] as const;

const isLittleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Returns a new array with the values in ascending numeric order; the input is not changed.
 *
 * `-0` is written as `0`, so every later statistic sees one zero (a two-sample statistic must treat
 * `-0` and `0` as the same value). For more than a few hundred values this is a least-significant-digit
 * radix sort on the IEEE-754 bits: each double becomes an unsigned 64-bit key (positive numbers get
 * their sign bit set, negative numbers have every bit flipped), so unsigned key order is numeric order;
 * six stable counting passes of 11/11/10 bits then order the keys, and passes in which every key has
 * the same digit are skipped. This is several times faster than `Float64Array.prototype.sort` on large
 * arrays (measured figures in the stats README of the report: about 6× on 1,000,000 values).
 *
 * Definition: https://en.wikipedia.org/wiki/Radix_sort#Least_significant_digit
 *
 * Cost: O(n) time (six passes), O(n) extra memory (two key arrays and their scratch copies).
 *
 * @param values - the numbers to sort; must not contain NaN (±Infinity are fine and sort to the ends).
 * @returns a new `Float64Array` sorted ascending, with `-0` normalised to `0`.
 * @throws Error when a value is NaN: remove missing values before sorting.
 * @example
 * sortAscending(new Float64Array([3, -1, -0, 2.5])) // => Float64Array [-1, 0, 2.5, 3]
 */
export function sortAscending(values: Float64Array): Float64Array {
  const count = values.length;
  const sorted = new Float64Array(count);
  for (let index = 0; index < count; index++) {
    const value = values[index]!;
    if (Number.isNaN(value)) {
      throw new Error(`sortAscending found NaN at index ${index}: remove missing values before sorting`);
    }
    // `value + 0` turns -0 into +0 and leaves every other value unchanged.
    sorted[index] = value + 0;
  }
  if (count < RADIX_THRESHOLD || !isLittleEndian) {
    return sorted.sort();
  }
  return radixSortInPlace(sorted);
}

function radixSortInPlace(values: Float64Array): Float64Array {
  const count = values.length;
  const words = new Uint32Array(values.buffer, values.byteOffset, count * 2);
  let keysLow = new Uint32Array(count);
  let keysHigh = new Uint32Array(count);
  let scratchLow = new Uint32Array(count);
  let scratchHigh = new Uint32Array(count);
  // One histogram per pass, all filled in a single read of the keys.
  const histograms = new Uint32Array(6 * 2048);
  for (let index = 0; index < count; index++) {
    let low = words[2 * index]!;
    let high = words[2 * index + 1]!;
    if (high & 0x80000000) {
      low = ~low >>> 0;
      high = ~high >>> 0;
    } else {
      high = (high | 0x80000000) >>> 0;
    }
    keysLow[index] = low;
    keysHigh[index] = high;
    histograms[low & 0x7ff]!++;
    histograms[2048 + ((low >>> 11) & 0x7ff)]!++;
    histograms[4096 + (low >>> 22)]!++;
    histograms[6144 + (high & 0x7ff)]!++;
    histograms[8192 + ((high >>> 11) & 0x7ff)]!++;
    histograms[10240 + (high >>> 22)]!++;
  }
  for (let pass = 0; pass < 6; pass++) {
    const shift = pass % 3 === 0 ? 0 : pass % 3 === 1 ? 11 : 22;
    const mask = (1 << DIGIT_BITS[pass % 3]!) - 1;
    const base = pass * 2048;
    // A pass where one bucket holds every key would not move anything.
    let skip = false;
    let running = 0;
    for (let bucket = 0; bucket < 2048; bucket++) {
      const bucketCount = histograms[base + bucket]!;
      if (bucketCount === count) skip = true;
      histograms[base + bucket] = running;
      running += bucketCount;
    }
    if (skip) continue;
    const digitSource = pass < 3 ? keysLow : keysHigh;
    for (let index = 0; index < count; index++) {
      const digit = (digitSource[index]! >>> shift) & mask;
      const target = histograms[base + digit]!++;
      scratchLow[target] = keysLow[index]!;
      scratchHigh[target] = keysHigh[index]!;
    }
    [keysLow, scratchLow] = [scratchLow, keysLow];
    [keysHigh, scratchHigh] = [scratchHigh, keysHigh];
  }
  for (let index = 0; index < count; index++) {
    const low = keysLow[index]!;
    const high = keysHigh[index]!;
    if (high & 0x80000000) {
      words[2 * index] = low;
      words[2 * index + 1] = high & 0x7fffffff;
    } else {
      words[2 * index] = ~low >>> 0;
      words[2 * index + 1] = ~high >>> 0;
    }
  }
  return values;
}
