import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { chiSquareSurvival } from './chiSquareSurvival.js';
import tailsFixture from './fixtures/tails.json' with { type: 'json' };
import { closeTo } from './testing/closeness.js';

// scipy.stats.chi2.sf(x, k); scripts/fixtures/stats_tests_and_distances.py.
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
