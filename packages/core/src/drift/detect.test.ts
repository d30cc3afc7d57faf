import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { driftCheckCharts } from '../drift-charts/index.js';
import { detectDrift, runDriftCheck } from './detect.js';

// The legacy tool's own outputs for these inputs (fixtures/drift/legacy/*/legacy-output.*.json).
const legacyFolder = fileURLToPath(new URL('../../../../fixtures/drift/legacy/', import.meta.url));
const cases = readdirSync(legacyFolder).flatMap((name) => [
  [name, 'default', {}] as const,
  [name, 'threshold_0.2', { threshold: 0.2 }] as const,
]);

/** Fields this toolkit adds to the legacy report (docs/drift-detector.md, "JSON report"). */
const ADDED_TOP = new Set([
  'method',
  'correction',
  'drift_share',
  'reference',
  'current',
  'unscored_features',
]);
const ADDED_FEATURE = new Set([
  'method',
  'score_kind',
  'threshold',
  'p_value_adjusted',
  'ks_pvalue',
  'chi_square_pvalue',
  'ref_missing',
  'cur_missing',
  'scored',
  'reason',
]);
type Json = Record<string, unknown>;
const without = (object: object, added: ReadonlySet<string>): Json =>
  Object.fromEntries(Object.entries(object).filter(([key]) => !added.has(key)));

describe('runDriftCheck in this process: the legacy tool, number for number', () => {
  it.each(cases)('%s, %s', async (name, variant, request) => {
    const { _exit_status: exitStatus, ...expected } = JSON.parse(
      readFileSync(`${legacyFolder}${name}/legacy-output.${variant}.json`, 'utf8'),
    ) as Json;
    const check = await runDriftCheck({
      referencePath: `${legacyFolder}${name}/reference.csv`,
      currentPath: `${legacyFolder}${name}/current.csv`,
      referenceName: 'reference.csv',
      currentName: 'current.csv',
      ...request,
    });
    const { features, ...top } = check.report;
    const { features: expectedFeatures, ...expectedTop } = expected;
    expect(without(top, ADDED_TOP)).toEqual(expectedTop);
    const legacyFeatures = features.map((feature) => without(feature, ADDED_FEATURE));
    expect(legacyFeatures).toEqual(expectedFeatures);
    // In the legacy order too.
    expect(legacyFeatures.map(Object.keys)).toEqual((expectedFeatures as Json[]).map(Object.keys));
    expect(check.report.alert).toBe(exitStatus === 1);
    expect(check.report).toMatchObject({
      reference: 'reference.csv',
      current: 'current.csv',
      method: 'legacy',
    });
  });
});

describe('runDriftCheck gives the scored columns behind the report', () => {
  const folder = `${legacyFolder}missing_and_mixed/`;
  const request = { referencePath: `${folder}reference.csv`, currentPath: `${folder}current.csv` };

  it('in plan order, with the files summarised, and the same report as detectDrift', async () => {
    const check = await runDriftCheck(request);
    expect(check.columns.map((column) => column.name)).toEqual(['x', 'code']);
    expect(check.reference).toMatchObject({ name: request.referencePath, columns: check.columns.length });
    expect(check.reference.rows).toBeGreaterThan(0);
    expect(await detectDrift(request)).toEqual(check.report);
  });

  it('the charts come from the scored columns, in the report order', async () => {
    const check = await runDriftCheck(request);
    const charts = driftCheckCharts(check);
    expect(charts.map((chart) => chart.feature)).toEqual(
      check.report.features.map((feature) => feature.feature),
    );
  });
});
