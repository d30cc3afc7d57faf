import { describe, expect, it } from 'vitest';
import kstwoFixture from './fixtures/kstwo_sf.json' with { type: 'json' };
import { kolmogorovSurvival } from './kolmogorovSurvival.js';
import { closeTo } from './testing/closeness.js';

// scipy.stats.kstwo.sf(x, n): every branch of scipy's _kolmogn.
describe('kolmogorovSurvival against scipy.stats.kstwo.sf', () => {
  it('matches all tabulated points', () => {
    const failures = kstwoFixture.cases.filter(
      ({ n, x, sf }) => !closeTo(kolmogorovSurvival(x, n), sf, 1e-9),
    );
    expect(failures.map(({ n, x, sf }) => ({ n, x, sf, got: kolmogorovSurvival(x, n) }))).toEqual([]);
  });
});
