import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../../../../tests/helpers/runs.js';
import { exactMean } from './exactMean.js';
import meanFixture from './fixtures/mean_exact.json' with { type: 'json' };
import momentsFixture from './fixtures/moments.json' with { type: 'json' };
import { mean } from './mean.js';

// statistics.mean of the samples; scripts/fixtures/stats_rounding_and_moments.py.
describe('mean against Python statistics.mean', () => {
  it.each(momentsFixture.cases.map((testCase, index) => [index, testCase] as const))(
    'sample %i',
    (_, testCase) => {
      expect(mean(testCase.values)).toBe(testCase.mean);
    },
  );
  it(`mean equals statistics.mean bit for bit on ${meanFixture.cases.length} samples next to decimal ties`, () => {
    const cases = meanFixture.cases as [number[], number][];
    const failures = cases.filter(
      ([values, expected]) => mean(values) !== expected || exactMean(values) !== expected,
    );
    expect(failures.map(([values, expected]) => ({ values, expected, got: mean(values) }))).toEqual([]);
  });
  it('takes the fast path or the exact fallback and both give the same double (property)', () => {
    const value = fc.oneof(
      fc.integer({ min: -1_000_000, max: 1_000_000 }).map((units) => units / 10_000),
      fc.double({ min: -1e200, max: 1e200, noNaN: true }),
      fc.constantFrom(1e16, -1e16, 1, 0.1, -0.1, 5e-324),
    );
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 60 }), (values) => {
        expect(mean(values)).toBe(exactMean(values));
      }),
      { numRuns: propertyRuns(2000) },
    );
  });
  it('gives +0 for a zero mean, as statistics.mean does (statistics.mean([-0.0]) == 0.0)', () => {
    for (const values of [[-0], [-0, -0], [1, -1], [-0, 0]]) {
      expect(Object.is(mean(values), 0)).toBe(true);
      expect(Object.is(exactMean(values), 0)).toBe(true);
    }
  });
  it('throws for an empty sample, naming the function', () => {
    expect(() => mean([])).toThrow(/mean requires at least one value/);
  });
});
