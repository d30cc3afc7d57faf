import { describe, expect, it } from 'vitest';
import smirnovFixture from './fixtures/smirnov.json' with { type: 'json' };
import { smirnovSurvival } from './smirnovSurvival.js';
import { closeTo } from './testing/closeness.js';

// scipy.special.smirnov(n, x).
describe('smirnovSurvival against scipy.special.smirnov', () => {
  it('matches all tabulated points', () => {
    const failures = smirnovFixture.cases.filter(({ n, x, sf }) => !closeTo(smirnovSurvival(n, x), sf, 1e-9));
    expect(failures.map(({ n, x, sf }) => ({ n, x, sf, got: smirnovSurvival(n, x) }))).toEqual([]);
  });
});
