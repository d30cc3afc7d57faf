import { describe, expect, it } from 'vitest';
import fixture from './fixtures/mannwhitneyu.json' with { type: 'json' };
import { mannWhitneyU } from './mannWhitneyU.js';
import { sortAscending } from './sortAscending.js';
import { type SampleRecipe, sampleFromRecipe } from './testing/lcg.js';

type Sample = number[] | SampleRecipe;
const materialise = (sample: Sample): Float64Array =>
  sortAscending(Array.isArray(sample) ? Float64Array.from(sample) : sampleFromRecipe(sample));
const f = (values: number[]) => Float64Array.from(values);

// scipy.stats.mannwhitneyu(reference, current), two-sided (fixtures/mannwhitneyu.json, scripts/fixtures/stats_evidently_pvalues.py).
describe('mannWhitneyU against scipy', () => {
  it.each(fixture.cases.map((testCase) => [testCase.name, testCase] as const))('%s', (_, testCase) => {
    const result = mannWhitneyU(
      materialise(testCase.reference as Sample),
      materialise(testCase.current as Sample),
    );
    expect(result.mode).toBe(testCase.mode);
    expect(result.statistic).toBe(testCase.statistic);
    expect(result.pValue).toBeCloseToRelative(testCase.pValue, 1e-9);
  });
});

describe('mannWhitneyU departs from Evidently: two-sided, not alternative="less"', () => {
  it('flags a shift of current to smaller values that Evidently’s one-sided p misses', () => {
    const testCase = fixture.cases.find((entry) => entry.name === 'current shifted down 400 x 300')!;
    const ours = mannWhitneyU(
      materialise(testCase.reference as Sample),
      materialise(testCase.current as Sample),
    );
    // Evidently: mannwhitneyu(ref, cur, alternative='less') → p ≈ 1, no drift at 0.05.
    expect(testCase.evidentlyLessPValue).toBeGreaterThan(0.99);
    expect(ours.pValue).toBeLessThan(1e-6);
    expect(ours.pValue).toBeCloseToRelative(testCase.pValue, 1e-9);
  });
  it('gives every value equal p = 1, and refuses an empty sample', () => {
    expect(mannWhitneyU(f([2, 2, 2]), f([2, 2])).pValue).toBe(1);
    expect(() => mannWhitneyU(f([]), f([1]))).toThrow(
      /mannWhitneyU requires at least one value in sortedReference/,
    );
  });
});
