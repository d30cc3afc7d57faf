import type { Uint32Source } from './mersenneTwister.js';

/**
 * Shuffles `values` in place exactly as numpy's legacy `RandomState.shuffle` does on a 1-D array
 * (and so `np.random.permutation(n)` on `0 … n − 1`, and `np.random.choice(a, k, replace=False)`,
 * which takes the first k of such a permutation): for i from n − 1 down to 1, swap position i with a
 * j drawn uniformly from 0 … i by masking 32-bit draws to the next power of two minus one and
 * rejecting those above i (numpy's `random_interval`).
 *
 * Definition: https://en.wikipedia.org/wiki/Fisher%E2%80%93Yates_shuffle (the draws: numpy's
 * `numpy/random/src/distributions/distributions.c`, `random_interval`).
 *
 * Cost: O(n), about 1.4 draws per element on average.
 *
 * @param values - the array to shuffle (length below 2³²).
 * @param source - the generator, e.g. `mersenneTwister(0)` for numpy's `np.random.seed(0)`.
 * @returns `values`, shuffled.
 * @example
 * numpyLegacyShuffle(Int32Array.from([0, 1, 2, 3, 4]), mersenneTwister(0)) // => Int32Array [2, 0, 1, 3, 4]
 */
export function numpyLegacyShuffle<T extends { [index: number]: number; length: number }>(
  values: T,
  source: Uint32Source,
): T {
  for (let index = values.length - 1; index > 0; index--) {
    const mask = 0xffffffff >>> Math.clz32(index);
    let drawn: number;
    do drawn = (source.nextUint32() & mask) >>> 0;
    while (drawn > index);
    const swapped = values[index]!;
    values[index] = values[drawn]!;
    values[drawn] = swapped;
  }
  return values;
}
