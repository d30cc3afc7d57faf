import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BinName,
  type BinResult,
  hasStackTrace,
  inParallel,
  makeTempDir,
  ROOT,
  runBin,
  spawnBin,
} from '../helpers/bins.js';
import { runInProcess } from '../helpers/in-process.js';

/**
 * `--format text|json` on every registry command: `--format json` prints what `--json` prints (the
 * legacy shapes, byte for byte), `--format text` what no flag prints, before or after the command's
 * name; `--json` with `--format text` is two reports for stdout, a usage error worded as every
 * tool's (`-o FILE` pairs: tests/e2e/report-outputs.test.ts). The matrix runs each program in this process
 * (runInProcess: the same code and streams as the bin, checked against the built bins in
 * in-process.test.ts); the built bins themselves run at the end.
 */

const fixtures = join(ROOT, 'fixtures/registry');
const legacyOutput = (name: string) => readFileSync(join(fixtures, name), 'utf8');

let dir: string;
let cleanup: () => void;
let copies = 0;

/** A fresh copy of the legacy registry, with a history: 1.2.0 promoted to production, an alias. */
function freshRegistry(): string {
  const path = join(dir, `registry-${copies++}.json`);
  copyFileSync(join(fixtures, 'model_registry.json'), path);
  return path;
}

let shared: string;
beforeAll(() => {
  ({ dir, cleanup } = makeTempDir('mlops-registry-format-'));
  shared = freshRegistry();
  const env = { MLOPS_ACTOR: 'tester' };
  for (const args of [
    ['promote', '--name', 'recommender', '--version', '1.2.0', '--stage', 'production', '--reason', 'won'],
    ['alias', '--name', 'recommender', '--version', '1.2.0', '--alias', 'champion'],
  ])
    expect(runBin('model-registry', ['--registry', shared, ...args], { cwd: dir, env }).code).toBe(0);
});
afterAll(() => cleanup());

async function run(bin: BinName, args: readonly string[]): Promise<BinResult> {
  const argv = bin === 'mlops' ? ['registry', ...args] : args;
  const result = await runInProcess(bin, argv, { cwd: dir, env: { MLOPS_ACTOR: 'tester' } });
  expect(hasStackTrace(result.stderr)).toBe(false);
  return result;
}

/** Times of the writes a command makes, which differ between two runs of it. */
const withoutTimes = (text: string) => text.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, 'TIME');

const READS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['list', ['list']],
  ['list --stage production', ['list', '--stage', 'production']],
  ['show', ['show', '--name', 'recommender', '--version', '1.2.0']],
  ['get', ['get', '--name', 'recommender', '--alias', 'champion']],
  ['compare', ['compare', '--name', 'recommender', '--versions', '1.0.0', '1.1.0', '1.2.0']],
  ['history', ['history', '--name', 'recommender']],
];

describe.each(['model-registry', 'mlops'] as const)('%s: the read commands in both formats', (bin) => {
  it.each(READS)(
    '%s: --format json is --json, --format text is the default, before or after',
    async (_, args) => {
      const registry = ['--registry', shared];
      const [text, formatText, json, formatJson, formatJsonBefore] = await inParallel(
        [
          [...args, ...registry],
          [...args, ...registry, '--format', 'text'],
          [...args, ...registry, '--json'],
          [...args, ...registry, '--format', 'json'],
          ['--format', 'json', ...registry, ...args],
        ],
        3,
        (argv) => run(bin, argv),
      );
      for (const result of [text, formatText, json, formatJson, formatJsonBefore])
        expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(formatText!.stdout).toBe(text!.stdout);
      expect(formatJson!.stdout).toBe(json!.stdout);
      expect(formatJsonBefore!.stdout).toBe(json!.stdout);
      expect(() => JSON.parse(json!.stdout)).not.toThrow();
      expect(() => JSON.parse(text!.stdout)).toThrow();
    },
  );
});

describe('the legacy JSON shapes under --format json', () => {
  it('list and compare print what the legacy tool printed', async () => {
    const registry = join(fixtures, 'model_registry.json');
    const [list, production, compare] = await inParallel(
      [
        ['--registry', registry, '--format', 'json', 'list'],
        ['--registry', registry, 'list', '--stage', 'production', '--format', 'json'],
        [
          '--registry',
          registry,
          'compare',
          '--name',
          'recommender',
          '--versions',
          '1.0.0',
          '1.1.0',
          '1.2.0',
          '--format',
          'json',
        ],
      ],
      3,
      (argv) => run('model-registry', argv),
    );
    expect(list).toEqual({ code: 0, stdout: legacyOutput('legacy-output.list.json'), stderr: '' });
    expect(production!.stdout).toBe(legacyOutput('legacy-output.list-production.json'));
    const { best: _best, directions: _directions, ...legacyFields } = JSON.parse(compare!.stdout);
    expect(legacyFields).toEqual(JSON.parse(legacyOutput('legacy-output.compare.json')));
  });

  it('list --format text prints the legacy table', async () => {
    const registry = join(fixtures, 'model_registry.json');
    const result = await run('model-registry', ['--registry', registry, 'list', '--format', 'text']);
    expect(result).toEqual({ code: 0, stdout: legacyOutput('legacy-output.list.txt'), stderr: '' });
  });
});

describe('the write commands in both formats', () => {
  const WRITES: ReadonlyArray<readonly [string, readonly string[], string]> = [
    [
      'register',
      ['register', '--name', 'churn', '--version', '1', '--metrics', '{"auc": 0.9}'],
      'Registered: churn 1 (stage: development)\n  Metrics: auc=0.9\n',
    ],
    [
      'promote',
      ['promote', '--name', 'recommender', '--version', '1.2.0', '--stage', 'production'],
      'Promoted: recommender 1.2.0: staging -> production\nArchived: recommender 1.1.0: production -> archived\n',
    ],
    [
      'rollback',
      ['rollback', '--name', 'recommender', '--to', '1.0.0'],
      'Rolled back: recommender production: 1.1.0 -> 1.0.0\nArchived: recommender 1.1.0: production -> archived\n',
    ],
    [
      'alias',
      ['alias', '--name', 'recommender', '--version', '1.1.0', '--alias', 'champion'],
      'Alias champion: recommender 1.1.0\n',
    ],
  ];

  it.each(WRITES)(
    '%s: --format text as the default, --format json as --json (the entry)',
    async (_, args, text) => {
      const [plain, formatText, json, formatJson] = await inParallel(
        [[], ['--format', 'text'], ['--json'], ['--format', 'json']],
        3,
        (extra) => run('model-registry', ['--registry', freshRegistry(), ...args, ...extra]),
      );
      expect(plain).toEqual({ code: 0, stdout: text, stderr: '' });
      expect(formatText).toEqual(plain);
      expect(formatJson!.code).toBe(0);
      expect(withoutTimes(formatJson!.stdout)).toBe(withoutTimes(json!.stdout));
      expect(JSON.parse(formatJson!.stdout)).toMatchObject({ name: args[2], version: args[4] });
    },
  );

  it('promote refused: --format json prints the refusal on stdout, exit 1, as --json', async () => {
    const args = ['promote', '--name', 'recommender', '--version', '1.2.0', '--stage', 'production'];
    const gate = ['--require', 'ndcg>=0.5'];
    const [json, formatJson] = await inParallel([['--json'], ['--format', 'json']], 2, (extra) =>
      run('mlops', ['--registry', freshRegistry(), ...args, ...gate, ...extra]),
    );
    expect(formatJson).toEqual(json);
    expect(formatJson!.code).toBe(1);
    expect(JSON.parse(formatJson!.stdout)).toEqual({
      promoted: false,
      name: 'recommender',
      version: '1.2.0',
      stage: 'production',
      unmet: [{ requirement: 'ndcg>=0.5', metric: 'ndcg', value: 0.43 }],
      reason: 'promotion of recommender 1.2.0 to production refused: not met: ndcg>=0.5 (ndcg = 0.43)',
    });
  });
});

describe('contradictory or unknown formats', () => {
  it.each([
    [
      ['--json', 'list', '--format', 'text'],
      'error: --json and --format text both write to stdout (write one of them to a file: -o FILE right after its --format)',
    ],
    [
      ['list', '--format', 'text', '--json'],
      'error: --format text and --json both write to stdout (write one of them to a file: -o FILE right after its --format)',
    ],
    [
      ['--format', 'text', 'list', '--format', 'json'],
      'error: --format text and --format json both write to stdout (write one of them to a file: -o FILE right after its --format)',
    ],
    [
      ['list', '--format', 'xml'],
      "error: option '-f, --format <format>' argument 'xml' is invalid. Allowed choices are text, json. (see 'model-registry list --help')",
    ],
  ])('%j: exit 2, one line, nothing on stdout', async (args, line) => {
    const result = await run('model-registry', ['--registry', shared, ...args]);
    expect(result).toEqual({ code: 2, stdout: '', stderr: `${line}\n` });
  });

  it('a write refused for its format writes nothing', async () => {
    const registry = freshRegistry();
    const before = readFileSync(registry);
    const result = await run('model-registry', [
      '--registry',
      registry,
      '--json',
      'register',
      '--name',
      'churn',
      '--version',
      '1',
      '--format',
      'text',
    ]);
    expect(result.code).toBe(2);
    expect(readFileSync(registry)).toEqual(before);
  });

  it('a --format before the command and one after it are two reports: one to a file, one to stdout', async () => {
    const result = await run('model-registry', [
      '--format',
      'text',
      '-o',
      join(dir, 'get.txt'),
      '--registry',
      shared,
      'get',
      '--name',
      'recommender',
      '--stage',
      'production',
      '--format',
      'json',
    ]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ version: '1.2.0', aliases: ['champion'] });
    expect(readFileSync(join(dir, 'get.txt'), 'utf8')).toBe('1.2.0\n');
  });
});

describe('the built bins', () => {
  it('model-registry and mlops registry take --format json and --format text as the programs do', async () => {
    const env = { MLOPS_ACTOR: 'tester' };
    const registry = ['--registry', join(fixtures, 'model_registry.json')];
    const [json, mounted, text, contradiction] = await inParallel(
      [
        ['model-registry', [...registry, 'list', '--format', 'json']],
        ['mlops', ['registry', '--format', 'json', ...registry, 'list']],
        ['model-registry', [...registry, '--format', 'text', 'list']],
        ['mlops', ['registry', '--json', ...registry, 'list', '--format', 'text']],
      ] as const,
      2,
      ([bin, argv]) => spawnBin(bin, argv, { cwd: dir, env }),
    );
    expect(json).toEqual({ code: 0, stdout: legacyOutput('legacy-output.list.json'), stderr: '' });
    expect(mounted).toEqual(json);
    expect(text).toEqual({ code: 0, stdout: legacyOutput('legacy-output.list.txt'), stderr: '' });
    expect(contradiction).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'error: --json and --format text both write to stdout (write one of them to a file: -o FILE right after its --format)\n',
    });
  });
});
