import { describe, expect, it } from 'vitest';
import fixture from './fixtures/evidently_tvd.json' with { type: 'json' };
import { totalVariationDistance } from './totalVariationDistance.js';

// 0.5 * np.sum(np.abs(reference / R - current / C)); scripts/fixtures/stats_evidently_categorical.py.
describe('totalVariationDistance against the numpy formula', () => {
  it.each(
    fixture.cases.map(
      (testCase) => [JSON.stringify([testCase.reference, testCase.current]), testCase] as const,
    ),
  )('%s', (_, testCase) => {
    expect(totalVariationDistance(testCase.reference, testCase.current)).toBeCloseToRelative(
      testCase.statistic,
      1e-12,
    );
  });

  it('is 0 for equal shares, 1 for disjoint categories', () => {
    expect(totalVariationDistance([1, 2], [2, 4])).toBe(0);
    expect(totalVariationDistance([3, 0], [0, 5])).toBe(1);
  });

  it('refuses empty samples and mismatched lists', () => {
    expect(() => totalVariationDistance([0, 0], [1, 1])).toThrow(/at least one count in each sample/);
    expect(() => totalVariationDistance([1], [1, 2])).toThrow(/equally long/);
  });
});
