import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runBin } from '../helpers/bins.js';

type Json = Record<string, unknown>;

const boundaries = join(ROOT, 'fixtures/drift/legacy-boundaries');

function featuresByName(stdout: string): Record<string, Json> {
  const report = JSON.parse(stdout) as { features: Json[] };
  return Object.fromEntries(report.features.map((feature) => [feature.feature as string, feature]));
}

// fixtures/drift/legacy-boundaries: values at multiples of the step, psi from the legacy script's formula
// transcribed in scripts/fixtures/stats_legacy_psi_boundaries.py.
describe('legacy psi at bin boundaries', () => {
  it('reports the psi the legacy script prints, not numpy’s binning of the same values', () => {
    const expected = JSON.parse(readFileSync(join(boundaries, 'expected.json'), 'utf8')) as {
      features: Record<string, { psi: number; numpy_rule_psi: number }>;
    };
    const result = runBin('drift-detector', [
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
