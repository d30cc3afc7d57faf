import { describe, expect, it } from 'vitest';
import { ksStatistic } from './ksStatistic.js';

// Its values against scipy.stats.ks_2samp are checked with ksTwoSample's, on the same fixture rows
// (ksTwoSample.test.ts), so the large samples are built once.
describe('ksStatistic input checks', () => {
  it('names the function and the fix for an empty sample', () => {
    expect(() => ksStatistic(new Float64Array([1]), new Float64Array())).toThrow(
      /ksStatistic .* sortedCurrent/,
    );
  });
});
