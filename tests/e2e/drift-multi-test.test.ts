import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, runBin } from '../helpers/bins.js';
import { runInProcess } from '../helpers/in-process.js';

// Several tests per column (--test, --combine, the config's tests) and the data-quality tests
// (missing_share, new_category_share), through the drift-detector program.

let dir: string;
let cleanup: () => void;

/**
 * reference: num 0..99, cat a/b alternating, miss 10 of 100 cells blank.
 * current:   num 30..129, cat with 20 rows of a new category z, miss 40 of 100 cells blank.
 */
beforeAll(() => {
  ({ dir, cleanup } = makeTempDir('drift-multi-'));
  const rows = (current: boolean) =>
    Array.from({ length: 100 }, (_, i) => {
      const num = current ? i + 30 : i;
      const cat = current && i < 20 ? 'z' : i % 2 === 0 ? 'a' : 'b';
      const miss = i < (current ? 40 : 10) ? '' : String(i % 10);
      return `${num},${cat},${miss}`;
    });
  writeFileSync(join(dir, 'ref.csv'), ['num,cat,miss', ...rows(false)].join('\n'));
  writeFileSync(join(dir, 'cur.csv'), ['num,cat,miss', ...rows(true)].join('\n'));
});
afterAll(() => cleanup());

const drift = (args: string[]) =>
  runInProcess('drift-detector', ['--reference', 'ref.csv', '--current', 'cur.csv', ...args], { cwd: dir });

type Feature = {
  feature: string;
  is_drifted: boolean;
  drift_score: number;
  method: string;
  threshold: number;
  combine?: string;
  p_value_adjusted?: number;
  tests?: {
    method: string;
    threshold: number;
    drift_score: number | null;
    is_drifted: boolean;
    p_value?: number;
    p_value_adjusted?: number;
  }[];
};
const features = (stdout: string): Record<string, Feature> =>
  Object.fromEntries((JSON.parse(stdout).features as Feature[]).map((feature) => [feature.feature, feature]));

describe('several tests per column', () => {
  it('"alert when PSI > 0.2 or KS > 0.15": each test scored, the column drifted when any is', async () => {
    const result = await drift(['--test', 'psi:0.2', '--test', 'ks_stat:0.15', '--columns', 'num', '--json']);
    expect(result.stderr).toBe('');
    const { num } = features(result.stdout);
    expect(num!.combine).toBe('any');
    expect(num!.tests!.map((test) => [test.method, test.threshold])).toEqual([
      ['psi', 0.2],
      ['ks_stat', 0.15],
    ]);
    // scipy.stats.ks_2samp(np.arange(100), np.arange(30, 130)).statistic
    expect(num!.tests![1]!.drift_score).toBe(0.3);
    expect(num!.tests![1]!.is_drifted).toBe(true);
    expect(num!.is_drifted).toBe(true);
    // The report says which tests ran; the legacy fields describe the first.
    expect(JSON.parse(result.stdout)).toMatchObject({
      method: 'psi',
      threshold: null,
      tests: [
        { method: 'psi', threshold: 0.2 },
        { method: 'ks_stat', threshold: 0.15 },
      ],
      combine: 'any',
    });
    expect([num!.method, num!.threshold, num!.drift_score]).toEqual([
      'psi',
      0.2,
      num!.tests![0]!.drift_score,
    ]);
    expect(result.code).toBe(1);
  });

  it('--combine all: drifted only when every test is', async () => {
    const result = await drift([
      '--test',
      'ks_stat:0.15',
      '--test',
      'ks_stat:0.5',
      '--combine',
      'all',
      '--columns',
      'num',
      '--json',
    ]);
    const { num } = features(result.stdout);
    expect(num!.tests!.map((test) => test.is_drifted)).toEqual([true, false]);
    expect(num!.is_drifted).toBe(false);
    expect(result.code).toBe(0);
  });

  it('leaves out for a column the tests that do not fit its kind', async () => {
    const result = await drift(['--test', 'ks_stat:0.15', '--test', 'new_category_share:0.1', '--json']);
    const by = features(result.stdout);
    expect(by.num!.tests!.map((test) => test.method)).toEqual(['ks_stat']);
    expect(by.cat!.tests!.map((test) => test.method)).toEqual(['new_category_share']);
  });

  it('a column whose kind no test fits is a usage error', async () => {
    const result = await drift(['--test', 'ks_stat', '--test', 'wasserstein', '--columns', 'cat']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^error: none of the tests \(ks_stat, wasserstein\) applies to categorical column "cat"/,
    );
  });

  it("in the config: for every column, and a column's own tests", async () => {
    const config = {
      tests: [{ method: 'ks_stat', threshold: 0.5 }, { method: 'missing_share' }],
      columns: { cat: { tests: [{ method: 'new_category_share', threshold: 0.25 }] } },
    };
    writeFileSync(join(dir, 'tests.json'), JSON.stringify(config));
    const result = await drift(['--config', 'tests.json', '--json']);
    expect(result.stderr).toBe('');
    const by = features(result.stdout);
    expect(by.num!.tests!.map((test) => [test.method, test.threshold, test.is_drifted])).toEqual([
      ['ks_stat', 0.5, false],
      ['missing_share', 0.1, false],
    ]);
    expect(
      by.cat!.tests!.map((test) => [test.method, test.threshold, test.drift_score, test.is_drifted]),
    ).toEqual([['new_category_share', 0.25, 0.2, false]]);
    expect(by.miss!.is_drifted).toBe(true);
  });

  it('corrects the p-value tests across every column', async () => {
    const result = await drift([
      '--test',
      'ks',
      '--test',
      'ks_stat',
      '--columns',
      'num',
      'miss',
      '--correction',
      'bonferroni',
      '--json',
    ]);
    const by = features(result.stdout);
    // scipy.stats.ks_2samp(np.arange(100), np.arange(30, 130)).pvalue, times the 2 p-value tests.
    expect(by.num!.tests![0]!.p_value_adjusted).toBeCloseToRelative(2 * 0.0002248739317492479, 1e-9);
    expect(by.num!.p_value_adjusted).toBe(by.num!.tests![0]!.p_value_adjusted);
    expect(by.num!.tests![1]!.p_value_adjusted).toBeUndefined();
  });

  it('shows each test in the text and Markdown reports', async () => {
    const text = await drift(['--test', 'psi:0.2', '--test', 'ks_stat:0.15', '--columns', 'num']);
    expect(text.stdout.split('\n')[1]).toBe(
      'tests psi:0.2, ks_stat:0.15 (any), correction none, alert above 30% of features',
    );
    expect(text.stdout).toMatch(/tests \(any\): psi [\d.]+ (drift|ok), ks_stat 0\.3 drift/);
    const markdown = await drift([
      '--test',
      'psi:0.2',
      '--test',
      'ks_stat:0.15',
      '--columns',
      'num',
      '--format',
      'markdown',
    ]);
    expect(markdown.stdout).toMatch(/\| tests \(any\): psi [\d.]+ (drift|ok), ks_stat 0\.3 drift;/);
  });

  it.each([
    [['--test', 'psi:abc'], /^error: --test: expected METHOD or METHOD:THRESHOLD .*got "psi:abc"/],
    [['--test', 'nope'], /^error: --test: expected METHOD or METHOD:THRESHOLD .*got "nope"/],
    [['--test', 'psi:-1'], /^error: --test: expected METHOD or METHOD:THRESHOLD/],
    [['--test', 'psi', '--method', 'ks'], /^error: --test: not with --method/],
    [['--test', 'psi', '--threshold', '0.1'], /^error: --test: not with --threshold/],
    [['--combine', 'most'], /^error: option '--combine <how>' argument 'most' is invalid/],
  ])('%j is a usage error', async (args, message) => {
    const result = await drift(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr.split('\n').length).toBe(2);
  });

  it('a config with tests and a method at one level is refused, with its place', async () => {
    writeFileSync(join(dir, 'both.json'), '{"method": "ks", "tests": [{"method": "psi"}]}');
    const result = await drift(['--config', 'both.json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'error: both.json:1:2: method: not with tests (give each test its method there) (see docs/drift-detector.md, "Config file")\n',
    );
  });

  it('the same through the built bin', () => {
    const result = runBin(
      'drift-detector',
      [
        '--reference',
        'ref.csv',
        '--current',
        'cur.csv',
        '--test',
        'ks_stat:0.15',
        '--test',
        'missing_share',
        '--json',
      ],
      { cwd: dir },
    );
    expect(result.code).toBe(1);
    expect(features(result.stdout).miss!.tests![1]!.drift_score).toBeCloseToRelative(0.3, 1e-12);
  });
});

describe('data quality as tests', () => {
  it('missing_share: the change in the share of missing cells, with the two-proportion p-value', async () => {
    const result = await drift(['--method', 'missing_share', '--json']);
    const by = features(result.stdout);
    // |40/100 − 10/100|; p: pooled two-proportion z-test, z = 0.3 / sqrt(0.25·0.75·(1/100 + 1/100)),
    // 2·scipy.stats.norm.sf(4.8989794855663575).
    expect(by.miss!.drift_score).toBeCloseToRelative(0.3, 1e-12);
    expect(by.miss!.is_drifted).toBe(true);
    expect(by.num!.drift_score).toBe(0);
    expect(by.num!.threshold).toBe(0.1);
    const listed = await drift(['--test', 'missing_share', '--json']);
    expect(features(listed.stdout).miss!.tests![0]!.p_value).toBeCloseToRelative(9.633570086430874e-7, 1e-9);
  });

  it('new_category_share: the share of current rows in categories the reference never saw', async () => {
    const result = await drift(['--method', 'new_category_share', '--columns', 'cat', '--json']);
    const { cat } = features(result.stdout);
    expect(cat!.drift_score).toBeCloseToRelative(0.2, 1e-12);
    expect([cat!.threshold, cat!.is_drifted]).toEqual([0.05, true]);
  });
});
