import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BinName, hasStackTrace, makeTempDir, ROOT } from '../helpers/bins.js';
import { runInProcess } from '../helpers/in-process.js';

const fixtures = join(ROOT, 'fixtures/registry');
const legacyOutput = (name: string) => readFileSync(join(fixtures, name), 'utf8');

let dir: string;
let cleanup: () => void;
let registry: string;
beforeEach(() => {
  ({ dir, cleanup } = makeTempDir('mlops-registry-'));
  registry = join(dir, 'model_registry.json');
  copyFileSync(join(fixtures, 'model_registry.json'), registry);
});
afterEach(() => cleanup());

/** Runs model-registry (or `mlops registry`) in the temp folder, the registry there by default. */
async function run(args: string[], env: Record<string, string> = {}, bin: BinName = 'model-registry') {
  const result = await runInProcess(bin, bin === 'mlops' ? ['registry', ...args] : args, {
    cwd: dir,
    env: { MLOPS_ACTOR: 'tester', ...env },
  });
  expect(hasStackTrace(result.stderr)).toBe(false);
  return result;
}

const json = (text: string) => JSON.parse(text);
const fileEntries = () => json(readFileSync(registry, 'utf8')) as Record<string, unknown>[];

describe('legacy parity on the legacy registry file', () => {
  it('list prints the legacy table, byte for byte', async () => {
    const result = await run(['list']);
    expect(result).toEqual({ code: 0, stdout: legacyOutput('legacy-output.list.txt'), stderr: '' });
  });

  it('list --json and --json list print the legacy JSON, byte for byte', async () => {
    expect((await run(['list', '--json'])).stdout).toBe(legacyOutput('legacy-output.list.json'));
    expect((await run(['--json', 'list'])).stdout).toBe(legacyOutput('legacy-output.list.json'));
    expect((await run(['--json', 'list', '--stage', 'production'])).stdout).toBe(
      legacyOutput('legacy-output.list-production.json'),
    );
  });

  it('compare --json keeps the legacy fields and adds best (direction-aware) and directions', async () => {
    const result = await run([
      '--json',
      'compare',
      '--name',
      'recommender',
      '--versions',
      '1.0.0',
      '1.1.0',
      '1.2.0',
    ]);
    expect(result.code).toBe(0);
    const { best, directions, ...legacyFields } = json(result.stdout);
    expect(legacyFields).toEqual(json(legacyOutput('legacy-output.compare.json')));
    expect(best).toEqual({ ndcg: '1.1.0', p95_latency_ms: '1.2.0', rmse: '1.2.0' });
    expect(directions).toEqual({ ndcg: 'higher', p95_latency_ms: 'lower', rmse: 'lower' });
  });

  it('compare prints the legacy table, with the best value of each metric marked the right way', async () => {
    const result = await run(['compare', '--name', 'recommender', '--versions', '1.0.0', '1.1.0', '1.2.0']);
    expect(result.code).toBe(0);
    const legacy = legacyOutput('legacy-output.compare.txt').split('\n');
    const lines = result.stdout.split('\n');
    // Title and headings as the legacy tool printed them.
    for (const index of [0, 1, 6, 7, 12, 13]) expect(lines[index]).toBe(legacy[index]);
    // Every version's column as wide as its widest cell (legacy: 18, which the 19-character
    // timestamps overflowed, pushing the rest of their row out of line), the star right after the
    // best value (legacy starred the highest rmse and latency).
    expect(lines.slice(2, 6)).toEqual([
      'Attribute            1.0.0               1.1.0               1.2.0              ',
      '--------------------------------------------------------------------------------',
      'stage                archived            production          staging            ',
      'updated_at           2026-11-27T05:12:26 2026-11-27T05:12:26 2026-11-27T05:12:25',
    ]);
    expect(lines.slice(8, 12)).toEqual([
      '  ndcg               0.41                0.44 *              0.43               ',
      '  p95_latency_ms     80                  95                  70 *               ',
      '  rmse               0.93                0.9                 0.88 *             ',
      '  * = best (higher is better: ndcg; lower is better: p95_latency_ms, rmse)',
    ]);
    expect(lines[14]).toBe(
      '  factors            64                  128                 96                 ',
    );
    expect(result.stdout.endsWith('\n')).toBe(true);
  });

  it('colours the best values only when colour is forced', async () => {
    const args = ['compare', '--name', 'recommender', '--versions', '1.0.0', '1.1.0'];
    expect((await run(args)).stdout).not.toContain('\u001b[');
    expect((await run(args, { FORCE_COLOR: '1' })).stdout).toContain('\u001b[32m0.44 *');
  });

  it('--lower-is-better and --higher-is-better override the name rule', async () => {
    const result = await run([
      '--json',
      'compare',
      '--name',
      'recommender',
      '--versions',
      '1.0.0',
      '1.1.0',
      '--lower-is-better',
      'ndcg',
      '--higher-is-better',
      'rmse,p95_latency_ms',
    ]);
    expect(json(result.stdout).best).toEqual({ ndcg: '1.0.0', p95_latency_ms: '1.1.0', rmse: '1.0.0' });
  });
});

describe('global options before or after the command, and the default path', () => {
  it('takes --registry before or after the command, $MLOPS_REGISTRY, else ./model_registry.json', async () => {
    const elsewhere = makeTempDir('mlops-registry-cwd-');
    try {
      const before = await runInProcess('model-registry', ['--registry', registry, '--json', 'list'], {
        cwd: elsewhere.dir,
      });
      const after = await runInProcess('model-registry', ['list', '--registry', registry, '--json'], {
        cwd: elsewhere.dir,
      });
      const fromEnv = await runInProcess('model-registry', ['list', '--json'], {
        cwd: elsewhere.dir,
        env: { MLOPS_REGISTRY: registry },
      });
      expect(json(before.stdout)).toHaveLength(3);
      expect(after.stdout).toBe(before.stdout);
      const both = await runInProcess(
        'model-registry',
        ['--registry', 'nowhere.json', 'list', '--registry', registry, '--json'],
        {
          cwd: elsewhere.dir,
        },
      );
      expect(both.stdout).toBe(before.stdout); // after the command wins
      expect(fromEnv.stdout).toBe(before.stdout);
      const fallback = await runInProcess('model-registry', ['list', '--json'], { cwd: elsewhere.dir });
      expect(fallback).toEqual({
        code: 0,
        stdout: '[]\n',
        stderr: 'note: no registry file at model_registry.json\n',
      });
      expect((await run(['list', '--json'])).stdout).toBe(before.stdout); // ./model_registry.json in the temp folder
    } finally {
      elsewhere.cleanup();
    }
  });

  it('prints [] (never a sentence) for an empty registry under --json, and does not create the file', async () => {
    const empty = join(dir, 'none.json');
    const note = `note: no registry file at ${empty}\n`;
    expect(await run(['--registry', empty, 'list', '--json'])).toEqual({
      code: 0,
      stdout: '[]\n',
      stderr: note,
    });
    expect(await run(['--registry', empty, 'list'])).toEqual({
      code: 0,
      stdout: 'Registry is empty.\n',
      stderr: note,
    });
    expect(await run(['list', '--name', 'nothing'])).toEqual({
      code: 0,
      stdout: 'No matching versions.\n',
      stderr: '',
    });
    expect((await run(['--registry', empty, 'history', '--json'])).stdout).toBe('[]\n');
    expect(existsSync(empty)).toBe(false);
  });

  it('mlops registry is the same program, --version after register included', async () => {
    const result = await run(['register', '--name', 'churn', '--version', '2.0.0', '--json'], {}, 'mlops');
    expect(result.code).toBe(0);
    expect(json(result.stdout)).toMatchObject({ name: 'churn', version: '2.0.0' });
    expect((await run(['list', '--name', 'churn'], {}, 'mlops')).stdout).toContain(
      'churn                     2.0.0',
    );
  });
});

describe('register', () => {
  it('appends an entry with every legacy key plus its history, and prints the legacy lines', async () => {
    const result = await run([
      'register',
      '--name',
      'churn',
      '--version',
      'v1',
      '--metrics',
      '{"auc": 0.91, "logloss": 0.3}',
      '--params',
      '{"depth": 6}',
      '--tags',
      'xgb, nightly',
      '--description',
      'first',
      '--artifact',
      's3://models/churn/v1',
    ]);
    expect(result).toEqual({
      code: 0,
      stdout: 'Registered: churn v1 (stage: development)\n  Metrics: auc=0.91, logloss=0.3\n',
      stderr: '',
    });
    const entry = fileEntries()[3]!;
    expect(Object.keys(entry)).toEqual([
      'name',
      'version',
      'stage',
      'registered_at',
      'updated_at',
      'metrics',
      'parameters',
      'tags',
      'description',
      'artifact_path',
      'history',
    ]);
    expect(entry).toMatchObject({
      stage: 'development',
      metrics: { auc: 0.91, logloss: 0.3 },
      parameters: { depth: 6 },
      tags: ['xgb', 'nightly'],
      description: 'first',
      artifact_path: 's3://models/churn/v1',
      history: [
        { action: 'register', from_stage: null, to_stage: 'development', actor: 'tester', reason: '' },
      ],
    });
    expect(entry.registered_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(fileEntries().slice(0, 3)).toEqual(json(legacyOutput('legacy-output.list.json')));
  });

  it('--json prints the entry', async () => {
    const result = await run(['register', '--name', 'churn', '--version', 'v1', '--json']);
    expect(json(result.stdout)).toEqual(fileEntries()[3]);
  });

  it('straight into production archives the current production version', async () => {
    const result = await run([
      'register',
      '--name',
      'recommender',
      '--version',
      '2.0.0',
      '--stage',
      'production',
    ]);
    expect(result.stdout).toBe(
      'Registered: recommender 2.0.0 (stage: production)\n  Metrics: (none)\nArchived: recommender 1.1.0: production -> archived\n',
    );
    expect(fileEntries().map((entry) => entry.stage)).toEqual([
      'archived',
      'archived',
      'staging',
      'production',
    ]);
  });

  it('refuses a duplicate version (exit 1) and leaves the file as it was', async () => {
    const before = readFileSync(registry);
    const result = await run(['register', '--name', 'recommender', '--version', '1.1.0']);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error: recommender 1.1.0 already registered (stage: production) (register a new version, or use promote to change its stage)\n',
    });
    expect(readFileSync(registry)).toEqual(before);
  });

  it.each([
    [
      ['--stage', 'prod'],
      'error: --stage: invalid stage "prod" (valid stages: development, staging, production, archived, retired)',
    ],
    [
      ['--metrics', '{"auc": 0.9'],
      /^error: --metrics: invalid JSON: .* \(--metrics takes a JSON object, e\.g\. '\{"f1": 0\.91\}'\)$/,
    ],
    [
      ['--metrics', '{"auc": NaN}'],
      /^error: --metrics: NaN and Infinity are not JSON numbers; metrics must be finite numbers/,
    ],
    [['--metrics', '{"auc": Infinity}'], /NaN and Infinity are not JSON numbers/],
    [
      ['--metrics', '{"auc": 1e999}'],
      'error: --metrics: the number 1e999 (column 9) is out of range for a double: it would be stored as Infinity (a double holds 0 and sizes from 5e-324 to about 1.8e308)',
    ],
    [['--metrics', '{"auc": "0.9"}'], 'error: --metrics: metric "auc" must be a finite number, got "0.9"'],
    [['--metrics', '[0.9]'], /^error: --metrics: expected a JSON object, got an array/],
    [['--params', '"deep"'], /^error: --params: expected a JSON object, got "deep"/],
    [
      ['--lock-timeout', 'soon'],
      'error: --lock-timeout: expected a decimal number of seconds, 0 or more, got "soon"',
    ],
  ])('rejects %j with exit 2 and one line, writing nothing', async (extra, message) => {
    const before = readFileSync(registry);
    const result = await run(['register', '--name', 'churn', '--version', 'v1', ...extra]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    if (typeof message === 'string') expect(result.stderr.trimEnd()).toBe(message);
    else expect(result.stderr.trimEnd()).toMatch(message);
    expect(readFileSync(registry)).toEqual(before);
  });

  it('a missing required flag is a usage error (exit 2)', async () => {
    const result = await run(['register', '--name', 'churn']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "error: required option '--version <version>' not specified (see 'model-registry register --help')\n",
    );
  });

  it('creates the registry file on the first write', async () => {
    const fresh = join(dir, 'fresh.json');
    expect((await run(['--registry', fresh, 'register', '--name', 'a', '--version', '1'])).code).toBe(0);
    expect(json(readFileSync(fresh, 'utf8'))).toHaveLength(1);
    expect(readdirSync(dir).sort()).toEqual(['fresh.json', 'model_registry.json']);
  });
});

describe('promote', () => {
  it('prints the legacy line, archives the previous production version, --json prints the entry', async () => {
    const result = await run([
      'promote',
      '--name',
      'recommender',
      '--version',
      '1.2.0',
      '--stage',
      'production',
      '--reason',
      'lower rmse',
    ]);
    expect(result).toEqual({
      code: 0,
      stdout:
        'Promoted: recommender 1.2.0: staging -> production\nArchived: recommender 1.1.0: production -> archived\n',
      stderr: '',
    });
    const promoted = await run([
      '--json',
      'promote',
      '--name',
      'recommender',
      '--version',
      '1.0.0',
      '--stage',
      'staging',
    ]);
    expect(json(promoted.stdout)).toMatchObject({ version: '1.0.0', stage: 'staging' });
    expect(fileEntries().map((entry) => entry.stage)).toEqual(['staging', 'archived', 'production']);
  });

  it('refuses (exit 1, nothing written) unless every --require holds, naming each failure and its value', async () => {
    const before = readFileSync(registry);
    const result = await run([
      'promote',
      '--name',
      'recommender',
      '--version',
      '1.2.0',
      '--stage',
      'production',
      '--require',
      'ndcg>=0.45',
      '--require',
      'rmse<0.9',
      '--require',
      'auc > 0.5',
    ]);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error: promotion of recommender 1.2.0 to production refused: not met: ndcg>=0.45 (ndcg = 0.43); auc > 0.5 (no metric auc) (nothing was changed)\n',
    });
    expect(readFileSync(registry)).toEqual(before);
    const passing = await run([
      'promote',
      '--name',
      'recommender',
      '--version',
      '1.2.0',
      '--stage',
      'production',
      '--require',
      'ndcg>=0.43',
      '--require',
      'p95_latency_ms<=70',
    ]);
    expect(passing.code).toBe(0);
  });

  it.each([
    [
      ['--version', '9.9.9', '--stage', 'staging'],
      'error: unknown version: recommender 9.9.9 is not in the registry (versions of recommender: 1.0.0, 1.1.0, 1.2.0)',
    ],
    [
      ['--version', '1.2.0', '--stage', 'prod'],
      'error: --stage: invalid stage "prod" (valid stages: development, staging, production, archived, retired)',
    ],
    [
      ['--version', '1.2.0', '--stage', 'production', '--require', 'f1=0.9'],
      'error: --require: expected METRIC>=NUMBER (or >, <=, <), e.g. "f1>=0.85", got "f1=0.9"',
    ],
  ])('rejects %j with exit 2', async (extra, message) => {
    const before = readFileSync(registry);
    const result = await run(['promote', '--name', 'recommender', ...extra]);
    expect(result).toEqual({ code: 2, stdout: '', stderr: `${message}\n` });
    expect(readFileSync(registry)).toEqual(before);
  });
});

describe('rollback, show, history and alias', () => {
  it('rolls back to the previous production version, then refuses when there is nothing left', async () => {
    await run(['promote', '--name', 'recommender', '--version', '1.2.0', '--stage', 'production']);
    const result = await run(['rollback', '--name', 'recommender', '--reason', 'latency']);
    expect(result).toEqual({
      code: 0,
      stdout:
        'Rolled back: recommender production: 1.2.0 -> 1.1.0\nArchived: recommender 1.2.0: production -> archived\n',
      stderr: '',
    });
    const again = await run(['rollback', '--name', 'recommender']);
    expect(again).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error: nothing to roll back to: the history shows no version of recommender in production before 1.1.0 (name the version to put back with --to VERSION)\n',
    });
    const to = await run(['--json', 'rollback', '--name', 'recommender', '--to', '1.0.0']);
    expect(json(to.stdout)).toMatchObject({ version: '1.0.0', stage: 'production' });
    expect((await run(['rollback', '--name', 'recommender', '--to', '5'])).code).toBe(2);
  });

  it('alias sets, moves and removes; show finds a version by alias, with its history', async () => {
    expect(
      (await run(['alias', '--name', 'recommender', '--version', '1.1.0', '--alias', 'champion'])).stdout,
    ).toBe('Alias champion: recommender 1.1.0\n');
    expect(
      (await run(['alias', '--name', 'recommender', '--version', '1.2.0', '--alias', 'champion'])).stdout,
    ).toBe('Alias champion: recommender 1.2.0 (moved from 1.1.0)\n');
    const shown = json(
      (await run(['show', '--name', 'recommender', '--alias', 'champion', '--json'])).stdout,
    );
    expect(shown).toMatchObject({ version: '1.2.0', aliases: ['champion'] });
    expect(shown.history).toEqual([
      expect.objectContaining({
        action: 'alias-set',
        alias: 'champion',
        from_stage: 'staging',
        to_stage: 'staging',
        actor: 'tester',
      }),
    ]);
    const text = (await run(['show', '--name', 'recommender', '--version', '1.2.0'])).stdout.split('\n');
    expect(text.slice(0, 4)).toEqual([
      'Name:         recommender',
      'Version:      1.2.0',
      'Stage:        staging',
      'Aliases:      champion',
    ]);
    expect(text.at(-2)).toMatch(/^ {2}\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ alias-set +alias champion +tester$/);
    expect((await run(['alias', '--name', 'recommender', '--remove', 'champion'])).stdout).toBe(
      'Removed alias champion: recommender 1.2.0\n',
    );
    expect(await run(['show', '--name', 'recommender', '--alias', 'champion'])).toMatchObject({ code: 2 });
  });

  it('show of a legacy entry prints its fields and says no history was recorded', async () => {
    const result = await run(['show', '--name', 'recommender', '--version', '1.0.0']);
    expect(result.stdout).toBe(
      [
        'Name:         recommender',
        'Version:      1.0.0',
        'Stage:        archived',
        'Aliases:',
        'Registered:   2026-11-27T05:12:25',
        'Updated:      2026-11-27T05:12:26',
        'Metrics:      ndcg=0.41, rmse=0.93, p95_latency_ms=80',
        'Parameters:   factors=64',
        'Tags:         als',
        'Description:',
        'Artifact:     gs://models/rec/1.0.0',
        'History:',
        '  (none recorded)',
        '',
      ].join('\n'),
    );
    expect(
      json((await run(['show', '--name', 'recommender', '--version', '1.0.0', '--json'])).stdout),
    ).toMatchObject({ history: [], aliases: [] });
  });

  it.each([
    [['show', '--name', 'recommender'], 'error: show needs exactly one of --version and --alias'],
    [
      ['show', '--name', 'recommender', '--version', '1.0.0', '--alias', 'x'],
      'error: show needs exactly one of --version and --alias',
    ],
    [
      ['show', '--name', 'recommender', '--version', '7'],
      /^error: unknown version: recommender 7 is not in the registry/,
    ],
    [
      ['alias', '--name', 'recommender', '--alias', 'x'],
      'error: alias needs either --version V --alias A, or --remove A',
    ],
    [
      ['alias', '--name', 'recommender', '--version', '1.0.0', '--alias', '1st'],
      /^error: --alias: invalid alias "1st"/,
    ],
    [
      ['alias', '--name', 'recommender', '--remove', 'champion'],
      /^error: unknown alias: no version of recommender has the alias "champion"/,
    ],
    [
      ['compare', '--name', 'recommender', '--versions', '1.0.0'],
      'error: --versions: need at least 2 versions to compare, got 1',
    ],
    [
      ['compare', '--name', 'recommender', '--versions', '1.0.0', '3.0'],
      /^error: unknown version: recommender 3\.0 is not in the registry/,
    ],
    [['list', '--stage', 'live'], /^error: --stage: invalid stage "live"/],
  ])('%j is a usage or input error (exit 2)', async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    if (typeof message === 'string') expect(result.stderr.trimEnd()).toBe(message);
    else expect(result.stderr).toMatch(message);
  });

  it('history lists every change oldest first, as text and JSON, filtered by name and version', async () => {
    await run(['register', '--name', 'recommender', '--version', '1.3.0'], { MLOPS_ACTOR: 'ci' });
    await run([
      'promote',
      '--name',
      'recommender',
      '--version',
      '1.3.0',
      '--stage',
      'production',
      '--reason',
      'ab test won',
    ]);
    await run(['rollback', '--name', 'recommender']);
    await run(['alias', '--name', 'recommender', '--version', '1.3.0', '--alias', 'challenger']);
    const records = json((await run(['history', '--json'])).stdout);
    expect(
      records.map((r: Record<string, unknown>) => [
        r.action,
        r.version,
        r.from_stage,
        r.to_stage,
        r.actor,
        r.reason,
        r.alias,
      ]),
    ).toEqual([
      ['register', '1.3.0', null, 'development', 'ci', '', null],
      ['archive', '1.1.0', 'production', 'archived', 'tester', 'replaced in production by 1.3.0', null],
      ['promote', '1.3.0', 'development', 'production', 'tester', 'ab test won', null],
      ['archive', '1.3.0', 'production', 'archived', 'tester', 'rolled back to 1.1.0', null],
      ['rollback', '1.1.0', 'archived', 'production', 'tester', '', null],
      ['alias-set', '1.3.0', 'archived', 'archived', 'tester', '', 'challenger'],
    ]);
    for (const record of records) {
      expect(Object.keys(record)).toEqual([
        'time',
        'action',
        'name',
        'version',
        'from_stage',
        'to_stage',
        'actor',
        'reason',
        'alias',
      ]);
      expect(record.time).toMatch(/Z$/);
    }
    expect(json((await run(['history', '--json', '--version', '1.1.0'])).stdout)).toHaveLength(2);
    const text = (await run(['history'])).stdout.split('\n');
    expect(text[0]).toBe(
      'Time                 Action       Model                    Change                     Actor        Reason',
    );
    expect(text[2]).toMatch(/^\S+Z register {5}recommender 1\.3\.0 {8}- -> development {11}ci$/);
    expect(text[3]).toMatch(
      /^\S+Z archive {6}recommender 1\.1\.0 {8}production -> archived {5}tester {7}replaced in production by 1\.3\.0$/,
    );
    expect((await run(['history', '--name', 'nothing'])).stdout).toBe('No history recorded.\n');
  });
});

describe('a registry file that cannot be read is reported and never touched', () => {
  const writes = [
    ['register', '--name', 'a', '--version', '1'],
    ['promote', '--name', 'recommender', '--version', '1.2.0', '--stage', 'production'],
    ['rollback', '--name', 'recommender', '--to', '1.0.0'],
    ['alias', '--name', 'recommender', '--version', '1.2.0', '--alias', 'champion'],
  ];
  const reads = [
    ['list'],
    ['show', '--name', 'recommender', '--version', '1.0.0'],
    ['history'],
    ['compare', '--name', 'recommender', '--versions', '1.0.0', '1.1.0'],
  ];

  it('invalid JSON: exit 2 with the path, line and column, file bytes unchanged', async () => {
    const broken = readFileSync(registry, 'utf8').replace('"stage": "staging",', '"stage": "staging"');
    writeFileSync(registry, broken);
    for (const args of [...writes, ...reads]) {
      const result = await run(args);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `error: model_registry.json:44:5: invalid JSON: unexpected '"': expected ',' or '}' after an object member (fix the file or restore it from a backup; it was not modified)\n`,
      );
      expect(readFileSync(registry, 'utf8')).toBe(broken);
    }
    expect(readdirSync(dir)).toEqual(['model_registry.json']);
  });

  it('a truncated file (what the legacy tool left after a crash): exit 2, file unchanged', async () => {
    const truncated = readFileSync(registry, 'utf8').slice(0, 500);
    writeFileSync(registry, truncated);
    const result = await run(['register', '--name', 'a', '--version', '1']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: model_registry\.json:\d+:\d+: invalid JSON: /);
    expect(readFileSync(registry, 'utf8')).toBe(truncated);
  });

  it('a schema mismatch: exit 2 with the path, the entry and the field, file unchanged', async () => {
    const wrong = readFileSync(registry, 'utf8').replace('"stage": "staging"', '"stage": "prod"');
    writeFileSync(registry, wrong);
    for (const args of [...writes, ...reads]) {
      const result = await run(['--registry', 'model_registry.json', ...args]);
      expect(result).toEqual({
        code: 2,
        stdout: '',
        stderr:
          'error: model_registry.json: entry 3 (recommender 1.2.0): stage: invalid value "prod" (expected one of development, staging, production, archived, retired) (fix the file by hand; it was not modified)\n',
      });
      expect(readFileSync(registry, 'utf8')).toBe(wrong);
    }
  });
});

describe('the lock', () => {
  it('a write waits for the lock silently, then times out with exit 2 naming the lock file; nothing written', async () => {
    const lock = `${registry}.lock`;
    // Held by a live process: this test runner.
    writeFileSync(
      lock,
      JSON.stringify({ pid: process.pid, hostname: hostname(), time: new Date().toISOString(), token: 't' }),
    );
    const before = readFileSync(registry);
    const result = await run(['register', '--name', 'a', '--version', '1'], { MLOPS_LOCK_TIMEOUT: '0.3' });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      new RegExp(
        `^error: model_registry\\.json\\.lock: timed out after 0\\.\\d s waiting for the registry lock, held by pid ${process.pid} on .* \\(another registry command is writing; if none is running, delete the lock file\\. Set MLOPS_LOCK_TIMEOUT \\(seconds\\) to wait longer\\)\\n$`,
      ),
    );
    expect(readFileSync(registry)).toEqual(before);
    // Reads need no lock.
    expect((await run(['list', '--json'])).code).toBe(0);
    expect((await run(['register', '--name', 'a', '--version', '1', '--lock-timeout', '0'])).code).toBe(2);
  });
});
