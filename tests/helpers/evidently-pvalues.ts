import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import andersonFixture from '../../packages/core/src/stats/fixtures/anderson_ksamp.json' with {
  type: 'json',
};
import cramerFixture from '../../packages/core/src/stats/fixtures/cramervonmises_2samp.json' with {
  type: 'json',
};
import eppsFixture from '../../packages/core/src/stats/fixtures/epps_singleton_2samp.json' with {
  type: 'json',
};
import mannFixture from '../../packages/core/src/stats/fixtures/mannwhitneyu.json' with { type: 'json' };
import studentFixture from '../../packages/core/src/stats/fixtures/ttest_ind.json' with { type: 'json' };
import { type SampleRecipe, sampleFromRecipe } from '../../packages/core/src/stats/testing/lcg.js';
import type { BinResult } from './bins.js';

/**
 * The fixtures of tests/e2e/drift-evidently-pvalues*.test.ts: the five p-value methods taken from
 * Evidently 0.7.21, with scipy 1.17's p-values (packages/core/src/stats/fixtures/, made by
 * scripts/fixtures/stats_evidently_pvalues.py). Thresholds and comparisons are Evidently's
 * (legacy/calculations/stattests/*.py), written out here rather than read from the method registry,
 * so a changed default fails those files.
 */
export type Sample = number[] | SampleRecipe;
export interface FixtureCase {
  name: string;
  reference: Sample;
  current: Sample;
  pValue: number;
}
export interface Expectation {
  cases: readonly FixtureCase[];
  threshold: number;
  /** Evidently's comparison: drift when p < threshold, or p ≤ threshold for cramer_von_mises. */
  drifted: (p: number) => boolean;
  /**
   * Below this, p-values are compared absolutely: cramer_von_mises's asymptotic p is 1 − F(t), F a sum
   * of terms near 1, so both sides carry a few ulps of 1 (the unit test's 1e-14 floor).
   */
  absoluteFloor?: number;
}

/** The fixture's cases (a recipe's `kind` is read from JSON as a string). */
const casesOf = (fixture: { cases: unknown[] }): readonly FixtureCase[] => fixture.cases as FixtureCase[];

export const METHODS = {
  anderson: { cases: casesOf(andersonFixture), threshold: 0.1, drifted: (p) => p < 0.1 },
  cramer_von_mises: {
    cases: casesOf(cramerFixture),
    threshold: 0.1,
    drifted: (p) => p <= 0.1,
    absoluteFloor: 1e-14,
  },
  es: { cases: casesOf(eppsFixture), threshold: 0.05, drifted: (p) => p < 0.05 },
  mannw: { cases: casesOf(mannFixture), threshold: 0.05, drifted: (p) => p < 0.05 },
  t_test: { cases: casesOf(studentFixture), threshold: 0.05, drifted: (p) => p < 0.05 },
} satisfies Record<string, Expectation>;
export type MethodName = keyof typeof METHODS;
export const METHOD_NAMES = Object.keys(METHODS) as MethodName[];

const values = (sample: Sample): number[] =>
  Array.isArray(sample) ? sample : Array.from(sampleFromRecipe(sample));

/** One column per method, each holding the same sample (String(x) reads back as the same double). */
export function csv(columns: readonly string[], sample: readonly number[]): string {
  return `${columns.join(',')}\n${sample.map((value) => columns.map(() => String(value)).join(',')).join('\n')}\n`;
}

// Every fixture case by name: the five fixtures draw their samples from the same list of pairs (checked).
export const pairs = new Map<string, { reference: number[]; current: number[] }>();
const recipes = new Map<string, string>();
for (const name of METHOD_NAMES) {
  for (const testCase of METHODS[name].cases) {
    const recipe = JSON.stringify([testCase.reference, testCase.current]);
    if (recipes.has(testCase.name) && recipes.get(testCase.name) !== recipe)
      throw new Error(`fixture case "${testCase.name}" holds other samples in the ${name} fixture`);
    if (!pairs.has(testCase.name)) {
      recipes.set(testCase.name, recipe);
      pairs.set(testCase.name, { reference: values(testCase.reference), current: values(testCase.current) });
    }
  }
}
export const folderOf = (dir: string, caseName: string): string =>
  join(dir, caseName.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, ''));

/**
 * Writes each fixture pair's CSV files under `dir` (one folder per case, see folderOf): `one.*.csv`
 * with the sample in a column x, and with `all`, `all.*.csv` with it in one column per method.
 */
export function writePairs(dir: string, all: boolean): void {
  for (const [name, pair] of pairs) {
    const folder = folderOf(dir, name);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'one.reference.csv'), csv(['x'], pair.reference));
    writeFileSync(join(folder, 'one.current.csv'), csv(['x'], pair.current));
    if (!all) continue;
    writeFileSync(join(folder, 'all.reference.csv'), csv(METHOD_NAMES, pair.reference));
    writeFileSync(join(folder, 'all.current.csv'), csv(METHOD_NAMES, pair.current));
  }
}

export interface FeatureReport {
  feature: string;
  method: string;
  score_kind: string;
  threshold: number;
  drift_score: number;
  is_drifted: boolean;
  scored: boolean;
}

export function parse(result: BinResult): { features: FeatureReport[] } & Record<string, unknown> {
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout);
}

export function expectFeature(
  feature: FeatureReport | undefined,
  method: MethodName,
  testCase: FixtureCase,
): void {
  const expectation: Expectation = METHODS[method];
  expect(feature).toMatchObject({
    method,
    score_kind: 'p_value',
    threshold: expectation.threshold,
    is_drifted: expectation.drifted(testCase.pValue),
    scored: true,
  });
  expect(feature!.drift_score).toBeCloseToRelative(testCase.pValue, 1e-9, expectation.absoluteFloor);
}

export const methodCases = METHOD_NAMES.flatMap((method) =>
  METHODS[method].cases.map((testCase) => [method, testCase.name, testCase] as const),
);
