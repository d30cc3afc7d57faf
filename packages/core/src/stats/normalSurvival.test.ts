import { describe, expect, it } from 'vitest';
import tailsFixture from './fixtures/tails.json' with { type: 'json' };
import { normalSurvival } from './normalSurvival.js';
import { closeTo } from './testing/closeness.js';

// scipy.stats.norm.sf(z); scripts/fixtures/stats_tests_and_distances.py.
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
