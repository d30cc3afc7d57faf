import { describe, expect, it } from 'vitest';
import fixture from './fixtures/hypergeom.json' with { type: 'json' };
import { hypergeometricSample } from './hypergeometricSample.js';
import { mersenneTwister } from './mersenneTwister.js';

// scipy.stats.hypergeom.pmf / mean / var; scripts/fixtures/stats_evidently_categorical.py.
describe('hypergeometricSample against scipy.stats.hypergeom', () => {
  it.each(
    fixture.cases.map(
      (testCase) =>
        [`${testCase.marked} of ${testCase.population}, ${testCase.draws} draws`, testCase] as const,
    ),
  )('%s', (_, testCase) => {
    const source = mersenneTwister(11);
    const samples = 100000;
    const frequency = new Map<number, number>();
    let sum = 0;
    let squares = 0;
    for (let draw = 0; draw < samples; draw++) {
      const value = hypergeometricSample(testCase.population, testCase.marked, testCase.draws, source);
      frequency.set(value, (frequency.get(value) ?? 0) + 1);
      sum += value;
      squares += value * value;
    }
    // Each value's share within 5 binomial standard deviations of its probability (plus 1e-4 for the
    // values scipy's pmf leaves out below 1e-12).
    testCase.support.forEach((value, index) => {
      const probability = testCase.pmf[index]!;
      const share = (frequency.get(value) ?? 0) / samples;
      expect(Math.abs(share - probability)).toBeLessThanOrEqual(
        5 * Math.sqrt((probability * (1 - probability)) / samples) + 1e-4,
      );
    });
    const mean = sum / samples;
    // Mean within 5 standard errors; variance within 3% (its own standard error is about 0.45% here).
    expect(Math.abs(mean - testCase.mean)).toBeLessThanOrEqual(5 * Math.sqrt(testCase.variance / samples));
    expect(squares / samples - mean * mean).toBeCloseToRelative(testCase.variance, 0.03);
  });

  it('returns the only possible value without drawing, and refuses impossible counts', () => {
    const source = mersenneTwister(0);
    expect(hypergeometricSample(10, 10, 4, source)).toBe(4);
    expect(hypergeometricSample(10, 0, 4, source)).toBe(0);
    expect(hypergeometricSample(10, 3, 10, source)).toBe(3);
    expect(source.nextUint32()).toBe(2357136044); // nothing drawn yet
    expect(() => hypergeometricSample(10, 11, 4, source)).toThrow(/0 ≤ marked, draws ≤ population/);
    expect(() => hypergeometricSample(10, 3, 2.5, source)).toThrow(/0 ≤ marked, draws ≤ population/);
  });
});
