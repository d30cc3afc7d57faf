import { describe, expect, it } from 'vitest';
import fixture from '../../stats/fixtures/ttest_ind.json' with { type: 'json' };
import { isDriftScore } from '../method.js';
import { studentTMethod } from './t-test.js';
import { numericFeature } from './testing/numeric-feature.js';

const pair = (name: string) =>
  fixture.cases.find((entry) => entry.name === name) as {
    reference: number[];
    current: number[];
    pValue: number;
  };

describe('t_test (Evidently 0.7.21 t_test.py)', () => {
  it('has Evidently’s threshold 0.05 and flags p < threshold', () => {
    expect(studentTMethod).toMatchObject({ scoreKind: 'p_value', defaultThreshold: 0.05, inclusive: false });
  });

  it('scores the p-value of scipy.stats.ttest_ind, pooled variance (fixture "tiny apart")', () => {
    const { reference, current, pValue } = pair('tiny apart');
    const { score } = studentTMethod.compute(numericFeature(reference, current));
    expect(score).toBeCloseToRelative(pValue, 1e-9);
    expect(isDriftScore('p_value', score, studentTMethod.defaultThreshold, studentTMethod.inclusive)).toBe(
      true,
    );
  });

  it('does not call p exactly at the threshold drift: equal samples give p = 1, against 1', () => {
    const { reference, current } = pair('equal samples');
    const { score } = studentTMethod.compute(numericFeature(reference, current));
    expect(score).toBe(1);
    expect(isDriftScore('p_value', score, 1, studentTMethod.inclusive)).toBe(false);
  });

  it('refuses a file with fewer than 2 numbers, or both files holding one and the same value', () => {
    expect(studentTMethod.unsuitable(numericFeature([1, 2], [3]))).toBe(
      't_test needs at least 2 numbers in each file for "x"',
    );
    expect(studentTMethod.unsuitable(numericFeature([4, 4], [4, 4, 4]))).toBe(
      't_test cannot score "x": both files hold the one value 4',
    );
    expect(studentTMethod.unsuitable(numericFeature([4, 4], [5, 5]))).toBeUndefined();
  });
});
