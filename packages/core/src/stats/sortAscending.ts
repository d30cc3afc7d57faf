/**
 * Below this length the engine's comparison sort is faster than the radix sort's fixed costs.
 */
const RADIX_THRESHOLD = 512;

const isLittleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Returns a new array with the values in ascending numeric order; the input is not changed.
 *
 * `-0` is written as `0`, so every later statistic sees one zero (a two-sample statistic must treat
 * `-0` and `0` as the same value). For more than a few hundred values this is a least-significant-digit
 * radix sort on the IEEE-754 bits: each double becomes an unsigned 64-bit key (positive numbers get
 * their sign bit set, negative numbers have every bit flipped), so unsigned key order is numeric order;
 * six stable counting passes of 11/11/10 bits move the values by their key digits (keys are derived
 * on the fly, so only real doubles are copied), and passes in which every key has the same digit are
 * skipped. It is faster than `Float64Array.prototype.sort` on large samples (figures in
 * docs/drift-detector.md, "Inner costs").
 *
 * Definition: https://en.wikipedia.org/wiki/Radix_sort#Least_significant_digit
 *
 * Cost: O(n) time (seven passes), O(n) extra memory (the output and one scratch array; only the
 * scratch array with {@link sortAscendingInPlace}).
 *
 * @param values - the numbers to sort; must not contain NaN (±Infinity are fine and sort to the ends).
 * @returns a new `Float64Array` sorted ascending, with `-0` normalised to `0`.
 * @throws Error when a value is NaN: remove missing values before sorting.
 * @example
 * sortAscending(new Float64Array([3, -1, -0, 2.5])) // => Float64Array [-1, 0, 2.5, 3]
 */
export function sortAscending(values: Float64Array): Float64Array {
  return sortInto(values, new Float64Array(values.length));
}

/**
 * {@link sortAscending} in the array itself, for values no one needs in their old order (a column
 * just read): the same result without a second array of the same size alive at once. `scratch`, at
 * least as long as `values`, is used instead of a new scratch array: several columns sorted one after
 * the other can share one (its contents are overwritten).
 *
 * @returns `values`, sorted ascending, with `-0` written as `0`.
 * @throws Error when a value is NaN (the array is then left partly changed).
 * @example
 * sortAscendingInPlace(new Float64Array([3, -1, -0, 2.5])) // => Float64Array [-1, 0, 2.5, 3] (the same array)
 */
export function sortAscendingInPlace(values: Float64Array, scratch?: Float64Array): Float64Array {
  return sortInto(values, values, scratch);
}

/**
 * Sorts `values` into `output` (of the same length; may be `values` itself) and returns `output`;
 * the radix sort's scratch is `scratch` when long enough, else a new array.
 */
function sortInto(values: Float64Array, output: Float64Array, scratch?: Float64Array): Float64Array {
  const count = values.length;
  if (count >= RADIX_THRESHOLD && isLittleEndian)
    return radixSort(
      values,
      output,
      scratch !== undefined && scratch.length >= count && scratch.buffer !== values.buffer
        ? scratch.subarray(0, count)
        : new Float64Array(count),
    );
  for (let index = 0; index < count; index++) output[index] = normalisedValue(values, index);
  return output.sort();
}

/** values[index] with -0 written as +0 (`value + 0` changes nothing else); throws on NaN. */
function normalisedValue(values: Float64Array, index: number): number {
  const value = values[index]!;
  if (Number.isNaN(value)) {
    throw new Error(`sortAscending found NaN at index ${index}: remove missing values before sorting`);
  }
  return value + 0;
}

function radixSort(values: Float64Array, output: Float64Array, scratch: Float64Array): Float64Array {
  const count = values.length;
  // The passes go back and forth between `output` and one scratch array.
  let source: Float64Array = output;
  let target: Float64Array = scratch;
  const histograms = copyAndCountDigits(values, source);
  for (let pass = 0; pass < 6; pass++) {
    // A pass in which one bucket holds every key would not move anything.
    if (!toBucketStarts(histograms, pass * 2048, count)) continue;
    if (pass < 3) scatterByLowDigit(source, target, histograms, pass);
    else scatterByHighDigit(source, target, histograms, pass);
    [source, target] = [target, source];
  }
  // After an odd number of passes the values sit in the scratch array.
  if (source !== output) output.set(source);
  return output;
}

// The passes are small functions, one loop each, rather than one function with seven loops: the
// engine optimises a loop while it runs, and a function whose later loops have not run yet would be
// optimised without knowing their types, then thrown away, which made the first sorts of each thread
// several times slower (figures in docs/drift-detector.md, "Inner costs").

/**
 * Copies the values into `source` (-0 as 0, NaN refused; `source` may be `values` itself) and counts,
 * in the same read, the digits of every key for all six passes. The key of a double is its bit pattern with the sign bit flipped when
 * positive and every bit flipped when negative; it is derived on the fly from the value (so only
 * real, non-NaN doubles are ever copied).
 */
function copyAndCountDigits(values: Float64Array, source: Float64Array): Uint32Array {
  const count = values.length;
  const words = new Uint32Array(source.buffer, source.byteOffset, count * 2);
  const histograms = new Uint32Array(6 * 2048);
  for (let index = 0; index < count; index++) {
    source[index] = normalisedValue(values, index);
    const high = words[2 * index + 1]!;
    const flip = high >> 31;
    const keyLow = words[2 * index]! ^ flip;
    const keyHigh = high ^ (flip | 0x80000000);
    histograms[keyLow & 0x7ff]!++;
    histograms[2048 + ((keyLow >>> 11) & 0x7ff)]!++;
    histograms[4096 + (keyLow >>> 22)]!++;
    histograms[6144 + (keyHigh & 0x7ff)]!++;
    histograms[8192 + ((keyHigh >>> 11) & 0x7ff)]!++;
    histograms[10240 + (keyHigh >>> 22)]!++;
  }
  return histograms;
}

/**
 * Turns one pass's digit counts into the start of each bucket; false when one bucket holds every key
 * (the pass would move nothing).
 */
function toBucketStarts(histograms: Uint32Array, base: number, count: number): boolean {
  let moves = true;
  let running = 0;
  for (let bucket = 0; bucket < 2048; bucket++) {
    const bucketCount = histograms[base + bucket]!;
    if (bucketCount === count) moves = false;
    histograms[base + bucket] = running;
    running += bucketCount;
  }
  return moves;
}

/** One stable counting pass on a digit of the low 32 bits of the keys (passes 0 to 2). */
function scatterByLowDigit(
  source: Float64Array,
  target: Float64Array,
  histograms: Uint32Array,
  pass: number,
) {
  const words = new Uint32Array(source.buffer, source.byteOffset, source.length * 2);
  const base = pass * 2048;
  const shift = pass * 11;
  const mask = pass === 2 ? 0x3ff : 0x7ff;
  for (let index = 0; index < source.length; index++) {
    const keyLow = words[2 * index]! ^ (words[2 * index + 1]! >> 31);
    target[histograms[base + ((keyLow >>> shift) & mask)]!++] = source[index]!;
  }
}

/** One stable counting pass on a digit of the high 32 bits of the keys (passes 3 to 5). */
function scatterByHighDigit(
  source: Float64Array,
  target: Float64Array,
  histograms: Uint32Array,
  pass: number,
) {
  const words = new Uint32Array(source.buffer, source.byteOffset, source.length * 2);
  const base = pass * 2048;
  const shift = (pass - 3) * 11;
  const mask = pass === 5 ? 0x3ff : 0x7ff;
  for (let index = 0; index < source.length; index++) {
    const high = words[2 * index + 1]!;
    const keyHigh = high ^ ((high >> 31) | 0x80000000);
    target[histograms[base + ((keyHigh >>> shift) & mask)]!++] = source[index]!;
  }
}
