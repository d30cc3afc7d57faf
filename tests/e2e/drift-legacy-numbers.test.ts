import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/bins.js';
import { runInProcess } from '../helpers/in-process.js';

type Json = Record<string, unknown>;

const boundaries = join(ROOT, 'fixtures/drift/legacy-boundaries');

function featuresByName(stdout: string): Record<string, Json> {
  const report = JSON.parse(stdout) as { features: Json[] };
  return Object.fromEntries(report.features.map((feature) => [feature.feature as string, feature]));
}

// fixtures/drift/legacy-boundaries: values at multiples of the step, psi from the legacy script's formula
// transcribed in scripts/fixtures/stats_legacy_psi_boundaries.py.
describe('legacy psi at bin boundaries', () => {
  it('reports the psi the legacy script prints, not numpy’s binning of the same values', async () => {
    const expected = JSON.parse(readFileSync(join(boundaries, 'expected.json'), 'utf8')) as {
      features: Record<string, { psi: number; numpy_rule_psi: number }>;
    };
    const result = await runInProcess('drift-detector', [
      '--reference',
      join(boundaries, 'reference.csv'),
      '--current',
      join(boundaries, 'current.csv'),
      '--json',
    ]);
    expect(result.stderr).toBe('');
    const features = featuresByName(result.stdout);
    expect(Object.keys(features).sort()).toEqual(['x', 'y']);
    for (const [name, { psi, numpy_rule_psi: numpyRulePsi }] of Object.entries(expected.features)) {
      expect(features[name]!.psi).toBe(psi);
      expect(features[name]!.psi).not.toBe(numpyRulePsi);
    }
    // x: 0.1488 is a moderate shift; numpy's bins said 0.6044, significant.
    expect(features.x!.psi_interpretation).toBe('moderate_shift');
    expect(features.y!.psi_interpretation).toBe('significant_shift');
    expect(result.code).toBe(1);
  });
});

const huge = join(ROOT, 'fixtures/drift/huge-values');

/** Every number anywhere in a parsed JSON document. */
function numbersIn(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.flatMap(numbersIn);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(numbersIn);
  return [];
}

// fixtures/drift/huge-values: 1,500 rows near 1e200, 1e300 and 1.7e308, and 50 values near 1e300;
// expected numbers from statistics.mean / stdev / pstdev and scipy (scripts/fixtures/stats_robust_moments.py).
describe('huge values: finite, right, and never "unexpected failure"', () => {
  const expected = JSON.parse(readFileSync(join(huge, 'expected.json'), 'utf8')) as {
    features: Record<
      string,
      { ref_mean: number; cur_mean: number; ref_std: number; cur_std: number; wasserstein: number }
    >;
  };
  it.each([[['--method', 'wasserstein']], [['--method', 'auto']], [[]]])(
    'drift-detector %j',
    async (flags) => {
      const result = await runInProcess('drift-detector', [
        '--reference',
        join(huge, 'reference.csv'),
        '--current',
        join(huge, 'current.csv'),
        '--json',
        ...flags,
      ]);
      expect(result.stderr).toBe('');
      expect([0, 1]).toContain(result.code);
      const report = JSON.parse(result.stdout) as Json;
      expect(result.stdout).not.toMatch(/NaN|Infinity/);
      for (const number of numbersIn(report)) expect(Number.isFinite(number)).toBe(true);
      const features = featuresByName(result.stdout);
      for (const [name, numbers] of Object.entries(expected.features)) {
        const feature = features[name]!;
        expect(typeof feature.drift_score).toBe('number');
        expect(feature.ref_mean).toBe(numbers.ref_mean);
        expect(feature.cur_mean).toBe(numbers.cur_mean);
        expect(feature.ref_std).toBeCloseToRelative(numbers.ref_std, 1e-15, 0);
        expect(feature.cur_std).toBeCloseToRelative(numbers.cur_std, 1e-15, 0);
        if (feature.method === 'wasserstein') {
          expect(feature.drift_score).toBeCloseToRelative(numbers.wasserstein, 1e-12, 0);
        }
      }
      const methods = Object.values(features).map((feature) => feature.method);
      if (flags.length === 0) expect(methods).toEqual(['legacy', 'legacy', 'legacy', 'legacy']);
      else if (flags[1] === 'wasserstein') expect(methods).toEqual(Array(4).fill('wasserstein'));
      // auto: more than 1000 numeric values → wasserstein; the 50-value column → ks.
      else expect(methods.sort()).toEqual(['ks', 'wasserstein', 'wasserstein', 'wasserstein']);
    },
  );
});
