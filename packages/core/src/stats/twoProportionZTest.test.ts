import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import fixture from './fixtures/evidently_z.json' with { type: 'json' };
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

const total = (counts: number[]) => counts.reduce((sum, count) => sum + count, 0);

// Evidently's z: the share of the first sorted category (the others together the second);
// scripts/fixtures/stats_evidently_categorical.py.
describe("twoProportionZTest as Evidently's z test", () => {
  it.each(
    fixture.cases.map(
      (testCase) => [JSON.stringify([testCase.reference, testCase.current]), testCase] as const,
    ),
  )('%s', (_, testCase) => {
    const result = twoProportionZTest(
      testCase.reference[0]!,
      total(testCase.reference),
      testCase.current[0]!,
      total(testCase.current),
    );
    // Evidently counts the other categories; the sign flips, |z| is the same.
    if (Number.isNaN(testCase.statistic)) expect(result.pValue).toBe(1);
    else expect(Math.abs(result.statistic)).toBeCloseToRelative(Math.abs(testCase.statistic), 1e-12);
    expect(result.pValue).toBeCloseToRelative(testCase.pValue, 1e-9);
    // Evidently's 2·(1 − Φ(|z|)) loses relative digits as p shrinks: equal to 1e-9 while p ≥ 1e-6.
    if (testCase.pValue >= 1e-6) expect(result.pValue).toBeCloseToRelative(testCase.pValueEvidently, 1e-9);
  });
});
