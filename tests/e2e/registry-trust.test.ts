import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BinName, hasStackTrace, makeTempDir, ROOT, runBin } from '../helpers/bins.js';
import { runInProcess } from '../helpers/in-process.js';

/**
 * The registry as a gate that never says green by mistake, on hostile input: a registry path that
 * points nowhere, files that are not files, huge or deeply nested files, numbers a double cannot hold,
 * names with control characters, keys like `__proto__`; and the two answers a deploy script needs
 * (`get`, `promote --json` when refused). Every case runs the bin's program on real files, in this process (tests/helpers/in-process.ts), except
 * the FIFO and device cases, which start the built bin: they are about what a file descriptor does.
 */

let dir: string;
let cleanup: () => void;
let registry: string;
beforeEach(() => {
  ({ dir, cleanup } = makeTempDir('mlops-registry-trust-'));
  registry = join(dir, 'model_registry.json');
  copyFileSync(join(ROOT, 'fixtures/registry/model_registry.json'), registry);
});
afterEach(() => cleanup());

/**
 * Runs model-registry (or `mlops registry`) in the temp folder; the registry there by default. In this
 * process (runInProcess: same stdout, stderr and exit code as the bin); `spawnRun` below starts the bin.
 */
async function run(args: string[], options: { env?: Record<string, string>; bin?: BinName } = {}) {
  const bin = options.bin ?? 'model-registry';
  const result = await runInProcess(bin, bin === 'mlops' ? ['registry', ...args] : args, {
    cwd: dir,
    env: { MLOPS_ACTOR: 'tester', ...options.env },
  });
  expect(hasStackTrace(result.stderr)).toBe(false);
  return result;
}

/** `run`, as a process of its own: for what a file descriptor does (FIFOs, devices). */
function spawnRun(args: string[], options: { env?: Record<string, string>; bin?: BinName } = {}) {
  const bin = options.bin ?? 'model-registry';
  const result = runBin(bin, bin === 'mlops' ? ['registry', ...args] : args, {
    cwd: dir,
    env: { MLOPS_ACTOR: 'tester', ...options.env },
    timeoutMs: 20_000,
  });
  expect(hasStackTrace(result.stderr)).toBe(false);
  return result;
}

const readOnly: string[][] = [
  ['list'],
  ['list', '--json'],
  ['show', '--name', 'recommender', '--version', '1.0.0'],
  ['history'],
  ['compare', '--name', 'recommender', '--versions', '1.0.0', '1.1.0'],
  ['get', '--name', 'recommender', '--stage', 'production'],
];
const writes: string[][] = [
  ['register', '--name', 'churn', '--version', 'v1'],
  ['promote', '--name', 'recommender', '--version', '1.2.0', '--stage', 'production'],
  ['rollback', '--name', 'recommender'],
  ['alias', '--name', 'recommender', '--version', '1.1.0', '--alias', 'champion'],
];

/** A registry of one entry, with `replace` applied to its JSON text. */
function oneEntry(replace: (text: string) => string = (text) => text): string {
  const text = `${JSON.stringify(
    [
      {
        name: 'fraud',
        version: '1.0',
        stage: 'staging',
        registered_at: '2026-11-27T05:12:25Z',
        updated_at: '2026-11-27T05:12:25Z',
        metrics: { f1: 0.9 },
        parameters: { depth: 6 },
        tags: [],
        description: '',
        artifact_path: 's3://models/fraud/1.0',
      },
    ],
    null,
    2,
  )}\n`;
  return replace(text);
}

describe('a registry path whose folder does not exist is an error for every command (exit 2)', () => {
  it.each([...readOnly, ...writes])('%j with --registry', async (...args) => {
    const result = await run(['--registry', 'typo/reg.json', ...args]);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr:
        "error: typo/reg.json: the registry's folder typo does not exist (check --registry, or create the folder)\n",
    });
    expect(existsSync(join(dir, 'typo'))).toBe(false);
  });

  it('names MLOPS_REGISTRY when the path came from it, also through mlops registry', async () => {
    for (const bin of ['model-registry', 'mlops'] as const) {
      const result = await run(['list'], { env: { MLOPS_REGISTRY: '/nonexistent/dir/reg.json' }, bin });
      expect(result).toEqual({
        code: 2,
        stdout: '',
        stderr:
          "error: /nonexistent/dir/reg.json: the registry's folder /nonexistent/dir does not exist (check MLOPS_REGISTRY, or create the folder)\n",
      });
    }
  });

  it('a file where the folder should be is named as such', async () => {
    const result = await run([
      '--registry',
      'model_registry.json/reg.json',
      'register',
      '--name',
      'a',
      '--version',
      '1',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "error: model_registry.json/reg.json: the registry's folder model_registry.json is a file, not a folder (check --registry, or create the folder)\n",
    );
  });
});

describe('a missing file in an existing folder reads as empty, and read-only commands say so', () => {
  it('list, history, show, compare and get print a note on stderr; exit codes as for an empty registry', async () => {
    const note = 'note: no registry file at none.json\n';
    expect(await run(['--registry', 'none.json', 'list'])).toEqual({
      code: 0,
      stdout: 'Registry is empty.\n',
      stderr: note,
    });
    expect(await run(['--registry', 'none.json', 'history', '--json'])).toEqual({
      code: 0,
      stdout: '[]\n',
      stderr: note,
    });
    const show = await run(['--registry', 'none.json', 'show', '--name', 'a', '--version', '1']);
    expect(show.code).toBe(2);
    expect(show.stderr).toMatch(/^note: no registry file at none\.json\nerror: unknown version: a 1 /);
    const compare = await run(['--registry', 'none.json', 'compare', '--name', 'a', '--versions', '1', '2']);
    expect(compare.code).toBe(2);
    expect(compare.stderr.startsWith(note)).toBe(true);
    expect(await run(['--registry', 'none.json', 'get', '--name', 'a', '--stage', 'production'])).toEqual({
      code: 1,
      stdout: '',
      stderr: `${note}error: no model named "a" in this registry (check --name and the registry path)\n`,
    });
    expect(readdirSync(dir)).toEqual(['model_registry.json']);
  });

  it('the path in the note is escaped', async () => {
    const result = await run(['--registry', 'reg\u001b[31m.json', 'list', '--json']);
    expect(result).toEqual({
      code: 0,
      stdout: '[]\n',
      stderr: 'note: no registry file at reg\\x1b[31m.json\n',
    });
  });

  it('a write creates the file, without a note', async () => {
    const result = await run(['--registry', 'new.json', 'register', '--name', 'a', '--version', '1']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(readFileSync(join(dir, 'new.json'), 'utf8'))).toHaveLength(1);
  });
});

describe('get, for deploy scripts', () => {
  beforeEach(async () => {
    for (const args of [
      ['register', '--name', 'recommender', '--version', '1.3.0', '--stage', 'staging'],
      ['register', '--name', 'recommender', '--version', '1.4.0', '--stage', 'staging'],
      ['alias', '--name', 'recommender', '--version', '1.3.0', '--alias', 'challenger'],
    ])
      expect((await run(args)).code).toBe(0);
  });

  it('prints the version alone on one line: in a stage, with an alias, or by version', async () => {
    expect(await run(['get', '--name', 'recommender', '--stage', 'production'])).toEqual({
      code: 0,
      stdout: '1.1.0\n',
      stderr: '',
    });
    expect((await run(['get', '--name', 'recommender', '--alias', 'challenger'])).stdout).toBe('1.3.0\n');
    expect((await run(['get', '--name', 'recommender', '--version', '1.0.0'])).stdout).toBe('1.0.0\n');
    expect(
      (await run(['get', '--name', 'recommender', '--stage', 'production'], { bin: 'mlops' })).stdout,
    ).toBe('1.1.0\n');
  });

  it('--json prints the entry, as show --json does', async () => {
    const got = await run(['get', '--name', 'recommender', '--alias', 'challenger', '--json']);
    const shown = await run(['show', '--name', 'recommender', '--version', '1.3.0', '--json']);
    expect(got).toMatchObject({ code: 0, stderr: '' });
    expect(got.stdout).toBe(shown.stdout);
    expect(JSON.parse(got.stdout)).toMatchObject({ version: '1.3.0', aliases: ['challenger'] });
  });

  it('several versions in a stage: the most recently updated, and a note naming the others', async () => {
    const result = await run(['get', '--name', 'recommender', '--stage', 'staging']);
    // 1.4.0 was registered last; the legacy 1.2.0 was updated in 2026-11-27.
    expect(result).toEqual({
      code: 0,
      stdout: '1.4.0\n',
      stderr:
        'note: 3 versions of recommender are in staging; printed the most recently updated, 1.4.0 (also: 1.3.0, 1.2.0)\n',
    });
  });

  it('refuses to choose between versions that tie on updated_at (exit 1)', async () => {
    const entries = JSON.parse(readFileSync(registry, 'utf8'));
    for (const entry of entries) if (entry.stage === 'staging') entry.updated_at = '2026-12-01T00:00:00.000Z';
    writeFileSync(registry, JSON.stringify(entries, null, 2));
    expect(await run(['get', '--name', 'recommender', '--stage', 'staging'])).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error: 3 versions of recommender are in staging with the same updated_at (2026-12-01T00:00:00.000Z): 1.2.0, 1.3.0, 1.4.0 (name the one you mean with --version or --alias)\n',
    });
  });

  it.each([
    [
      ['--name', 'recommender', '--stage', 'development'],
      'error: recommender has no version in development (versions: 1.0.0 (archived), 1.1.0 (production), 1.2.0 (staging), 1.3.0 (staging), 1.4.0 (staging))',
    ],
    [
      ['--name', 'recommender', '--alias', 'champion'],
      'error: no version of recommender has the alias "champion" (aliases of recommender: challenger)',
    ],
    [
      ['--name', 'recommender', '--version', '9.9.9'],
      'error: recommender has no version "9.9.9" (versions: 1.0.0 (archived), 1.1.0 (production), 1.2.0 (staging), 1.3.0 (staging), 1.4.0 (staging))',
    ],
    [
      ['--name', 'fraud', '--stage', 'production'],
      'error: no model named "fraud" in this registry (check --name and the registry path)',
    ],
  ])('exit 1 and one clear line when nothing matches: %j', async (args, message) => {
    for (const json of [[], ['--json']]) {
      expect(await run(['get', ...args, ...json])).toEqual({ code: 1, stdout: '', stderr: `${message}\n` });
    }
  });

  it.each([
    [['--name', 'recommender'], 'error: get needs exactly one of --stage, --alias and --version'],
    [
      ['--name', 'recommender', '--stage', 'production', '--alias', 'champion'],
      'error: get needs exactly one of --stage, --alias and --version',
    ],
    [
      ['--name', 'recommender', '--stage', 'prod'],
      'error: --stage: invalid stage "prod" (valid stages: development, staging, production, archived, retired)',
    ],
    [
      ['--stage', 'production'],
      "error: required option '--name <name>' not specified (see 'model-registry get --help')",
    ],
  ])('exit 2 for bad usage: %j', async (args, message) => {
    expect(await run(['get', ...args])).toEqual({ code: 2, stdout: '', stderr: `${message}\n` });
  });
});

describe('promote --json when refused', () => {
  it('prints the refusal with every unmet condition on stdout, the error on stderr, exit 1, writes nothing', async () => {
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
      'rmse<=0.9',
      '--require',
      'auc>0.8',
      '--json',
    ]);
    const reason =
      'promotion of recommender 1.2.0 to production refused: not met: ndcg>=0.45 (ndcg = 0.43); auc>0.8 (no metric auc)';
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      promoted: false,
      name: 'recommender',
      version: '1.2.0',
      stage: 'production',
      unmet: [
        { requirement: 'ndcg>=0.45', metric: 'ndcg', value: 0.43 },
        { requirement: 'auc>0.8', metric: 'auc', value: null },
      ],
      reason,
    });
    expect(result.stderr).toBe(`error: ${reason} (nothing was changed)\n`);
    expect(readFileSync(registry)).toEqual(before);
  });

  it('without --json, stdout stays empty; an accepted promotion still prints the entry', async () => {
    const args = ['promote', '--name', 'recommender', '--version', '1.2.0', '--stage', 'production'];
    expect(await run([...args, '--require', 'ndcg>=0.45'])).toMatchObject({ code: 1, stdout: '' });
    const accepted = await run([...args, '--require', 'ndcg>=0.4', '--json']);
    expect(accepted.code).toBe(0);
    expect(JSON.parse(accepted.stdout)).toMatchObject({
      name: 'recommender',
      version: '1.2.0',
      stage: 'production',
    });
  });

  it('an unknown version stays an input error (exit 2) with nothing on stdout', async () => {
    const result = await run([
      'promote',
      '--name',
      'recommender',
      '--version',
      '9',
      '--stage',
      'staging',
      '--json',
    ]);
    expect(result).toMatchObject({ code: 2, stdout: '' });
  });
});

describe('names and versions with control or invisible characters are refused at register', () => {
  it.each([
    ['--name', 'fraud\u001b[2J', '"fraud\\x1b[2J"'],
    ['--name', 'fraud\n::error::deploy failed', '"fraud\\n::error::deploy failed"'],
    ['--version', '1.0\u202e', '"1.0\\u202e"'],
    ['--version', '1.0\u0085', '"1.0\\x85"'],
    ['--version', '1.0\u007f', '"1.0\\x7f"'],
    ['--name', 'fr\u200baud', '"fr\\u200baud"'],
  ])('%s %j: exit 2, the value shown escaped, nothing written', async (flag, value, shown) => {
    const before = readFileSync(registry);
    const args =
      flag === '--name' ? ['--name', value, '--version', '1'] : ['--name', 'fraud', '--version', value];
    expect(await run(['register', ...args])).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: ${flag}: ${shown} holds a control or invisible character (names and versions are printed in terminals and CI logs; use printable characters only)\n`,
    });
    expect(readFileSync(registry)).toEqual(before);
  });

  it('old entries holding such characters still load', async () => {
    writeFileSync(
      registry,
      oneEntry((text) => text.replace('"fraud"', '"fraud\\u001b[31m"')),
    );
    const result = await run(['list', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)[0].name).toBe('fraud\u001b[31m');
  });
});

describe('keys are data: __proto__, constructor, toString', () => {
  const hostile = () =>
    oneEntry((text) =>
      text
        .replace('"f1": 0.9', '"__proto__": 0.25,\n      "constructor": 0.5,\n      "f1": 0.9')
        .replace('"depth": 6', '"__proto__": {\n        "polluted": true\n      },\n      "depth": 6')
        .replace('"artifact_path"', '"__proto__": {\n      "owner": "team-a"\n    },\n    "artifact_path"'),
    );

  it('are listed, kept byte for byte by an append, and kept by a full rewrite', async () => {
    const text = hostile();
    writeFileSync(registry, text);
    const listed = await run(['list', '--json']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    expect((await run(['list'])).stdout).toContain('__proto__=0.25, constructor=0.5, f1=0.9');
    expect((await run(['register', '--name', 'fraud', '--version', '2.0'])).code).toBe(0);
    expect(readFileSync(registry, 'utf8').startsWith(text.trimEnd().slice(0, -1).trimEnd())).toBe(true);
    expect(
      (await run(['promote', '--name', 'fraud', '--version', '1.0', '--stage', 'production'])).code,
    ).toBe(0);
    const [first] = JSON.parse(readFileSync(registry, 'utf8'));
    expect(Object.keys(first.metrics)).toEqual(['__proto__', 'constructor', 'f1']);
    expect(JSON.stringify(first.parameters)).toBe('{"__proto__":{"polluted":true},"depth":6}');
    expect(Object.keys(first)).toContain('__proto__');
    expect(first.stage).toBe('production');
  });

  it('from --metrics and --params, and in compare (best and directions)', async () => {
    writeFileSync(registry, hostile());
    const registered = await run([
      'register',
      '--name',
      'fraud',
      '--version',
      '2.0',
      '--metrics',
      '{"__proto__": 0.5, "constructor": 0.1, "toString": 1, "hasOwnProperty": 2}',
      '--params',
      '{"__proto__": {"depth": 8}}',
      '--json',
    ]);
    expect(registered.code).toBe(0);
    expect(JSON.parse(registered.stdout).metrics).toEqual(
      JSON.parse('{"__proto__": 0.5, "constructor": 0.1, "toString": 1, "hasOwnProperty": 2}'),
    );
    const compared = await run(['compare', '--name', 'fraud', '--versions', '1.0', '2.0', '--json']);
    expect(compared.code).toBe(0);
    const { metric_keys, best, directions } = JSON.parse(compared.stdout);
    expect(metric_keys).toEqual(['__proto__', 'constructor', 'f1', 'hasOwnProperty', 'toString']);
    expect(best).toEqual(
      JSON.parse(
        '{"__proto__": "2.0", "constructor": "1.0", "f1": "1.0", "hasOwnProperty": "2.0", "toString": "2.0"}',
      ),
    );
    expect(Object.keys(directions)).toEqual(metric_keys);
    const table = (await run(['compare', '--name', 'fraud', '--versions', '1.0', '2.0'])).stdout;
    expect(table).toMatch(/^ {2}__proto__ +0\.25 +0\.5 \*/m);
    expect(table).toMatch(/^ {2}constructor +0\.5 \* +0\.1/m);
    expect(table).toMatch(/^ {2}toString +- +1 \*/m);
  });

  it('a __proto__ metric that is not a number makes the file invalid (exit 2), untouched', async () => {
    const text = oneEntry((body) =>
      body.replace('"f1": 0.9', '"__proto__": {\n        "x": 1\n      },\n      "f1": 0.9'),
    );
    writeFileSync(registry, text);
    for (const args of [['list'], ['register', '--name', 'fraud', '--version', '2.0']]) {
      expect(await run(args)).toEqual({
        code: 2,
        stdout: '',
        stderr:
          'error: model_registry.json: entry 1 (fraud 1.0): metrics.__proto__: expected a finite number, got an object (fix the file by hand; it was not modified)\n',
      });
    }
    expect(readFileSync(registry, 'utf8')).toBe(text);
  });
});

describe('numbers a double cannot hold', () => {
  it.each([
    ['--metrics', '{"auc": 1e-400}', '1e-400 (column 9)', '0'],
    ['--metrics', '{"auc": 1e309}', '1e309 (column 9)', 'Infinity'],
    ['--params', '{"lr": 1e-999}', '1e-999 (column 8)', '0'],
    ['--params', '{"n": [1e999]}', '1e999 (column 8)', 'Infinity'],
  ])('%s %s: exit 2, naming the value; nothing written', async (flag, value, named, stored) => {
    const before = readFileSync(registry);
    expect(await run(['register', '--name', 'churn', '--version', 'v1', flag, value])).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: ${flag}: the number ${named} is out of range for a double: it would be stored as ${stored} (a double holds 0 and sizes from 5e-324 to about 1.8e308)\n`,
    });
    expect(readFileSync(registry)).toEqual(before);
  });

  it.each([
    ['"f1": 0.9', '"f1": 1e-400', '9:13', '1e-400', '0'],
    ['"depth": 6', '"depth": 1e999', '12:16', '1e999', 'Infinity'],
  ])(
    'in the file (%s → %s): exit 2 with the position, for reads and writes; the file untouched',
    async (from, to, where, literal, read) => {
      const text = oneEntry((body) => body.replace(from, to));
      writeFileSync(registry, text);
      for (const args of [
        ['list'],
        ['promote', '--name', 'fraud', '--version', '1.0', '--stage', 'production'],
      ]) {
        expect(await run(args)).toEqual({
          code: 2,
          stdout: '',
          stderr: `error: model_registry.json:${where}: the number ${literal} is out of range for a double (it would be read as ${read}) (fix the file by hand; it was not modified)\n`,
        });
      }
      expect(readFileSync(registry, 'utf8')).toBe(text);
    },
  );
});

describe('bounded reads', () => {
  it('a FIFO as registry is refused at once (exit 2) instead of waiting forever, for reads and writes', () => {
    const fifo = join(dir, 'fifo.json');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    for (const args of [['list'], ['register', '--name', 'a', '--version', '1']]) {
      expect(spawnRun(['--registry', 'fifo.json', ...args])).toEqual({
        code: 2,
        stdout: '',
        stderr:
          'error: fifo.json: registry is not a regular file (name a regular file, not a pipe or a device)\n',
      });
    }
    expect(readdirSync(dir).sort()).toEqual(['fifo.json', 'model_registry.json']); // no lock left
  });

  it('/dev/zero is refused (exit 2) without reading it', () => {
    expect(spawnRun(['--registry', '/dev/zero', 'list'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'error: /dev/zero: registry is not a regular file (name a regular file, not a pipe or a device)\n',
    });
  });

  it('a file over 256 MB is refused (exit 2) before it is read', async () => {
    const huge = join(dir, 'huge.json');
    writeFileSync(huge, '[');
    truncateSync(huge, 256 * 1024 * 1024 + 1); // sparse: no disk used
    for (const args of [['list'], ['register', '--name', 'a', '--version', '1']]) {
      expect(await run(['--registry', 'huge.json', ...args])).toEqual({
        code: 2,
        stdout: '',
        stderr: 'error: huge.json: registry is larger than the 256 MB this tool reads\n',
      });
    }
  });

  it('a 10 MB file of "[" is refused (exit 2) with its line and column, not a crash of the JSON parser', async () => {
    writeFileSync(registry, '['.repeat(10 * 1024 * 1024));
    const result = await run(['list']);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'error: model_registry.json:1:1003: nested deeper than 1002 levels (the array, the entry, and at most 1000 inside a value) (fix the file by hand; it was not modified)\n',
    });
  });
});
