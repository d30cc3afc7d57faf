import { describe, expect, it } from 'vitest';
import { eppsSingletonTwoSample } from './eppsSingletonTwoSample.js';
import fixture from './fixtures/epps_singleton_2samp.json' with { type: 'json' };
import { sortAscending } from './sortAscending.js';
import { type SampleRecipe, sampleFromRecipe } from './testing/lcg.js';

type Sample = number[] | SampleRecipe;
const materialise = (sample: Sample): Float64Array =>
  sortAscending(Array.isArray(sample) ? Float64Array.from(sample) : sampleFromRecipe(sample));
const f = (values: number[]) => Float64Array.from(values);

// scipy.stats.epps_singleton_2samp(reference, current), t = (0.4, 0.8) as Evidently's es (fixtures/epps_singleton_2samp.json, scripts/fixtures/stats_evidently_pvalues.py).
describe('eppsSingletonTwoSample against scipy', () => {
  it.each(fixture.cases.map((testCase) => [testCase.name, testCase] as const))('%s', (_, testCase) => {
    const result = eppsSingletonTwoSample(
      materialise(testCase.reference as Sample),
      materialise(testCase.current as Sample),
    );
    // W = N·dᵀS⁺d goes through a 4 × 4 (pseudo-)inverse, which amplifies the rounding of the
    // covariance sums (BLAS in scipy, compensated here): 1e-12 is out of reach, 1e-10 holds.
    expect(result.statistic).toBeCloseToRelative(testCase.statistic, 1e-10);
    expect(result.pValue).toBeCloseToRelative(testCase.pValue, 1e-9);
  });
});

describe('eppsSingletonTwoSample refusals', () => {
  it('refuses fewer than 5 values, a zero interquartile range and fewer than 5 distinct values', () => {
    expect(() => eppsSingletonTwoSample(f([1, 2, 3, 4]), f([1, 2, 3, 4, 5]))).toThrow(
      /at least 5 values in each sample/,
    );
    expect(() =>
      eppsSingletonTwoSample(f([0, 1, 1, 1, 1, 1, 1, 1, 1, 9]), f([1, 1, 1, 1, 1, 1, 1, 2, 3, 4])),
    ).toThrow(/interquartile range of 0/);
    expect(() => eppsSingletonTwoSample(f([1, 2, 3, 4, 1]).sort(), f([1, 2, 3, 4, 2]).sort())).toThrow(
      /at least 5 distinct values/,
    );
  });
});
