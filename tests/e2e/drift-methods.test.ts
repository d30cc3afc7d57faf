import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/bins.js';
import { runInProcess } from '../helpers/in-process.js';

// Expected reports computed with numpy/scipy by scripts/fixtures/drift_methods.py (the exact calls are in
// that script and in expected.json's "//" field). The legacy fields (means, ks_statistic, legacy psi,
// chi_square) are checked against the legacy tool's own output in drift.test.ts.
const folder = join(ROOT, 'fixtures/drift/methods');
interface ExpectedFeature {
  feature: string;
  data_type: string;
  ref_count: number;
  cur_count: number;
  ref_missing: number;
  cur_missing: number;
  method?: string;
  score_kind?: string;
  threshold?: number;
  drift_score?: number;
  p_value_adjusted?: number;
  ks_pvalue?: number;
  chi_square_pvalue?: number;
  is_drifted?: boolean;
}
interface ExpectedRun {
  case: string;
  name: string;
  args: string[];
  /** Without totals (the legacy runs), only each feature's counts and p-values are expected. */
  report: {
    total_features?: number;
    drifted_features?: number;
    drift_rate?: number;
    alert?: boolean;
    features: ExpectedFeature[];
  };
}
const expected = JSON.parse(readFileSync(join(folder, 'expected.json'), 'utf8')) as { runs: ExpectedRun[] };

function expectClose(actual: unknown, wanted: number, what: string): void {
  expect(typeof actual, what).toBe('number');
  const difference = Math.abs((actual as number) - wanted);
  expect(difference, `${what}: ${actual} vs scipy ${wanted}`).toBeLessThanOrEqual(
    1e-9 * Math.abs(wanted) + 1e-300,
  );
}

describe('every --method matches numpy/scipy to 1e-9 relative', () => {
  it.each(expected.runs.map((run) => [`${run.case}: ${run.name}`, run] as const))(
    '%s',
    async (_name, run) => {
      const result = await runInProcess('drift-detector', [
        '--reference',
        join(folder, run.case, 'reference.csv'),
        '--current',
        join(folder, run.case, 'current.csv'),
        '--json',
        ...run.args,
      ]);
      expect(result.stderr).toBe('');
      const report = JSON.parse(result.stdout);
      const { features: wantedFeatures, ...totals } = run.report;
      if (totals.total_features !== undefined) {
        // A full expected report: totals, verdict, exit code and order too.
        expect(result.code).toBe(totals.alert ? 1 : 0);
        expect({
          total_features: report.total_features,
          drifted_features: report.drifted_features,
          drift_rate: report.drift_rate,
          alert: report.alert,
        }).toEqual(totals);
        expect(report.features.map((feature: ExpectedFeature) => feature.feature)).toEqual(
          wantedFeatures.map((feature) => feature.feature),
        );
      }
      for (const wanted of wantedFeatures) {
        const feature = report.features.find((entry: ExpectedFeature) => entry.feature === wanted.feature);
        const { drift_score, p_value_adjusted, ks_pvalue, chi_square_pvalue, ...exact } = wanted;
        expect(feature).toMatchObject(exact);
        if (drift_score !== undefined)
          expectClose(feature.drift_score, drift_score, `${wanted.feature} drift_score`);
        if (ks_pvalue !== undefined) expectClose(feature.ks_pvalue, ks_pvalue, `${wanted.feature} ks_pvalue`);
        if (chi_square_pvalue !== undefined)
          expectClose(feature.chi_square_pvalue, chi_square_pvalue, `${wanted.feature} chi_square_pvalue`);
        if (p_value_adjusted === undefined) expect(feature.p_value_adjusted).toBeUndefined();
        else expectClose(feature.p_value_adjusted, p_value_adjusted, `${wanted.feature} p_value_adjusted`);
      }
    },
  );
});
