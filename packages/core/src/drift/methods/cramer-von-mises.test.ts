import { describe, expect, it } from 'vitest';
import fixture from '../../stats/fixtures/cramervonmises_2samp.json' with { type: 'json' };
import { isDriftScore } from '../method.js';
import { cramerVonMisesMethod } from './cramer-von-mises.js';
import { numericFeature } from './testing/numeric-feature.js';

const pair = (name: string) =>
  fixture.cases.find((entry) => entry.name === name) as {
    reference: number[];
    current: number[];
    pValue: number;
  };

describe('cramer_von_mises (Evidently 0.7.21 cramer_von_mises_stattest.py)', () => {
  it('has Evidently’s threshold 0.1 and flags p <= threshold', () => {
    expect(cramerVonMisesMethod).toMatchObject({
      scoreKind: 'p_value',
      defaultThreshold: 0.1,
      inclusive: true,
    });
  });

  it('scores the p-value of scipy.stats.cramervonmises_2samp (fixture "tiny overlapping")', () => {
    const { reference, current, pValue } = pair('tiny overlapping');
    expect(cramerVonMisesMethod.compute(numericFeature(reference, current)).score).toBeCloseToRelative(
      pValue,
      1e-9,
    );
  });

  it('calls p exactly at the threshold drift: [1, 2, 3] vs [4, 5, 6] gives 2/20 = 0.1', () => {
    const { reference, current } = pair('tiny apart');
    const { score } = cramerVonMisesMethod.compute(numericFeature(reference, current));
    expect(score).toBe(0.1);
    const { scoreKind, defaultThreshold, inclusive } = cramerVonMisesMethod;
    expect(isDriftScore(scoreKind, score, defaultThreshold, inclusive)).toBe(true);
    expect(isDriftScore(scoreKind, 0.10000000000000002, defaultThreshold, inclusive)).toBe(false);
  });

  it('refuses a file with fewer than 2 numbers, naming the column', () => {
    expect(cramerVonMisesMethod.unsuitable(numericFeature([1], [2, 3]))).toBe(
      'cramer_von_mises needs at least 2 numbers in each file for "x"',
    );
    expect(cramerVonMisesMethod.unsuitable(numericFeature([1, 2], [3, 4]))).toBeUndefined();
  });
});
