import { describe, expect, it } from 'vitest';
import fixture from './fixtures/evidently_z.json' with { type: 'json' };
import { twoProportionZTest } from './twoProportionZTest.js';

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
