import { describe, expect, it } from 'vitest';
import fixture from '../../stats/fixtures/epps_singleton_2samp.json' with { type: 'json' };
import { isDriftScore } from '../method.js';
import { eppsSingletonMethod } from './es.js';
import { numericFeature } from './testing/numeric-feature.js';

const pair = (name: string) =>
  fixture.cases.find((entry) => entry.name === name) as {
    reference: number[];
    current: number[];
    pValue: number;
  };

describe('es (Evidently 0.7.21 epps_singleton_stattest.py)', () => {
  it('has Evidently’s threshold 0.05 and flags p < threshold', () => {
    expect(eppsSingletonMethod).toMatchObject({
      scoreKind: 'p_value',
      defaultThreshold: 0.05,
      inclusive: false,
    });
  });

  it('scores the p-value of scipy.stats.epps_singleton_2samp (fixture "ties small")', () => {
    const { reference, current, pValue } = pair('ties small');
    expect(eppsSingletonMethod.compute(numericFeature(reference, current)).score).toBeCloseToRelative(
      pValue,
      1e-9,
    );
  });

  it('does not call p exactly at the threshold drift: equal samples give p = 1, against 1', () => {
    const { reference, current } = pair('equal samples');
    const { score } = eppsSingletonMethod.compute(numericFeature(reference, current));
    expect(score).toBe(1);
    expect(isDriftScore('p_value', score, 1, eppsSingletonMethod.inclusive)).toBe(false);
  });

  it('refuses fewer than 5 numbers per file, a zero interquartile range, too few distinct values', () => {
    expect(eppsSingletonMethod.unsuitable(numericFeature([1, 2, 3, 4], [5, 6, 7, 8, 9]))).toBe(
      'es needs at least 5 numbers in each file for "x"',
    );
    expect(
      eppsSingletonMethod.unsuitable(
        numericFeature([1, 2, 3, 5, 5, 5, 5, 5, 5], [5, 5, 5, 5, 5, 5, 7, 8, 9]),
      ),
    ).toMatch(/^es cannot score "x": .*interquartile range/);
    expect(eppsSingletonMethod.unsuitable(numericFeature([1, 2, 3, 1, 2], [1, 2, 3, 4, 1]))).toMatch(
      /^es cannot score "x": needs at least 5 distinct values/,
    );
    expect(eppsSingletonMethod.unsuitable(numericFeature([1, 2, 3, 4, 5], [2, 3, 4, 5, 6]))).toBeUndefined();
  });
});
