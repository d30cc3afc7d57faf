import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from './benjaminiHochberg.js';
import fdrFixture from './fixtures/false_discovery_control.json' with { type: 'json' };

// scipy.stats.false_discovery_control; scripts/fixtures/stats_tests_and_distances.py.
describe('benjaminiHochberg against scipy.stats.false_discovery_control', () => {
  it.each(fdrFixture.cases.map((testCase) => [JSON.stringify(testCase.pValues), testCase] as const))(
    "benjaminiHochberg(%s) = false_discovery_control(ps, method='bh')",
    (_, testCase) => {
      const adjusted = benjaminiHochberg(testCase.pValues);
      expect(adjusted.length).toBe(testCase.bh.length);
      adjusted.forEach((value, index) => {
        expect(value).toBeCloseToRelative(testCase.bh[index]!, 1e-15, 0);
      });
    },
  );
  it('rejects a p-value outside [0, 1]', () => {
    expect(() => benjaminiHochberg([Number.NaN, 0.1])).toThrow(
      /benjaminiHochberg needs p-values in \[0, 1\]/,
    );
  });
});
