import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mannFixture from '../../packages/core/src/stats/fixtures/mannwhitneyu.json' with { type: 'json' };
import { makeTempDir, ROOT, runBin } from '../helpers/bins.js';
import {
  csv,
  expectFeature,
  folderOf as folderOfCase,
  METHOD_NAMES,
  METHODS,
  pairs,
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
 * The methods set per column in --config, edge cases, the bin, the docs (each method named with
 * --method: drift-evidently-pvalues.test.ts).
 */

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = makeTempDir('mlops-evidently-pvalues-'));
  writePairs(dir, true);
});
afterAll(() => cleanup());
const folderOf = (caseName: string): string => folderOfCase(dir, caseName);

describe('the same methods set per column in --config', () => {
  it.each([...pairs.keys()])('%s', async (caseName) => {
    const methods = METHOD_NAMES.filter((method) =>
      METHODS[method].cases.some((entry) => entry.name === caseName),
    );
    const folder = folderOf(caseName);
    const config = join(folder, 'config.json');
    // Only the columns a method can score here (es refuses some samples): the others are ignored.
    writeFileSync(
      config,
      JSON.stringify({
        ignore: METHOD_NAMES.filter((method) => !methods.includes(method)),
        columns: Object.fromEntries(methods.map((method) => [method, { method }])),
      }),
    );
    const result = await runInProcess('drift-detector', [
      '--reference',
      join(folder, 'all.reference.csv'),
      '--current',
      join(folder, 'all.current.csv'),
      '--config',
      config,
      '--json',
    ]);
    const report = parse(result);
    expect(report.features.map((feature) => feature.feature).sort()).toEqual([...methods].sort());
    let drifted = 0;
    for (const method of methods) {
      const testCase = METHODS[method].cases.find((entry) => entry.name === caseName)!;
      expectFeature(
        report.features.find((feature) => feature.feature === method),
        method,
        testCase,
      );
      if (METHODS[method].drifted(testCase.pValue)) drifted++;
    }
    // Columns with their own method in the config: the report's threshold is per column (null).
    expect(report).toMatchObject({
      total_features: methods.length,
      drifted_features: drifted,
      threshold: null,
    });
    expect(result.code).toBe(drifted / methods.length > 0.3 ? 1 : 0);
  });
});

describe('a score equal to the threshold', () => {
  // [1, 2, 3] against [4, 5, 6]: cramer_von_mises and mannw both give exactly 2/20 = 0.1 (exact modes).
  const args = (method: string, extra: string[] = []) => {
    const folder = folderOf('tiny apart');
    return [
      '--reference',
      join(folder, 'one.reference.csv'),
      '--current',
      join(folder, 'one.current.csv'),
      '--method',
      method,
      '--json',
      ...extra,
    ];
  };

  it('is drift for cramer_von_mises (Evidently: p <= threshold)', async () => {
    const result = await runInProcess('drift-detector', args('cramer_von_mises'));
    expect(parse(result).features[0]).toMatchObject({ drift_score: 0.1, threshold: 0.1, is_drifted: true });
    expect(result.code).toBe(1);
  });

  it('is not drift for mannw (Evidently: p < threshold)', async () => {
    const result = await runInProcess('drift-detector', args('mannw', ['--threshold', '0.1']));
    expect(parse(result).features[0]).toMatchObject({ drift_score: 0.1, threshold: 0.1, is_drifted: false });
    expect(result.code).toBe(0);
  });
});

describe('a column too small for the method is a usage error: exit 2, one line', () => {
  it.each([
    [
      'anderson',
      [1, 2],
      [3],
      /^error: anderson needs at least 4 numbers in "x" \(reference and current together\), and it has 3 /,
    ],
    [
      'cramer_von_mises',
      [1],
      [2, 3],
      /^error: cramer_von_mises needs at least 2 numbers in each file for "x" /,
    ],
    ['es', [1, 2, 3, 4], [5, 6, 7, 8, 9], /^error: es needs at least 5 numbers in each file for "x" /],
    ['t_test', [1, 2], [3], /^error: t_test needs at least 2 numbers in each file for "x" /],
  ] as const)('%s', async (method, reference, current, message) => {
    const folder = join(dir, `too-small-${method}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'reference.csv'), csv(['x'], reference));
    writeFileSync(join(folder, 'current.csv'), csv(['x'], current));
    const base = [
      '--reference',
      join(folder, 'reference.csv'),
      '--current',
      join(folder, 'current.csv'),
      '--json',
    ];
    for (const result of [
      await runInProcess('drift-detector', [...base, '--method', method]),
      await (async () => {
        const config = join(folder, 'config.json');
        writeFileSync(config, JSON.stringify({ columns: { x: { method } } }));
        return runInProcess('drift-detector', [...base, '--config', config]);
      })(),
    ]) {
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(message);
      expect(result.stderr.split('\n')).toHaveLength(2); // one line and its newline
    }
  });
});

describe('the built bin, spawned', () => {
  it('cramer_von_mises on the 20 × 19 exact case: the same report as in process', async () => {
    const testCase = METHODS.cramer_von_mises.cases.find((entry) => entry.name === '20 x 19 exact boundary')!;
    const folder = folderOf(testCase.name);
    const args = [
      '--reference',
      join(folder, 'one.reference.csv'),
      '--current',
      join(folder, 'one.current.csv'),
      '--method',
      'cramer_von_mises',
      '--json',
    ];
    const result = runBin('drift-detector', args);
    const report = parse(result);
    expectFeature(report.features[0], 'cramer_von_mises', testCase);
    expect(report.features[0]!.is_drifted).toBe(true); // p = 0.022 ≤ 0.1
    expect(result.code).toBe(1);
    expect(result).toEqual(await runInProcess('drift-detector', args));
  });
});

describe('docs/drift-detector.md states the mannw departure with the fixture’s numbers', () => {
  it('Evidently’s one-sided p and ours on "current shifted down 400 x 300"', () => {
    const docs = readFileSync(join(ROOT, 'docs/drift-detector.md'), 'utf8').replace(/\s+/g, ' ');
    const testCase = mannFixture.cases.find((entry) => entry.name === 'current shifted down 400 x 300')!;
    expect(testCase.evidentlyLessPValue).toBe(1);
    expect(docs).toContain(
      `Evidently's p is ${testCase.evidentlyLessPValue.toFixed(1)} (no drift) and ours ${testCase.pValue.toExponential(1)} (drift)`,
    );
  });
});
