import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, ROOT } from '../helpers/bins.js';
import { runInProcess } from '../helpers/in-process.js';

/** Fields this toolkit adds to the legacy report (docs/drift-detector.md, "JSON report"). */
const ADDED_TOP = ['method', 'correction', 'drift_share', 'reference', 'current', 'unscored_features'];
const ADDED_FEATURE = [
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
];

type Json = Record<string, unknown>;

function withoutAdded(report: Json): Json {
  const legacy: Json = {};
  for (const [key, value] of Object.entries(report)) if (!ADDED_TOP.includes(key)) legacy[key] = value;
  legacy.features = (report.features as Json[]).map((feature) => {
    const kept: Json = {};
    for (const [key, value] of Object.entries(feature)) if (!ADDED_FEATURE.includes(key)) kept[key] = value;
    return kept;
  });
  return legacy;
}

const legacyFolder = join(ROOT, 'fixtures/drift/legacy');
const legacyCases = readdirSync(legacyFolder).flatMap((name) => [
  [name, 'default', []] as const,
  [name, 'threshold_0.2', ['--threshold', '0.2']] as const,
]);

describe('default method = the legacy tool, number for number', () => {
  it.each(legacyCases)('%s, %s', async (name, variant, flags) => {
    const legacy = JSON.parse(
      readFileSync(join(legacyFolder, name, `legacy-output.${variant}.json`), 'utf8'),
    ) as Json;
    const { _exit_status: exitStatus, ...expected } = legacy;
    const result = await runInProcess('drift-detector', [
      '--reference',
      join(legacyFolder, name, 'reference.csv'),
      '--current',
      join(legacyFolder, name, 'current.csv'),
      '--json',
      ...flags,
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(exitStatus);
    const ours = withoutAdded(JSON.parse(result.stdout));
    expect(ours).toEqual(expected);
    // Same field order as the legacy tool, at the top and in every feature.
    expect(Object.keys(ours)).toEqual(Object.keys(expected));
    (expected.features as Json[]).forEach((feature, index) => {
      expect(Object.keys((ours.features as Json[])[index]!)).toEqual(Object.keys(feature));
    });
  });

  it('adds p-values, missing counts and the method to every feature, after the legacy fields', async () => {
    const result = await runInProcess('drift-detector', [
      '--reference',
      join(legacyFolder, 'missing_and_mixed/reference.csv'),
      '--current',
      join(legacyFolder, 'missing_and_mixed/current.csv'),
      '--json',
    ]);
    const report = JSON.parse(result.stdout);
    const [x, code] = report.features;
    // scipy.stats.ks_2samp(ref_x, cur_x).pvalue and chi2_contingency on the 2×6 table of `code`.
    expect(x.ks_pvalue).toBeCloseTo(0.01187386331046871, 15);
    expect(code.chi_square_pvalue / 2.2213751660528788e-7).toBeCloseTo(1, 12);
    expect([x.ref_missing, x.cur_missing, code.ref_missing]).toEqual([34, 45, 0]);
    expect(Object.keys(x).slice(-7)).toEqual([
      'method',
      'score_kind',
      'threshold',
      'ks_pvalue',
      'ref_missing',
      'cur_missing',
      'scored',
    ]);
    expect(report).toMatchObject({
      method: 'legacy',
      correction: 'none',
      drift_share: 0.3,
      unscored_features: 0,
    });
  });

  it('mlops drift prints the same report as drift-detector', async () => {
    const args = [
      '--reference',
      'fixtures/drift/reference.csv',
      '--current',
      'fixtures/drift/current.csv',
      '--json',
    ];
    const own = await runInProcess('drift-detector', args);
    const mounted = await runInProcess('mlops', ['drift', ...args]);
    expect(mounted).toEqual(own);
  });
});

let dir: string;
let cleanup: () => void;
function file(name: string, content: string): string {
  writeFileSync(join(dir, name), content);
  return name;
}
async function drift(args: string[]) {
  const result = await runInProcess('drift-detector', args, { cwd: dir });
  return {
    ...result,
    report: result.stdout.startsWith('{') ? (JSON.parse(result.stdout) as Json) : undefined,
  };
}
function feature(report: Json | undefined, name: string): Json {
  return (report!.features as Json[]).find((entry) => entry.feature === name)!;
}

beforeAll(() => {
  ({ dir, cleanup } = makeTempDir('mlops-drift-'));
});
afterAll(() => cleanup());

describe('legacy defects, fixed', () => {
  it('nan, inf and --na-values markers are missing, not numbers', async () => {
    const rows = (values: string[]) => `x\n${values.join('\n')}\n`;
    file('ref.csv', rows(['1', '2', 'nan', '3', 'NaN', '4', '-inf', 'Infinity', ' ', 'NA', '5']));
    file('cur.csv', rows(['1', '2', '3', '4', '5', '1e400', 'null']));
    const { report, code } = await drift([
      '--reference',
      'ref.csv',
      '--current',
      'cur.csv',
      '--json',
      '--na-values',
      'NA,null',
    ]);
    expect(code).toBe(0);
    expect(feature(report, 'x')).toMatchObject({
      data_type: 'numeric',
      ref_count: 5,
      cur_count: 5,
      ref_missing: 6,
      cur_missing: 2,
      ref_mean: 3,
      ks_statistic: 0,
      drift_score: 0,
    });
  });

  it('a numeric column with no numeric current value is reported, not guessed, and counts as drifted', async () => {
    file('ref.csv', 'x,y\n1,a\n2,b\n3,a\n');
    file('cur.csv', 'x,y\nn/a,a\n?,b\n,a\n');
    const { report, code } = await drift(['--reference', 'ref.csv', '--current', 'cur.csv', '--json']);
    expect(code).toBe(1);
    expect(report!.features).toEqual([
      {
        feature: 'x',
        data_type: 'numeric',
        ref_count: 3,
        cur_count: 2,
        drift_score: null,
        is_drifted: true,
        method: 'legacy',
        score_kind: 'distance',
        threshold: 0.1,
        ref_missing: 0,
        cur_missing: 1,
        scored: false,
        reason: 'no numeric values in current',
      },
      expect.objectContaining({ feature: 'y', drift_score: 0, scored: true }),
    ]);
  });

  it('a column empty in the current file is reported as such, and fails the check', async () => {
    file('ref.csv', 'c\na\nb\n');
    file('cur.csv', 'c\n\n \nnan\n');
    const { report, code } = await drift(['--reference', 'ref.csv', '--current', 'cur.csv', '--json']);
    expect(code).toBe(1);
    expect(feature(report, 'c')).toMatchObject({
      drift_score: null,
      is_drifted: true,
      scored: false,
      reason: 'all values missing in current',
    });
  });

  it('new and missing categories are sorted (by code point) and capped at 10', async () => {
    const reference = ['c', ...'mnopqrstuvwxyz'.split('')].join('\n');
    const current = ['c', ...'ÉZBAa'.split(''), ...'KLMNOPQRS'.split('')].join('\n');
    file('ref.csv', `${reference}\n`);
    file('cur.csv', `${current}\n`);
    const { report } = await drift(['--reference', 'ref.csv', '--current', 'cur.csv', '--json']);
    expect(feature(report, 'c').new_categories).toEqual(['A', 'B', 'K', 'L', 'M', 'N', 'O', 'P', 'Q', 'R']);
    expect(feature(report, 'c').missing_categories).toEqual([
      'm',
      'n',
      'o',
      'p',
      'q',
      'r',
      's',
      't',
      'u',
      'v',
    ]);
  });
});

describe('type inference and overrides', () => {
  it('numeric when more than 80% of the reference values parse as Python floats', async () => {
    // 4 of 5 (80%) is not more than 80%: categorical; 5 of 6 is.
    file('ref.csv', 'four,five\n1,1\n2,2\n 3 ,1_000\n.5,5.\nx,+1e3\n,y\n');
    file('cur.csv', 'four,five\n1,1\n2,2\n3,3\n4,4\n5,5\n6,6\n');
    const { report } = await drift(['--reference', 'ref.csv', '--current', 'cur.csv', '--json']);
    expect(feature(report, 'four').data_type).toBe('categorical');
    expect(feature(report, 'five').data_type).toBe('numeric');
    expect(feature(report, 'five').ref_mean).toBe(401.6); // (1 + 2 + 1000 + 5 + 1000) / 5
  });

  it('--categorical and --numeric override the inference', async () => {
    file('ref.csv', 'zip,score\n1000,a\n2000,1\n1000,2\n');
    file('cur.csv', 'zip,score\n1000,1\n3000,2\n1000,3\n');
    const { report } = await drift([
      '--reference',
      'ref.csv',
      '--current',
      'cur.csv',
      '--json',
      '--categorical',
      'zip',
      '--numeric',
      'score',
    ]);
    expect(feature(report, 'zip')).toMatchObject({
      data_type: 'categorical',
      new_categories: ['3000'],
      missing_categories: ['2000'],
    });
    expect(feature(report, 'score')).toMatchObject({ data_type: 'numeric', ref_count: 3, ref_mean: 1.5 });
  });
});

describe('options', () => {
  it('--columns keeps the given order before sorting and --drift-share moves the alert', async () => {
    const legacy = join(ROOT, 'fixtures/drift/legacy/numeric_shift');
    const base = [
      '--reference',
      join(legacy, 'reference.csv'),
      '--current',
      join(legacy, 'current.csv'),
      '--json',
    ];
    const some = await drift([...base, '--columns', 'score', 'age']);
    expect((some.report!.features as Json[]).map((f) => f.feature)).toEqual(['age', 'score']);
    expect(some.code).toBe(1); // 1 of 2 > 30%
    const lenient = await drift([...base, '--drift-share', '0.7']);
    expect(lenient.report).toMatchObject({ alert: false, alert_message: '', drift_share: 0.7 });
    expect(lenient.code).toBe(0);
  });

  it('--config sets per-column methods, thresholds, kinds and ignores columns', async () => {
    const legacy = join(ROOT, 'fixtures/drift/legacy/numeric_shift');
    file(
      'config.json',
      JSON.stringify({
        method: 'psi',
        ignore: ['income'],
        columns: { age: { method: 'ks', threshold: 0.01 }, score: { threshold: 0.5 } },
      }),
    );
    const { report, code } = await drift([
      '--reference',
      join(legacy, 'reference.csv'),
      '--current',
      join(legacy, 'current.csv'),
      '--json',
      '--config',
      'config.json',
    ]);
    expect(code).toBe(0);
    expect(report).toMatchObject({ method: 'psi', threshold: null, total_features: 2, drifted_features: 0 });
    expect(feature(report, 'age')).toMatchObject({
      method: 'ks',
      score_kind: 'p_value',
      threshold: 0.01,
      is_drifted: false,
    });
    expect(feature(report, 'age').drift_score).toBe(feature(report, 'age').ks_pvalue);
    expect(feature(report, 'score')).toMatchObject({ method: 'psi', threshold: 0.5, is_drifted: false });
  });

  it('reads .tsv by name and any delimiter with --delimiter', async () => {
    file('ref.tsv', 'a\tb\n1\tx\n2\ty\n3\tx\n');
    file('cur.txt', 'a;b\n1;x\n2;y\n3;x\n');
    const { report, code } = await drift([
      '--reference',
      'ref.tsv',
      '--current',
      'cur.txt',
      '--delimiter',
      ';',
      '--json',
    ]);
    // --delimiter applies to both files: ref.tsv has no ';', so its one column is not in cur.txt.
    expect(code).toBe(1);
    expect(report!.features).toEqual([
      expect.objectContaining({ feature: 'a\tb', scored: false, reason: 'column missing in current' }),
    ]);
    file('cur.tsv', 'a\tb\n1\tx\n2\ty\n3\tx\n');
    expect((await drift(['--reference', 'ref.tsv', '--current', 'cur.tsv', '--json'])).report).toMatchObject({
      total_features: 2,
    });
  });
});

describe('formats', () => {
  const quickStart = [
    '--reference',
    join(ROOT, 'fixtures/drift/reference.csv'),
    '--current',
    join(ROOT, 'fixtures/drift/current.csv'),
  ];

  it('text: a table and the alert, exit 1; colour only with FORCE_COLOR', async () => {
    const result = await runInProcess('drift-detector', quickStart);
    expect(result.code).toBe(1);
    const lines = result.stdout.split('\n');
    expect(lines[3]).toMatch(/^feature +type +method +score +threshold +drifted +details$/);
    expect(lines[4]).toMatch(/^monthly_spend +numeric +legacy +0\.497 +0\.1 +DRIFT +ks 0\.3141/);
    expect(result.stdout).toContain(
      'ALERT: 2/6 features drifted (>0.1 threshold). Consider model retraining.',
    );
    expect(result.stdout).not.toContain('\u001b[');
    expect(
      (await runInProcess('drift-detector', quickStart, { env: { FORCE_COLOR: '1' } })).stdout,
    ).toContain('\u001b[31m');
  });

  it('markdown: a summary and a table for $GITHUB_STEP_SUMMARY', async () => {
    const result = await runInProcess('drift-detector', [...quickStart, '--format', 'markdown']);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('### Data drift: 2 of 6 features drifted (33.3%), 🔴 alert');
    expect(lines).toContain('| Feature | Type | Method | Score | Threshold | Drifted | Details |');
    expect(lines.filter((line) => line.startsWith('| ')).length).toBe(2 + 6);
    expect(result.code).toBe(1);
  });

  it('--format json equals --json', async () => {
    expect(await runInProcess('drift-detector', [...quickStart, '--format', 'json'])).toEqual(
      await runInProcess('drift-detector', [...quickStart, '--json']),
    );
  });
});
