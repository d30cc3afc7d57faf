import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, runBin } from '../helpers/bins.js';
import { runInProcess } from '../helpers/in-process.js';

/**
 * Evidently 0.7.21's methods end to end (issue 14): each through `--method NAME` and through a
 * `--config` column method, asserting the JSON drift_score and verdict against numpy/scipy.
 *
 * Data, reference 60 rows and current 50:
 *   cat   a, b, c: reference 30, 20, 10; current 20, 25, 5 (rows grouped in sorted order)
 *   flag  no, yes: reference 20, 40; current 30, 20
 *   num   reference (i · 7 mod 60) / 10, i = 0 … 59; current (i · 11 mod 50) / 10 + 0.8, i = 0 … 49
 */
const ROWS_REFERENCE = 60;
const ROWS_CURRENT = 50;
function column(counts: [string, number][]): string[] {
  return counts.flatMap(([value, count]) => Array.from({ length: count }, () => value));
}
const reference = {
  cat: column([
    ['a', 30],
    ['b', 20],
    ['c', 10],
  ]),
  flag: column([
    ['no', 20],
    ['yes', 40],
  ]),
  num: Array.from({ length: ROWS_REFERENCE }, (_, i) => String(((i * 7) % 60) / 10)),
};
const current = {
  cat: column([
    ['a', 20],
    ['b', 25],
    ['c', 5],
  ]),
  flag: column([
    ['no', 30],
    ['yes', 20],
  ]),
  num: Array.from({ length: ROWS_CURRENT }, (_, i) => String(((i * 11) % 50) / 10 + 0.8)),
};

/** [method, column, expected drift_score, relative tolerance, drifted at the default threshold]. */
const CASES: [string, string, number, number, boolean][] = [
  // scipy.stats.chisquare([20, 25, 5], [30 * (50 / 60), 20 * (50 / 60), 10 * (50 / 60)]).pvalue
  ['chisquare', 'cat', 0.03877420783172203, 1e-9, true],
  // scipy.stats.power_divergence([20, 25, 5], [30 * (50 / 60), …], lambda_="log-likelihood").pvalue
  ['g_test', 'cat', 0.04417357331129877, 1e-9, true],
  // Evidently utils.permutation_test formula, np.random.seed(0), 1000 draws of
  // np.random.choice(pooled, 60, replace=False) (scripts/fixtures/stats_evidently_categorical.py,
  // tvd_permutation_p([30, 20, 10], [20, 25, 5]); Evidently's float comparison gives the same 0.131)
  ['TVD', 'cat', 0.131, 0, false],
  // scipy.stats.fisher_exact([[30, 20], [20, 40]]).pvalue
  ['fisher_exact', 'flag', 0.007045311742124303, 1e-9, true],
  // Evidently z_stattest.py formula: p1 = 40/60, p2 = 20/50, pooled, 2 * scipy.stats.norm.sf(|z|)
  // (Evidently's 2 * (1 - norm.cdf(|z|)) = 0.00516077021553718)
  ['z', 'flag', 0.005160770215537241, 1e-9, true],
  ['ztest', 'flag', 0.005160770215537241, 1e-9, true],
  // scipy.stats.energy_distance(reference num, current num)
  ['ed', 'num', 0.24060109910158123, 1e-12, true],
  // Evidently mmd_stattest.py formula on the sorted values, np.random.seed(0), 100 permutations
  // (stats_evidently_categorical.py, mmd_evidently(sorted(ref), sorted(cur))["pValueSeed0"])
  ['empirical_mmd', 'num', 0.37, 0, false],
];

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = makeTempDir('mlops-drift-evidently-'));
  const csv = (data: Record<string, string[]>, rows: number) =>
    `cat,flag,num\n${Array.from({ length: rows }, (_, i) => `${data.cat![i]},${data.flag![i]},${data.num![i]}`).join('\n')}\n`;
  writeFileSync(join(dir, 'reference.csv'), csv(reference, ROWS_REFERENCE));
  writeFileSync(join(dir, 'current.csv'), csv(current, ROWS_CURRENT));
});
afterAll(() => cleanup());

interface Report {
  features: {
    feature: string;
    method: string;
    drift_score: number;
    threshold: number;
    is_drifted: boolean;
  }[];
}

function expectScore(
  report: Report,
  method: string,
  name: string,
  score: number,
  tolerance: number,
  drifted: boolean,
) {
  expect(report.features).toHaveLength(1);
  const feature = report.features[0]!;
  expect(feature.feature).toBe(name);
  expect(feature.method).toBe(method);
  if (tolerance === 0) expect(feature.drift_score).toBe(score);
  else expect(feature.drift_score).toBeCloseToRelative(score, tolerance);
  expect(feature.is_drifted).toBe(drifted);
}

describe("Evidently's methods through --method", () => {
  it.each(CASES)('%s on %s', async (method, name, score, tolerance, drifted) => {
    const result = await runInProcess(
      'drift-detector',
      [
        '--reference',
        'reference.csv',
        '--current',
        'current.csv',
        '--json',
        '--method',
        method,
        '--columns',
        name,
      ],
      { cwd: dir },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(drifted ? 1 : 0);
    expectScore(JSON.parse(result.stdout), method, name, score, tolerance, drifted);
  });
});

describe("Evidently's methods through a --config column method", () => {
  it.each(CASES)('%s on %s', async (method, name, score, tolerance, drifted) => {
    const config = join(dir, `config-${method}.json`);
    writeFileSync(config, JSON.stringify({ columns: { [name]: { method } } }));
    const result = await runInProcess(
      'drift-detector',
      [
        '--reference',
        'reference.csv',
        '--current',
        'current.csv',
        '--json',
        '--config',
        config,
        '--columns',
        name,
      ],
      { cwd: dir },
    );
    expect(result.stderr).toBe('');
    expectScore(JSON.parse(result.stdout), method, name, score, tolerance, drifted);
  });
});

describe('the default thresholds and strict comparisons, as Evidently', () => {
  it('TVD at its own score as threshold is not drift (p < threshold, strict)', async () => {
    const result = await runInProcess(
      'drift-detector',
      [
        '--reference',
        'reference.csv',
        '--current',
        'current.csv',
        '--json',
        '--method',
        'TVD',
        '--columns',
        'cat',
        '--threshold',
        '0.131',
      ],
      { cwd: dir },
    );
    expect(JSON.parse(result.stdout).features[0].is_drifted).toBe(false);
  });

  it('fisher_exact refuses a column with 3 categories, naming it', async () => {
    const result = await runInProcess(
      'drift-detector',
      [
        '--reference',
        'reference.csv',
        '--current',
        'current.csv',
        '--method',
        'fisher_exact',
        '--columns',
        'cat',
      ],
      { cwd: dir },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: fisher_exact needs at most 2 categories, and "cat" has 3/);
  });
});

describe('the built bin', () => {
  it('prints the same scores for every Evidently method on its column, in one spawned run per kind', () => {
    const config = join(dir, 'config-all.json');
    writeFileSync(
      config,
      JSON.stringify({
        columns: { cat: { method: 'chisquare' }, flag: { method: 'z' }, num: { method: 'ed' } },
      }),
    );
    const result = runBin(
      'drift-detector',
      ['--reference', 'reference.csv', '--current', 'current.csv', '--json', '--config', config],
      {
        cwd: dir,
      },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const scores = Object.fromEntries(
      (JSON.parse(result.stdout) as Report).features.map((feature) => [feature.feature, feature.drift_score]),
    );
    expect(scores.cat).toBeCloseToRelative(0.03877420783172203, 1e-9);
    expect(scores.flag).toBeCloseToRelative(0.005160770215537241, 1e-9);
    expect(scores.num).toBeCloseToRelative(0.24060109910158123, 1e-12);
  });
});
