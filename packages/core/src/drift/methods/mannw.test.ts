import { describe, expect, it } from 'vitest';
import fixture from '../../stats/fixtures/mannwhitneyu.json' with { type: 'json' };
import { type SampleRecipe, sampleFromRecipe } from '../../stats/testing/lcg.js';
import { isDriftScore } from '../method.js';
import { mannWhitneyMethod } from './mannw.js';
import { numericFeature } from './testing/numeric-feature.js';

type Sample = number[] | SampleRecipe;
const values = (sample: Sample) => (Array.isArray(sample) ? sample : Array.from(sampleFromRecipe(sample)));
const pair = (name: string) =>
  fixture.cases.find((entry) => entry.name === name) as unknown as {
    reference: Sample;
    current: Sample;
    pValue: number;
    evidentlyLessPValue: number;
  };

describe('mannw (Evidently 0.7.21 mann_whitney_urank_stattest.py, two-sided here)', () => {
  it('has Evidently’s threshold 0.05 and flags p < threshold', () => {
    expect(mannWhitneyMethod).toMatchObject({
      scoreKind: 'p_value',
      defaultThreshold: 0.05,
      inclusive: false,
    });
  });

  it('scores the two-sided p-value of scipy.stats.mannwhitneyu, not Evidently’s alternative="less"', () => {
    const { reference, current, pValue, evidentlyLessPValue } = pair('current shifted down 400 x 300');
    const { score } = mannWhitneyMethod.compute(numericFeature(values(reference), values(current)));
    expect(score).toBeCloseToRelative(pValue, 1e-9);
    // The shift Evidently's one-sided test cannot see (docs/drift-detector.md, "Departure").
    expect(evidentlyLessPValue).toBeGreaterThan(0.99);
    expect(isDriftScore('p_value', score, mannWhitneyMethod.defaultThreshold)).toBe(true);
  });

  it('does not call p exactly at the threshold drift: [1, 2, 3] vs [4, 5, 6] gives 2/20 = 0.1', () => {
    const { reference, current } = pair('tiny apart');
    const { score } = mannWhitneyMethod.compute(numericFeature(values(reference), values(current)));
    expect(score).toBe(0.1);
    expect(isDriftScore('p_value', score, 0.1, mannWhitneyMethod.inclusive)).toBe(false);
    expect(isDriftScore('p_value', score, 0.10000000000000002, mannWhitneyMethod.inclusive)).toBe(true);
  });

  it('scores any column with a number on each side (no size limit of its own)', () => {
    expect('unsuitable' in mannWhitneyMethod).toBe(false);
    expect(mannWhitneyMethod.compute(numericFeature([1], [2])).score).toBe(1);
  });
});
