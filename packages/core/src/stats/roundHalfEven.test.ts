import { describe, expect, it } from 'vitest';
import roundFixture from './fixtures/round.json' with { type: 'json' };
import { roundHalfEven } from './roundHalfEven.js';

// [value, decimals, round(value, decimals)] from Python 3.11; scripts/fixtures/stats_rounding_and_moments.py.
describe('roundHalfEven against Python round()', () => {
  it(`matches all ${roundFixture.cases.length} tabulated values bit for bit`, () => {
    const cases = roundFixture.cases as [number, number, number][];
    const failures = cases.filter(
      ([value, decimals, expected]) => !Object.is(roundHalfEven(value, decimals), expected),
    );
    expect(
      failures.map(([value, decimals, expected]) => [
        value,
        decimals,
        expected,
        roundHalfEven(value, decimals),
      ]),
    ).toEqual([]);
  });
  it('rounds exact binary ties to even and near-ties by their true value', () => {
    expect(roundHalfEven(0.03125)).toBe(0.0312);
    expect(roundHalfEven(0.09375)).toBe(0.0938);
    expect(roundHalfEven(2.675, 2)).toBe(2.67);
    expect(roundHalfEven(2.5, 0)).toBe(2);
    expect(Object.is(roundHalfEven(-0.00001), -0)).toBe(true);
  });
  it('rejects a bad number of decimals', () => {
    expect(() => roundHalfEven(1, 1.5)).toThrow(/roundHalfEven needs decimals to be an integer from 0 to 20/);
  });
});
