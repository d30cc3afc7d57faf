import { describe, expect, it } from 'vitest';
import { csvSourceFromText, parseCsvColumns } from '../../csv/index.js';
import fixture from '../../stats/fixtures/evidently_binning.json' with { type: 'json' };
import { type SampleRecipe, sampleFromRecipe } from '../../stats/testing/lcg.js';
import { DriftFeature, type FeatureKind } from '../feature.js';
import { type DriftMethod, isDriftScore } from '../method.js';
import { DRIFT_METHODS } from '../method-registry.js';

// The methods on whole columns, against Evidently 0.7.21's formulas recomputed with numpy/scipy
// (scripts/fixtures/stats_evidently_binning.py; formulas in its docstring).
function column(values: readonly (number | string)[]) {
  return parseCsvColumns(csvSourceFromText('f.csv', `v\n${values.join('\n')}\n`), {
    keepText: new Set(['v']),
  }).columns[0]!;
}
function feature(
  kind: FeatureKind,
  reference: readonly (number | string)[],
  current: readonly (number | string)[],
) {
  return new DriftFeature('v', kind, column(reference), column(current));
}
const values = (spec: number[] | Record<string, unknown>) =>
  Array.isArray(spec) ? spec : Array.from(sampleFromRecipe(spec as unknown as SampleRecipe));

const cases = fixture.cases.binned;

describe("psi, kl_div, jensenshannon and hellinger give Evidently's numbers on numeric columns", () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    // A column of integers without blanks is int64 to pandas; with one blank (dropped by both tools) float64.
    const allIntegers = [...values(c.reference), ...values(c.current)].every(Number.isInteger);
    const blank = allIntegers && !c.integers ? ['""'] : [];
    const column = feature('numeric', [...values(c.reference), ...blank], values(c.current));
    expect(column.evidentlyIntegerData()).toBe(c.integers);
    expect(DRIFT_METHODS.psi.compute(column).score).toBeCloseToRelative(c.psi, 1e-12);
    expect(DRIFT_METHODS.kl_div.compute(column).score).toBeCloseToRelative(c.kl, 1e-12);
    expect(DRIFT_METHODS.jensenshannon.compute(column).score).toBeCloseToRelative(c.jensenShannon, 1e-12);
    if (c.hellinger === null) {
      expect(DRIFT_METHODS.hellinger.unsuitable(column)).toMatch(/numpy cannot bin/);
    } else {
      expect(DRIFT_METHODS.hellinger.unsuitable(column)).toBeUndefined();
      // Summed exactly here, left to right in Evidently: the squares agree to 1e-15 (see
      // hellingerHistogramDistance).
      const score = DRIFT_METHODS.hellinger.compute(column).score;
      if (c.name.endsWith('magnitudes')) {
        // Evidently's densities underflow (overflow) near 1e300 (1e-300): it scores 1 (0), a departure
        // shown in stats/evidentlyBinning.test.ts; ours is scale-free, well inside (0, 1).
        expect([0, 1]).toContain(c.hellinger);
        expect(score).toBeGreaterThan(0.1);
        expect(score).toBeLessThan(0.99);
      } else {
        expect(Math.abs(score ** 2 - c.hellinger ** 2)).toBeLessThan(1e-15);
        if (c.hellinger > 0.01) expect(score).toBeCloseToRelative(c.hellinger, 1e-12);
      }
    }
  });
});

describe("Evidently's hard-coded values (tests/stattests/test_stattests.py, tests/multitest/metrics/data_drift.py, v0.7.21)", () => {
  const repeat = (keys: number[], times: number[]) =>
    keys.flatMap((key, i) => Array<number>(times[i]!).fill(key));
  const keys = [1, 2, 3, 4, 5, 6];
  const current = repeat(keys, [16, 16, 16, 16, 16, 8]);

  it('hellinger, categorical: 0.06812 ± 1e-5, no drift at 0.1 (reference as given and doubled)', () => {
    for (const reference of [
      repeat(keys, [16, 18, 16, 14, 12, 12]),
      repeat(keys, [32, 36, 32, 28, 24, 24]),
    ]) {
      const score = DRIFT_METHODS.hellinger.compute(feature('categorical', reference, current)).score;
      expect(Math.abs(score - 0.06812)).toBeLessThan(1e-5);
      expect(isDriftScore('distance', score, 0.1, true)).toBe(false);
    }
  });

  it('hellinger, categorical with missing cells and numeric, identical samples: 0 ± 1e-5', () => {
    const withBlanks = ['a', 'b', '""'].flatMap((value) => Array<string>(10).fill(value));
    expect(
      DRIFT_METHODS.hellinger.compute(feature('categorical', withBlanks, withBlanks)).score,
    ).toBeLessThan(1e-5);
    const eight = [38.7, 41.5, 43.8, 44.5, 45.5, 46.0, 47.7, 58.0, '""'];
    expect(DRIFT_METHODS.hellinger.compute(feature('numeric', eight, eight)).score).toBeLessThan(1e-5);
    const ones = Array<number>(50).fill(1);
    expect(DRIFT_METHODS.hellinger.compute(feature('numeric', ones, ones)).score).toBeLessThan(1e-3);
    expect(DRIFT_METHODS.hellinger.compute(feature('categorical', ones, ones)).score).toBeLessThan(1e-3);
  });

  it('psi, reference [3, 2, 2] vs current [1, 2, 3] as categories: 2.93 ± 0.01, drift at 0.1', () => {
    const score = DRIFT_METHODS.psi.compute(feature('categorical', [3, 2, 2], [1, 2, 3])).score;
    expect(Math.abs(score - 2.93)).toBeLessThan(0.01);
    expect(
      isDriftScore('distance', score, DRIFT_METHODS.psi.defaultThreshold, DRIFT_METHODS.psi.inclusive),
    ).toBe(true);
  });

  it('wasserstein of identical samples 1…11 × 1000 is 0, no drift', () => {
    const sample = Array.from({ length: 11000 }, (_, i) => (i % 11) + 1);
    expect(DRIFT_METHODS.wasserstein.compute(feature('numeric', sample, sample)).score).toBe(0);
  });
});

describe('a score equal to the default threshold', () => {
  it.each([
    ['ks', true],
    ['wasserstein', true],
    ['psi', true],
    ['kl_div', true],
    ['jensenshannon', true],
    ['hellinger', true],
    ['chisquare', false],
    ['ztest', false],
    ['psi_deciles', false],
    ['legacy', false],
  ] as const)(
    '%s: drift = %s (Evidently: p <= t and distance >= t; chisquare and z: p < t)',
    (name, drifted) => {
      const method: DriftMethod = DRIFT_METHODS[name];
      expect(
        isDriftScore(method.scoreKind, method.defaultThreshold, method.defaultThreshold, method.inclusive),
      ).toBe(drifted);
    },
  );
});
