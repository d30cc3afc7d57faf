import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { chiSquareSurvival } from './chiSquareSurvival.js';
import tailsFixture from './fixtures/tails.json' with { type: 'json' };
import { logGamma } from './logGamma.js';
import { normalSurvival } from './normalSurvival.js';
import { regularizedUpperGamma } from './regularizedUpperGamma.js';
import { closeTo } from './testing/closeness.js';

// scipy.stats.chi2.sf(x, k) and scipy.stats.norm.sf(z); scripts/fixtures/stats_tests_and_distances.py.
describe('chiSquareSurvival against scipy.stats.chi2.sf', () => {
  it(`matches ${tailsFixture.cases.chi2.length} points to 1e-9 relative, down to 1e-300`, () => {
    const failures = tailsFixture.cases.chi2.filter(
      ({ x, k, sf }) => !closeTo(chiSquareSurvival(x, k), sf, 1e-9),
    );
    expect(failures.map((point) => ({ ...point, got: chiSquareSurvival(point.x, point.k) }))).toEqual([]);
  });
  it('rejects invalid degrees of freedom and NaN', () => {
    expect(() => chiSquareSurvival(1, 0)).toThrow(/chiSquareSurvival needs positive degrees of freedom/);
    expect(() => chiSquareSurvival(Number.NaN, 2)).toThrow(/chiSquareSurvival got NaN/);
  });
  it('is needed: 1 − jStat.chisquare.cdf loses the tail (the measurement quoted in the TSDoc)', () => {
    type JStat = { chisquare: { cdf(x: number, k: number): number } };
    const jStatModule = createRequire(import.meta.url)('jstat') as JStat & { jStat?: JStat };
    const jStat = jStatModule.jStat ?? jStatModule;
    const jstatTail = (x: number, k: number) => 1 - jStat.chisquare.cdf(x, k);
    // scipy.stats.chi2.sf(60, 3) = 5.878230727906921e-13
    expect(Math.abs(jstatTail(60, 3) / 5.878230727906921e-13 - 1)).toBeGreaterThan(1e-5);
    expect(chiSquareSurvival(60, 3)).toBeCloseToRelative(5.878230727906921e-13, 1e-12);
    // scipy.stats.chi2.sf(100, 3) = 1.5541594313896026e-21
    expect(jstatTail(100, 3)).toBe(0);
    expect(chiSquareSurvival(100, 3)).toBeCloseToRelative(1.5541594313896026e-21, 1e-12);
  });
});

describe('normalSurvival against scipy.stats.norm.sf', () => {
  it(`matches ${tailsFixture.cases.normal.length} points to 1e-9 relative`, () => {
    const failures = tailsFixture.cases.normal.filter(({ z, sf }) => !closeTo(normalSurvival(z), sf, 1e-9));
    expect(failures.map((point) => ({ ...point, got: normalSurvival(point.z) }))).toEqual([]);
  });
  it('handles infinities and rejects NaN', () => {
    expect(normalSurvival(Number.POSITIVE_INFINITY)).toBe(0);
    expect(normalSurvival(Number.NEGATIVE_INFINITY)).toBe(1);
    expect(() => normalSurvival(Number.NaN)).toThrow(/normalSurvival got NaN/);
  });
});

describe('logGamma and regularizedUpperGamma', () => {
  it.each([
    [0.5, Math.log(Math.sqrt(Math.PI))],
    [1, 0],
    [2, 0],
    [10, Math.log(362880)],
    [171, 706.5730622457874], // math.lgamma(171)
    [1e-10, 23.025850929882733], // math.lgamma(1e-10)
  ])('logGamma(%d)', (x, expected) => {
    // Absolute 1e-14 near the zeros at 1 and 2 (the recurrence subtracts two logs near 25); the
    // incomplete gamma only ever exponentiates it, so that is a relative error of 1e-14 there.
    expect(logGamma(x)).toBeCloseToRelative(expected, 1e-13, 1e-14);
  });
  it('gives e^-x for a = 1 and rejects bad arguments', () => {
    expect(regularizedUpperGamma(1, 2)).toBeCloseToRelative(Math.exp(-2), 1e-14);
    expect(regularizedUpperGamma(3, 0)).toBe(1);
    expect(() => regularizedUpperGamma(0, 1)).toThrow(/regularizedUpperGamma needs a > 0/);
    expect(() => logGamma(-1)).toThrow(/logGamma needs a finite positive argument/);
  });
});
