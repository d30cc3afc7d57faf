import { describe, expect, it } from 'vitest';
import { empiricalMmdTest } from './empiricalMmdTest.js';
import fixture from './fixtures/evidently_mmd.json' with { type: 'json' };
import { sortAscending } from './sortAscending.js';
import { type SampleRecipe, sampleFromRecipe } from './testing/lcg.js';

type MmdCase = {
  reference?: number[];
  current?: number[];
  referenceRecipe?: SampleRecipe;
  currentRecipe?: SampleRecipe;
  statistic: number;
  statisticExactSums: number;
  sigma: number;
  pValueSeed0: number;
  pValueExact?: number;
};
const cases = fixture.cases as MmdCase[];
const sample = (values: number[] | undefined, recipe: SampleRecipe | undefined) =>
  sortAscending(values === undefined ? sampleFromRecipe(recipe!) : Float64Array.from(values));
const run = (testCase: MmdCase, options = {}) =>
  empiricalMmdTest(
    sample(testCase.reference, testCase.referenceRecipe),
    sample(testCase.current, testCase.currentRecipe),
    options,
  );

// Evidently's mmd_stattest.py formula with numpy on the sorted samples, np.random.seed(0) before the 100
// permutations; scripts/fixtures/stats_evidently_categorical.py.
describe('empiricalMmdTest against the numpy transcription of Evidently', () => {
  it.each(cases.map((testCase, index) => [index, testCase] as const))(
    'case %d: statistic and sigma',
    (_, testCase) => {
      const result = run(testCase);
      expect(result.sigma).toBe(testCase.sigma);
      // Against exactly rounded sums (math.fsum) to 1e-12; numpy's own pairwise sums are 6.7e-14 away on case 5.
      expect(result.statistic).toBeCloseToRelative(testCase.statisticExactSums, 1e-12);
      expect(result.statistic).toBeCloseToRelative(testCase.statistic, 1e-12);
    },
  );

  // On continuous samples of 60 to 300 values no two relabellings tie, so the same permutations give
  // the same hits: the p-value is the transcription's bit for bit.
  it.each(
    cases
      .filter((testCase) => testCase.referenceRecipe !== undefined)
      .map((testCase, index) => [index, testCase] as const),
  )('case %d: p-value with seed 0 equals numpy after np.random.seed(0)', (_, testCase) => {
    expect(run(testCase).pValue).toBe(testCase.pValueSeed0);
  });

  // The exact permutation p over every split (fixture). 20,000 draws: standard deviation ≤ 0.0036; 0.018 is 5.
  it.each(
    cases
      .filter((testCase) => testCase.pValueExact !== undefined)
      .map((testCase, index) => [index, testCase] as const),
  )('case %d: converges to the exact permutation p-value', (_, testCase) => {
    const result = run(testCase, { permutations: 20000, seed: 3 });
    expect(Math.abs(result.pValue - testCase.pValueExact!)).toBeLessThanOrEqual(0.018);
  });

  it("gives Evidently's own test values (tests/stattests/test_stattests.py, abs 0.1)", () => {
    const p = (x: number[], y: number[]) =>
      empiricalMmdTest(sortAscending(Float64Array.from(x)), sortAscending(Float64Array.from(y))).pValue;
    const five = (values: number[]) => Array.from({ length: 5 }, () => values).flat();
    expect(p(five([1, 1, 1, 1, 1]), five([0, 0, 0, 0, 0]))).toBeLessThanOrEqual(0.1);
    expect(Math.abs(p(five([1, 0, 1, 0, 1]), five([1, 0, 1, 0, 1])) - 0.955)).toBeLessThanOrEqual(0.1);
    expect(p(five([1, 1, 1, 1, 1]), five([1, 1, 1, 1, 1]))).toBe(1);
    expect(Math.abs(p([1.1, 0.2, 2.1, 0, 1], [1, 0, 2, 0, 1]) - 0.96)).toBeLessThanOrEqual(0.1);
  });

  it('subsamples a sample above maxSampleSize, seeded, and refuses samples of one value', () => {
    const x = sampleFromRecipe({ seed: 31, count: 400, kind: 'bell', offset: 0, scale: 1 });
    const y = sampleFromRecipe({ seed: 32, count: 300, kind: 'bell', offset: 0.3, scale: 1 });
    const first = empiricalMmdTest(sortAscending(x), sortAscending(y), { maxSampleSize: 100 });
    expect([first.referenceSize, first.currentSize]).toEqual([100, 100]);
    expect(empiricalMmdTest(sortAscending(x), sortAscending(y), { maxSampleSize: 100 })).toEqual(first);
    expect(() => empiricalMmdTest(Float64Array.from([1]), Float64Array.from([1, 2]))).toThrow(
      /at least 2 values/,
    );
  });
});
