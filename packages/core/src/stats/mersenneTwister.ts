/** A source of uniformly distributed 32-bit unsigned integers. */
export interface Uint32Source {
  /** The next integer in 0 … 2³² − 1. */
  nextUint32(): number;
}

const STATE_SIZE = 624;
const SHIFT_SIZE = 397;
// As signed 32-bit integers: the state lives in an Int32Array so that every operation stays on small
// integers (a Uint32Array's values above 2³¹ would be doubles, several times slower).
const MATRIX_A = 0x9908b0df | 0;
const UPPER_MASK = 0x80000000 | 0;
const LOWER_MASK = 0x7fffffff;
const TEMPER_B = 0x9d2c5680 | 0;
const TEMPER_C = 0xefc60000 | 0;

class MersenneTwister implements Uint32Source {
  private readonly state = new Int32Array(STATE_SIZE);
  private position = STATE_SIZE;

  constructor(seed: number) {
    const state = this.state;
    state[0] = seed | 0;
    for (let index = 1; index < STATE_SIZE; index++) {
      const previous = state[index - 1]! ^ (state[index - 1]! >>> 30);
      state[index] = (Math.imul(1812433253, previous) + index) | 0;
    }
  }

  nextUint32(): number {
    if (this.position >= STATE_SIZE) this.regenerate();
    let word = this.state[this.position++]!;
    word ^= word >>> 11;
    word ^= (word << 7) & TEMPER_B;
    word ^= (word << 15) & TEMPER_C;
    word ^= word >>> 18;
    return word >>> 0;
  }

  private regenerate(): void {
    const state = this.state;
    for (let index = 0; index < STATE_SIZE; index++) {
      const next = index + 1 === STATE_SIZE ? 0 : index + 1;
      const shifted = index + SHIFT_SIZE < STATE_SIZE ? index + SHIFT_SIZE : index + SHIFT_SIZE - STATE_SIZE;
      const word = (state[index]! & UPPER_MASK) | (state[next]! & LOWER_MASK);
      state[index] = state[shifted]! ^ (word >>> 1) ^ (word & 1 ? MATRIX_A : 0);
    }
    this.position = 0;
  }
}

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
  return new MersenneTwister(seed);
}
