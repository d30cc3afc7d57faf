import { describe, expect, it } from 'vitest';
import fixture from './fixtures/mt19937.json' with { type: 'json' };
import { mersenneTwister } from './mersenneTwister.js';
import { numpyLegacyShuffle } from './numpyLegacyShuffle.js';

const range = (n: number) => Int32Array.from({ length: n }, (_, index) => index);

// np.random.seed(seed); [np.random.permutation(n) for _ in range(draws)]; large n by checksum Σ i·p[i]
// and the first 20 entries. scripts/fixtures/stats_evidently_categorical.py.
describe('numpyLegacyShuffle against np.random.permutation', () => {
  it.each(
    fixture.cases.permutations.map(
      (testCase) => [`seed ${testCase.seed}, n ${testCase.n}`, testCase] as const,
    ),
  )('%s', (_, testCase) => {
    const source = mersenneTwister(testCase.seed);
    testCase.checksum.forEach((checksum, draw) => {
      const permutation = numpyLegacyShuffle(range(testCase.n), source);
      if (testCase.permutations.length > 0) expect([...permutation]).toEqual(testCase.permutations[draw]);
      expect([...permutation.subarray(0, 20)]).toEqual(testCase.head[draw]);
      let sum = 0;
      permutation.forEach((value, index) => {
        sum += value * index;
      });
      expect(sum).toBe(checksum);
    });
  });

  it('permutes: every value once, whatever the array type', () => {
    const shuffled = numpyLegacyShuffle(Float64Array.from([5, 1, 4, 1, 3]), mersenneTwister(9));
    expect([...shuffled].sort()).toEqual([1, 1, 3, 4, 5]);
    expect([...numpyLegacyShuffle(new Int32Array(0), mersenneTwister(0))]).toEqual([]);
  });
});
