import { describe, expect, it } from 'vitest';
import { cramerVonMisesTwoSample } from './cramerVonMisesTwoSample.js';
import fixture from './fixtures/cramervonmises_2samp.json' with { type: 'json' };
import { sortAscending } from './sortAscending.js';
import { type SampleRecipe, sampleFromRecipe } from './testing/lcg.js';

type Sample = number[] | SampleRecipe;
const materialise = (sample: Sample): Float64Array =>
  sortAscending(Array.isArray(sample) ? Float64Array.from(sample) : sampleFromRecipe(sample));
const f = (values: number[]) => Float64Array.from(values);

// scipy.stats.cramervonmises_2samp(reference, current), method='auto' (fixtures/cramervonmises_2samp.json, scripts/fixtures/stats_evidently_pvalues.py).
describe('cramerVonMisesTwoSample against scipy', () => {
  it.each(fixture.cases.map((testCase) => [testCase.name, testCase] as const))('%s', (_, testCase) => {
    const result = cramerVonMisesTwoSample(
      materialise(testCase.reference as Sample),
      materialise(testCase.current as Sample),
    );
    expect(result.mode).toBe(testCase.mode);
    // T is a difference of two terms of size n (u/(kN) and (4k−1)/(6N)): scipy's own rounding, ~n·ε.
    expect(result.statistic).toBeCloseToRelative(testCase.statistic, 1e-12, 1e-15);
    // p = 1 − F(t), F a sum of terms near 1: both sides carry a few ulps of 1 (≈ 2e-15) of rounding, so
    // p-values below ~1e-6 are compared to an absolute 1e-14 (seen: 2.3e-15).
    expect(result.pValue).toBeCloseToRelative(testCase.pValue, 1e-9, 1e-14);
  });
});

describe('cramerVonMisesTwoSample refusals', () => {
  it('names the function and the limit for a sample of one value', () => {
    expect(() => cramerVonMisesTwoSample(f([1]), f([1, 2]))).toThrow(
      /cramerVonMisesTwoSample requires at least 2 values in each sample \(got 1 and 2\)/,
    );
  });
});
