import { describe, expect, it } from 'vitest';
import fixture from './fixtures/ttest_ind.json' with { type: 'json' };
import { sortAscending } from './sortAscending.js';
import { studentTTest } from './studentTTest.js';
import { type SampleRecipe, sampleFromRecipe } from './testing/lcg.js';

type Sample = number[] | SampleRecipe;
const materialise = (sample: Sample): Float64Array =>
  sortAscending(Array.isArray(sample) ? Float64Array.from(sample) : sampleFromRecipe(sample));
const f = (values: number[]) => Float64Array.from(values);

// scipy.stats.ttest_ind(reference, current), equal_var=True as Evidently's t_test (fixtures/ttest_ind.json, scripts/fixtures/stats_evidently_pvalues.py).
describe('studentTTest against scipy', () => {
  it.each(fixture.cases.map((testCase) => [testCase.name, testCase] as const))('%s', (_, testCase) => {
    const result = studentTTest(
      materialise(testCase.reference as Sample),
      materialise(testCase.current as Sample),
    );
    expect(result.statistic).toBeCloseToRelative(testCase.statistic, 1e-12, 1e-15);
    expect(result.pValue).toBeCloseToRelative(testCase.pValue, 1e-9);
  });
});

import tailFixture from './fixtures/t_sf.json' with { type: 'json' };
import { studentTSurvival } from './studentTSurvival.js';

describe('studentTSurvival against scipy.stats.t.sf (fixtures/t_sf.json)', () => {
  it.each(tailFixture.cases.map((point) => [point.t, point.df, point.sf] as const))(
    't = %d, df = %d',
    (t, df, sf) => {
      expect(studentTSurvival(t, df)).toBeCloseToRelative(sf, 1e-9);
    },
  );
});

describe('studentTTest refusals and the Evidently test', () => {
  it('refuses a one-value sample and two equal constant samples', () => {
    expect(() => studentTTest(f([1]), f([1, 2]))).toThrow(/at least 2 values in each sample \(got 1 and 2\)/);
    expect(() => studentTTest(f([3, 3]), f([3, 3, 3]))).toThrow(/both samples constant and equal/);
  });
  it('gives p = 0 for two different constant samples (t = ∞), as scipy', () => {
    expect(studentTTest(f([1, 1]), f([2, 2])).pValue).toBe(0);
  });
  it('gives Evidently tests/stattests test_t_test its 0.084 (abs 1e-3)', () => {
    const p = studentTTest(
      sortAscending(f([38.7, 41.5, 43.8, 44.5, 45.5, 46.0, 47.7, 58.0])),
      sortAscending(f([39.2, 39.3, 39.7, 41.4, 41.8, 42.9, 43.3, 45.8])),
    ).pValue;
    expect(Math.abs(p - 0.084)).toBeLessThanOrEqual(1e-3);
  });
});
