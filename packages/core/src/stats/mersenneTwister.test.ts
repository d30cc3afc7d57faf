import { describe, expect, it } from 'vitest';
import fixture from './fixtures/mt19937.json' with { type: 'json' };
import { mersenneTwister } from './mersenneTwister.js';

// np.random.seed(seed); np.random.randint(0, 2**32, size=1300, dtype=np.uint64): numpy's MT19937 words,
// past the first regeneration of the state (624 words). scripts/fixtures/stats_evidently_categorical.py.
describe('mersenneTwister against numpy MT19937', () => {
  it.each(fixture.cases.uint32.map((testCase) => [testCase.seed, testCase] as const))(
    'seed %d',
    (_, testCase) => {
      const source = mersenneTwister(testCase.seed);
      const words = testCase.uint32.map(() => source.nextUint32());
      expect(words).toEqual(testCase.uint32);
    },
  );

  it('gives the same stream for the same seed and another for another seed', () => {
    const first = mersenneTwister(42);
    const second = mersenneTwister(42);
    const other = mersenneTwister(43);
    const a = Array.from({ length: 700 }, () => first.nextUint32());
    expect(Array.from({ length: 700 }, () => second.nextUint32())).toEqual(a);
    expect(Array.from({ length: 700 }, () => other.nextUint32())).not.toEqual(a);
  });

  it.each([-1, 1.5, 2 ** 32, Number.NaN])('refuses the seed %d', (seed) => {
    expect(() => mersenneTwister(seed)).toThrow(/integer seed from 0 to 4294967295/);
  });
});
