/** A source of uniformly distributed 32-bit unsigned integers. */
export interface Uint32Source {
  /** The next integer in 0 … 2³² − 1. */
  nextUint32(): number;
}

const STATE_SIZE = 624;
const SHIFT_SIZE = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/**
 * The Mersenne Twister MT19937 (Matsumoto and Nishimura, 1998), seeded as its reference `init_genrand`
 * and as numpy's legacy `np.random.seed(seed)` for an integer seed: the permutation tests of the drift
 * methods draw from it, so their p-values are reproducible (same data, same seed, same p-value) and,
 * with seed 0, equal to what Evidently's numpy code draws after `np.random.seed(0)`.
 *
 * Not for cryptography. The outputs are checked against numpy's (`fixtures/mt19937.json`).
 *
 * Definition: https://en.wikipedia.org/wiki/Mersenne_Twister
 *
 * Cost: O(1) amortised per number (624 words of state, regenerated every 624 draws).
 *
 * @param seed - an integer in 0 … 2³² − 1.
 * @throws Error when the seed is not such an integer.
 * @example
 * mersenneTwister(0).nextUint32() // => 2357136044 (numpy: np.random.seed(0); np.random.randint(0, 2**32))
 */
export function mersenneTwister(seed: number): Uint32Source {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new Error(`mersenneTwister needs an integer seed from 0 to 4294967295, got ${seed}`);
  }
  const state = new Uint32Array(STATE_SIZE);
  state[0] = seed >>> 0;
  for (let index = 1; index < STATE_SIZE; index++) {
    const previous = state[index - 1]! ^ (state[index - 1]! >>> 30);
    state[index] = (Math.imul(1812433253, previous) + index) >>> 0;
  }
  let position = STATE_SIZE;
  const regenerate = () => {
    for (let index = 0; index < STATE_SIZE; index++) {
      const word = (state[index]! & UPPER_MASK) | (state[(index + 1) % STATE_SIZE]! & LOWER_MASK);
      state[index] = state[(index + SHIFT_SIZE) % STATE_SIZE]! ^ (word >>> 1) ^ (word & 1 ? MATRIX_A : 0);
    }
    position = 0;
  };
  return {
    nextUint32() {
      if (position >= STATE_SIZE) regenerate();
      let word = state[position++]!;
      word ^= word >>> 11;
      word ^= (word << 7) & 0x9d2c5680;
      word ^= (word << 15) & 0xefc60000;
      word ^= word >>> 18;
      return word >>> 0;
    },
  };
}
