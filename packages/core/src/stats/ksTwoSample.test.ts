import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import ksFixture from './fixtures/ks_2samp.json' with { type: 'json' };
import sweepFixture from './fixtures/ks_2samp_sweep.json' with { type: 'json' };
import { ksStatistic } from './ksStatistic.js';
import { ksTwoSample } from './ksTwoSample.js';
import { sortAscending } from './sortAscending.js';
import { type SampleRecipe, sampleFromRecipe } from './testing/lcg.js';

type Sample = number[] | SampleRecipe;

function materialise(sample: Sample): Float64Array {
  return sortAscending(Array.isArray(sample) ? Float64Array.from(sample) : sampleFromRecipe(sample));
}

// scipy.stats.ks_2samp(ref, cur) with its defaults; fixtures/ks_2samp.json, scripts/fixtures/stats_ks.py.
describe('ksTwoSample against scipy.stats.ks_2samp', () => {
  it.each([...ksFixture.cases, ...sweepFixture.cases].map((testCase) => [testCase.name, testCase] as const))(
    '%s',
    (_, testCase) => {
      const reference = materialise(testCase.reference as Sample);
      const current = materialise(testCase.current as Sample);
      const result = ksTwoSample(reference, current);
      expect(result.mode).toBe(testCase.mode);
      expect(result.statistic).toBeCloseToRelative(testCase.statistic, 1e-12);
      expect(result.pValue).toBeCloseToRelative(testCase.pValue, 1e-9);
      expect(ksStatistic(reference, current)).toBeCloseToRelative(testCase.statistic, 1e-12);
      // Exact mode is a line-by-line port: statistic (h / lcm) and p-value are scipy's bits.
      if (testCase.mode === 'exact') {
        expect(ksStatistic(reference, current)).toBe(testCase.statistic);
        expect(result.statistic).toBe(testCase.statistic);
        expect(result.pValue).toBe(testCase.pValue);
      }
    },
  );
});

describe('ksTwoSample input checks', () => {
  it('names the function and the fix for an empty sample', () => {
    expect(() => ksTwoSample(new Float64Array(), new Float64Array([1]))).toThrow(
      /ksTwoSample requires at least one value in sortedReference/,
    );
  });
});

describe('ksTwoSample properties', () => {
  const sample = fc
    .array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 40 })
    .map((values) => sortAscending(Float64Array.from(values, (value) => value / 4)));
  it('is symmetric, with D and p in [0, 1]', () => {
    fc.assert(
      fc.property(sample, sample, (reference, current) => {
        const forward = ksTwoSample(reference, current);
        const backward = ksTwoSample(current, reference);
        expect(backward.statistic).toBe(forward.statistic);
        expect(backward.pValue).toBe(forward.pValue);
        expect(forward.statistic).toBeGreaterThanOrEqual(0);
        expect(forward.statistic).toBeLessThanOrEqual(1);
        expect(forward.pValue).toBeGreaterThanOrEqual(0);
        expect(forward.pValue).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });
  it('gives D = 0 and p = 1 for identical samples', () => {
    fc.assert(
      fc.property(sample, (values) => {
        expect(ksTwoSample(values, values)).toEqual({ statistic: 0, pValue: 1, mode: 'exact' });
      }),
    );
  });
});
