import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BufferStream, runCli } from '@mlops/cli-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildRegistryCommand } from './index.js';

/**
 * The reports of every command (settings.ts: globalSettings plans them, registryReports checks their
 * files against what the command reads and writes them): `--format` and `-o` in pairs, each file
 * what its format prints on stdout, checked before the registry is touched.
 */

const LEGACY = resolve(import.meta.dirname, '../../../fixtures/registry/model_registry.json');

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'registry-settings-'));
  copyFileSync(LEGACY, join(folder, 'model_registry.json'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

async function registry(argv: readonly string[], env: Record<string, string> = {}) {
  const stdout = new BufferStream();
  const stderr = new BufferStream();
  const code = await runCli(buildRegistryCommand, {
    argv,
    stdout,
    stderr,
    env: { MLOPS_ACTOR: 'tester', ...env },
    cwd: folder,
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
const read = (name: string) => readFileSync(join(folder, name), 'utf8');
const registryText = () => read('model_registry.json');

/** Each command once, on the legacy registry (the writes succeed on it). */
const COMMANDS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['register', ['register', '--name', 'churn', '--version', '1', '--metrics', '{"auc": 0.9}']],
  ['promote', ['promote', '--name', 'recommender', '--version', '1.2.0', '--stage', 'production']],
  ['rollback', ['rollback', '--name', 'recommender', '--to', '1.0.0']],
  ['list', ['list']],
  ['show', ['show', '--name', 'recommender', '--version', '1.1.0']],
  ['get', ['get', '--name', 'recommender', '--stage', 'production']],
  ['compare', ['compare', '--name', 'recommender', '--versions', '1.0.0', '1.1.0']],
  ['history', ['history', '--name', 'recommender']],
  ['alias', ['alias', '--name', 'recommender', '--version', '1.1.0', '--alias', 'champion']],
];

describe('every command writes its reports to the files -o names', () => {
  it.each(COMMANDS)('%s: a JSON and a text file from one run, JSON on stdout too', async (_, args) => {
    const text = await registry(args);
    copyFileSync(LEGACY, join(folder, 'model_registry.json'));
    const pairs = await registry([
      '--format',
      'json',
      '-o',
      'report.json',
      ...args,
      '-f',
      'text',
      '-o',
      'report.txt',
      '--json',
    ]);
    expect(text).toMatchObject({ code: 0, stderr: '' });
    expect(pairs).toMatchObject({ code: 0, stderr: '' });
    // The same result in both JSON reports (a write's times included), the text as printed alone.
    expect(read('report.json')).toBe(pairs.stdout);
    expect(() => JSON.parse(pairs.stdout)).not.toThrow();
    expect(read('report.txt')).toBe(text.stdout);
  });
});

describe('the files a command reads are never its reports', () => {
  it.each([
    [['list', '-o', 'model_registry.json'], {}, 'the registry file model_registry.json', 'text report'],
    [
      ['register', '--name', 'm', '--version', '1', '--json', '-o', 'model_registry.json.lock'],
      {},
      "the registry's lock file model_registry.json.lock",
      'JSON report',
    ],
    [
      ['--registry', 'model_registry.json', 'history', '--json', '-o', 'model_registry.json'],
      {},
      'the registry file model_registry.json',
      'JSON report',
    ],
    [
      ['register', '--name', 'm', '--version', '1', '-o', 'model_registry.json'],
      { MLOPS_REGISTRY: './model_registry.json' },
      'the registry file ./model_registry.json',
      'text report',
    ],
    [
      ['promote', '--name', 'recommender', '--version', '1.2.0', '--stage', 'staging', '-o', '.mlops.json'],
      {},
      'the project config .mlops.json',
      'text report',
    ],
    [
      [
        'compare',
        '--name',
        'recommender',
        '--versions',
        '1.0.0',
        '1.1.0',
        '--config',
        'c.json',
        '-o',
        'c.json',
      ],
      {},
      '--config c.json',
      'text report',
    ],
  ])('%j: exit 2, nothing read or written', async (argv, env, input, what) => {
    writeFileSync(join(folder, '.mlops.json'), '{}\n');
    writeFileSync(join(folder, 'c.json'), '{}\n');
    const output = argv.at(-1)!;
    expect(await registry(argv, env)).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: -o: ${output} is the same file as ${input}: writing the ${what} would overwrite an input (name another file for the output)\n`,
    });
    expect(registryText()).toBe(readFileSync(LEGACY, 'utf8'));
    expect(read('.mlops.json')).toBe('{}\n');
    expect(read('c.json')).toBe('{}\n');
  });

  it('a report file in a folder that does not exist: exit 2 before a write changes the registry', async () => {
    const result = await registry(['rollback', '--name', 'recommender', '--json', '-o', 'out/r.json']);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'error: out/r.json: cannot write the JSON report: no such folder (give -o a file path in a folder that exists and is writable)\n',
    });
    expect(registryText()).toBe(readFileSync(LEGACY, 'utf8'));
    expect(readdirSync(folder)).toEqual(['model_registry.json']);
  });
});

describe('a refused promotion', () => {
  const refused = ['promote', '--name', 'recommender', '--version', '1.2.0', '--stage', 'production'];
  const gate = ['--require', 'ndcg>=0.5'];

  it('writes its refusal to every JSON report, stdout and files alike', async () => {
    const result = await registry([
      ...refused,
      ...gate,
      '--json',
      '-o',
      'a.json',
      '-o',
      'b.json',
      '-f',
      'json',
    ]);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ promoted: false, stage: 'production' });
    expect(read('a.json')).toBe(result.stdout);
    expect(read('b.json')).toBe(result.stdout);
  });

  it('writes no text report: nothing on stdout, no file', async () => {
    const result = await registry([...refused, ...gate, '-o', 'promote.txt']);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error: promotion of recommender 1.2.0 to production refused: not met: ndcg>=0.5 (ndcg = 0.43) (nothing was changed)\n',
    });
    expect(existsSync(join(folder, 'promote.txt'))).toBe(false);
  });
});
