import { describe, expect, it } from 'vitest';
import * as stats from './index.js';

// The @example values of the TSDoc blocks, so the documentation cannot drift from the code.
describe('documented examples', () => {
  it('match the TSDoc', () => {
    const reference = new Float64Array([1, 2, 3]);
    const current = new Float64Array([2, 3, 4]);
    expect(stats.ksStatistic(reference, current)).toBe(1 / 3);
    expect(stats.ksTwoSample(reference, current)).toEqual({ statistic: 1 / 3, pValue: 1, mode: 'exact' });
    expect(stats.roundHalfEven(0.03125)).toBe(0.0312);
    expect(stats.roundHalfEven(2.675, 2)).toBe(2.67);
    expect(stats.sortAscending(new Float64Array([3, -1, -0, 2.5]))).toEqual(
      new Float64Array([-1, 0, 2.5, 3]),
    );
    expect(stats.binCounts(new Float64Array([1, 2, 2, 3, 9]), new Float64Array([2, 5]))).toEqual(
      new Float64Array([3, 1, 1]),
    );
    expect(stats.benjaminiHochberg([0.5, 0.6, 0.1, 0.001])).toEqual([0.6, 0.6, 0.2, 0.004]);
    expect(stats.bonferroni([0.01, 0.04, 0.5])).toEqual([0.03, 0.12, 1]);
    expect(stats.wassersteinDistance(new Float64Array([0, 1, 3]), new Float64Array([5, 6, 8]))).toBe(5);
    expect(stats.mean([1e16, 1, -1e16])).toBe(1 / 3);
  });
});
