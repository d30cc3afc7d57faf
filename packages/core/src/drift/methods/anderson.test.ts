import { describe, expect, it } from 'vitest';
import fixture from '../../stats/fixtures/anderson_ksamp.json' with { type: 'json' };
import { isDriftScore } from '../method.js';
import { andersonMethod } from './anderson.js';
import { numericFeature } from './testing/numeric-feature.js';

const pair = (name: string) =>
  fixture.cases.find((entry) => entry.name === name) as {
    reference: number[];
    current: number[];
    pValue: number;
  };

describe('anderson (Evidently 0.7.21 anderson_darling_stattest.py)', () => {
  it('has Evidently’s threshold 0.1 and flags p < threshold', () => {
    expect(andersonMethod).toMatchObject({ scoreKind: 'p_value', defaultThreshold: 0.1, inclusive: false });
  });

  it('scores the p-value of scipy.stats.anderson_ksamp (fixture "evidently anderson/t_test test")', () => {
    const { reference, current, pValue } = pair('evidently anderson/t_test test');
    const { score } = andersonMethod.compute(numericFeature(reference, current));
    expect(score).toBeCloseToRelative(pValue, 1e-9);
    expect(isDriftScore('p_value', score, andersonMethod.defaultThreshold, andersonMethod.inclusive)).toBe(
      true,
    );
  });

  it('does not call p exactly at the threshold drift: the clamped p of 0.25 against 0.25', () => {
    const { reference, current } = pair('two and two');
    const { score } = andersonMethod.compute(numericFeature(reference, current));
    expect(score).toBe(0.25);
    expect(isDriftScore('p_value', score, 0.25, andersonMethod.inclusive)).toBe(false);
  });

  it('refuses fewer than 4 numbers in all, or a single distinct value, naming the column', () => {
    expect(andersonMethod.unsuitable(numericFeature([1, 2], [3]))).toBe(
      'anderson needs at least 4 numbers in "x" (reference and current together), and it has 3',
    );
    expect(andersonMethod.unsuitable(numericFeature([7, 7], [7, 7]))).toBe(
      'anderson needs two distinct numbers in "x"',
    );
    expect(andersonMethod.unsuitable(numericFeature([1, 2], [3, 4]))).toBeUndefined();
  });
});
