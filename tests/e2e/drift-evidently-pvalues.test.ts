import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/bins.js';
import {
  expectFeature,
  folderOf as folderOfCase,
  METHODS,
  methodCases,
  parse,
  writePairs,
} from '../helpers/evidently-pvalues.js';
import { runInProcess } from '../helpers/in-process.js';

/**
 * The five p-value methods taken from Evidently 0.7.21, end to end: the drift-detector's JSON report
 * on CSV files holding the samples of the scipy 1.17 fixtures (packages/core/src/stats/fixtures/,
 * made by scripts/fixtures/stats_evidently_pvalues.py; the exact scipy call is in each fixture's
 * "//"). Thresholds and comparisons are Evidently's (legacy/calculations/stattests/*.py), written
 * out here rather than read from the method registry, so a changed default fails this file.
 *
 * Each method named with --method (the rest: drift-evidently-pvalues-config.test.ts).
 */

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = makeTempDir('mlops-evidently-pvalues-'));
  writePairs(dir, false);
});
afterAll(() => cleanup());
const folderOf = (caseName: string): string => folderOfCase(dir, caseName);

describe('--method NAME --json: drift_score is scipy’s p-value, with Evidently’s threshold and comparison', () => {
  it.each(methodCases)('%s: %s', async (method, caseName, testCase) => {
    const folder = folderOf(caseName);
    const result = await runInProcess('drift-detector', [
      '--reference',
      join(folder, 'one.reference.csv'),
      '--current',
      join(folder, 'one.current.csv'),
      '--method',
      method,
      '--json',
    ]);
    const report = parse(result);
    expect(report).toMatchObject({ method, threshold: METHODS[method].threshold, total_features: 1 });
    expectFeature(report.features[0], method, testCase);
    // One column of one: drifted means 1/1 > the 30% share, the alert, exit 1.
    expect(result.code).toBe(METHODS[method].drifted(testCase.pValue) ? 1 : 0);
  });
});
