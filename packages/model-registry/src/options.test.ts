import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BufferStream, runCli } from '@mlops/cli-kit';
import { afterAll, describe, expect, it } from 'vitest';
import { buildRegistryCommand } from './index.js';

/**
 * The registry commands validate their flags with zod (options.ts), and the core's errors name the
 * request's fields: either way the error line names the flag the user typed.
 */

const folder = mkdtempSync(join(tmpdir(), 'registry-options-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function registry(...argv: string[]) {
  const stdout = new BufferStream();
  const stderr = new BufferStream();
  const env = { MLOPS_REGISTRY: join(folder, 'registry.json'), MLOPS_ACTOR: 'test' };
  const code = await runCli(buildRegistryCommand, { argv, stdout, stderr, env, cwd: folder });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const stages = '(valid stages: development, staging, production, archived, retired)';

describe('flags checked by the option schemas', () => {
  it.each([
    [
      ['register', '--name', 'm', '--version', '1', '--stage', 'prod'],
      `error: --stage: invalid stage "prod" ${stages}`,
    ],
    [['list', '--stage', 'live'], `error: --stage: invalid stage "live" ${stages}`],
    [['get', '--name', 'm', '--stage', 'x'], `error: --stage: invalid stage "x" ${stages}`],
    [
      ['promote', '--name', 'm', '--version', '1', '--stage', 'x'],
      `error: --stage: invalid stage "x" ${stages}`,
    ],
    [
      [
        'promote',
        '--name',
        'm',
        '--version',
        '1',
        '--stage',
        'staging',
        '--require',
        'f1>=0.8',
        '--require',
        'f1',
      ],
      'error: --require: expected METRIC>=NUMBER (or >, <=, <), e.g. "f1>=0.85", got "f1"',
    ],
    [
      ['register', '--name', 'm', '--version', '1', '--metrics', '[1]'],
      `error: --metrics: expected a JSON object, got an array (--metrics takes a JSON object, e.g. '{"f1": 0.91}')`,
    ],
    [
      ['alias', '--name', 'm', '--version', '1', '--alias', '1st'],
      'error: --alias: invalid alias "1st" (a letter, then letters, digits, ".", "_" or "-")',
    ],
    [
      [
        'compare',
        '--name',
        'm',
        '--versions',
        '1',
        '2',
        '--lower-is-better',
        'auc,f1',
        '--higher-is-better',
        'f1',
      ],
      'error: --higher-is-better: names "f1", which --lower-is-better names too: give each metric one direction',
    ],
    [
      ['alias', '--name', 'm', '--remove', 'has space'],
      'error: --remove: invalid alias "has space" (a letter, then letters, digits, ".", "_" or "-")',
    ],
  ])('%j: exit 2, %s', async (argv, line) => {
    const result = await registry(...argv);
    expect(result).toEqual({ code: 2, stdout: '', stderr: `${line}\n` });
  });
});

describe("the core's fields, named by their flags", () => {
  it('register: --name and --version', async () => {
    expect((await registry('register', '--name', ' ', '--version', '1')).stderr).toBe(
      'error: --name: must not be empty\n',
    );
    expect((await registry('register', '--name', 'm', '--version', 'v\u001b')).stderr).toBe(
      'error: --version: "v\\x1b" holds a control or invisible character (names and versions are printed in terminals and CI logs; use printable characters only)\n',
    );
  });

  it('compare: --versions; rollback: --to in the hint', async () => {
    expect((await registry('register', '--name', 'm', '--version', '1', '--stage', 'production')).code).toBe(
      0,
    );
    expect(JSON.parse(readFileSync(join(folder, 'registry.json'), 'utf8'))).toHaveLength(1);
    expect((await registry('compare', '--name', 'm', '--versions', '1', '1')).stderr).toBe(
      'error: --versions: need at least 2 versions to compare, got 1\n',
    );
    const rollback = await registry('rollback', '--name', 'm');
    expect(rollback.code).toBe(1);
    expect(rollback.stderr).toBe(
      'error: nothing to roll back to: the history shows no version of m in production before 1 (name the version to put back with --to VERSION)\n',
    );
  });

  it('get: --name in the hint', async () => {
    expect((await registry('get', '--name', 'nope', '--stage', 'production')).stderr).toBe(
      'error: no model named "nope" in this registry (check --name and the registry path)\n',
    );
  });
});
