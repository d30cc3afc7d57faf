import { describe, expect, it } from 'vitest';
import { andersonKSample } from './andersonKSample.js';
import fixture from './fixtures/anderson_ksamp.json' with { type: 'json' };
import { sortAscending } from './sortAscending.js';
import { type SampleRecipe, sampleFromRecipe } from './testing/lcg.js';

type Sample = number[] | SampleRecipe;
const materialise = (sample: Sample): Float64Array =>
  sortAscending(Array.isArray(sample) ? Float64Array.from(sample) : sampleFromRecipe(sample));
const f = (values: number[]) => Float64Array.from(values);

// scipy.stats.anderson_ksamp([reference, current]), as Evidently's anderson (fixtures/anderson_ksamp.json, scripts/fixtures/stats_evidently_pvalues.py).
describe('andersonKSample against scipy', () => {
  it.each(fixture.cases.map((testCase) => [testCase.name, testCase] as const))('%s', (_, testCase) => {
    const result = andersonKSample(
      materialise(testCase.reference as Sample),
      materialise(testCase.current as Sample),
    );
    expect(result.statistic).toBeCloseToRelative(testCase.statistic, 1e-12);
    expect(result.pValue).toBeCloseToRelative(testCase.pValue, 1e-9);
    expect(result.limit).toBe(
      testCase.pValue === 0.25 ? 'capped' : testCase.pValue === 0.001 ? 'floored' : 'none',
    );
  });
});

describe('andersonKSample refusals and the Evidently test', () => {
  it('refuses fewer than 4 values and a single distinct value', () => {
    expect(() => andersonKSample(f([1]), f([2, 3]))).toThrow(
      /at least 4 values in the two samples together \(got 3\)/,
    );
    expect(() => andersonKSample(f([2, 2]), f([2, 2, 2]))).toThrow(/more than one distinct value/);
  });
  it('gives Evidently tests/stattests test_anderson_darling its 0.0635 (abs 1e-3)', () => {
    const p = andersonKSample(
      sortAscending(f([38.7, 41.5, 43.8, 44.5, 45.5, 46.0, 47.7, 58.0])),
      sortAscending(f([39.2, 39.3, 39.7, 41.4, 41.8, 42.9, 43.3, 45.8])),
    ).pValue;
    expect(Math.abs(p - 0.0635)).toBeLessThanOrEqual(1e-3);
  });
});
