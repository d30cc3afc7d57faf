import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import zFixture from './fixtures/two_proportion_z.json' with { type: 'json' };
import { twoProportionZTest } from './twoProportionZTest.js';

// pooled z-test with numpy/scipy (no statsmodels).
describe('twoProportionZTest against the numpy/scipy formula', () => {
  it.each(zFixture.cases.map((testCase) => [JSON.stringify(testCase), testCase] as const))(
    '%s',
    (_, testCase) => {
      const result = twoProportionZTest(
        testCase.referenceSuccesses,
        testCase.referenceTotal,
        testCase.currentSuccesses,
        testCase.currentTotal,
      );
      expect(result.statistic).toBeCloseToRelative(testCase.statistic, 1e-12);
      expect(result.pValue).toBeCloseToRelative(testCase.pValue, 1e-9);
    },
  );
  it('rejects impossible counts', () => {
    expect(() => twoProportionZTest(5, 4, 1, 2)).toThrow(/twoProportionZTest needs 0 ≤ successes ≤ total/);
    expect(() => twoProportionZTest(0, 0, 1, 2)).toThrow(/for the reference sample/);
  });
});

describe('twoProportionZTest properties', () => {
  it('twoProportionZTest is antisymmetric in its samples with the same p in [0, 1]', () => {
    const sample = fc
      .tuple(fc.integer({ min: 1, max: 10_000 }), fc.double({ min: 0, max: 1, noNaN: true }))
      .map(([total, share]) => [Math.round(total * share), total] as const);
    fc.assert(
      fc.property(
        sample,
        sample,
        ([referenceSuccesses, referenceTotal], [currentSuccesses, currentTotal]) => {
          const forward = twoProportionZTest(
            referenceSuccesses,
            referenceTotal,
            currentSuccesses,
            currentTotal,
          );
          const backward = twoProportionZTest(
            currentSuccesses,
            currentTotal,
            referenceSuccesses,
            referenceTotal,
          );
          expect(backward.statistic).toBeCloseTo(-forward.statistic, 12);
          expect(backward.pValue).toBe(forward.pValue);
          expect(forward.pValue).toBeGreaterThanOrEqual(0);
          expect(forward.pValue).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 300 },
    );
  });
});
