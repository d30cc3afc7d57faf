import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliContext } from '@mlops/cli-kit';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BinName, type BinResult, inParallel, makeTempDir, ROOT, spawnBin } from '../helpers/bins.js';
import { runInProcess, runProgramInProcess } from '../helpers/in-process.js';

/**
 * runInProcess (tests/helpers/in-process.ts) stands for the built bins in the tests about command
 * lines: on each of these command lines, through every bin, it gives the bin's exit code, stdout and
 * stderr, byte for byte. A change that makes a bin differ from its program run in a test (something
 * read from the process instead of the context, a step in src/cli.ts) fails here. The registry's
 * command lines and writes: in-process-registry.test.ts (the two files run side by side).
 */

const REFERENCE = join(ROOT, 'fixtures/drift/reference.csv');
const CURRENT = join(ROOT, 'fixtures/drift/current.csv');
const VALID = join(ROOT, 'fixtures/pipeline/valid.json');
const INVALID = join(ROOT, 'fixtures/pipeline/invalid.json');

/**
 * [bin, arguments, the exit code both give, extra environment]. The versions and the usage errors that
 * tests/e2e/cli-parsing.test.ts runs both ways (its last block), each against the same exact answer,
 * are not repeated here.
 */
const LINES: [BinName, string[], 0 | 1 | 2, Record<string, string>?][] = [
  // Helps (wrapped at 80 columns: a pipe is not a terminal), the help command.
  ['mlops', ['--help'], 0],
  ['model-registry', ['register', '--help'], 0],
  ['mlops', ['help', 'registry', 'promote'], 0],
  ['drift-detector', ['--help'], 0],
  ['pipeline-validator', ['help', 'validate'], 0],
  // Usage errors: unknown words, suggestions, escaping, numbers, a missing command.
  ['mlops', ['regstry', '--help'], 2],
  ['drift-detector', ['--bogus', '-h'], 2],
  ['mlops', ['registry', 'x\u001b[2J\n::error::y'], 2],
  ['model-registry', ['list', '--lock-timeout', 'Infinity'], 2],
  ['mlops', ['registry', 'list'], 2, { MLOPS_LOCK_TIMEOUT: ' 5' }],
  ['mlops', [], 2],
  ['model-registry', ['--json'], 2],
  // Checks on real files: drift alerts (exit 1) in every format, an unreadable file, a missing flag.
  ['drift-detector', ['--reference', REFERENCE, '--current', CURRENT], 1],
  ['drift-detector', ['--reference', REFERENCE, '--current', CURRENT, '--json'], 1],
  ['mlops', ['drift', '--reference', REFERENCE, '--current', CURRENT, '--format', 'markdown'], 1],
  ['drift-detector', ['--reference', REFERENCE, '--current', CURRENT, '--threshold', '5'], 0],
  ['drift-detector', ['--reference', 'missing.csv', '--current', CURRENT], 2],
  ['mlops', ['drift', '--current', CURRENT], 2],
  // Pipelines: valid, invalid in each format, rules, schema, a missing file.
  ['pipeline-validator', [VALID], 0],
  ['mlops', ['pipeline', INVALID], 1],
  ['pipeline-validator', [INVALID, '--json'], 1],
  ['pipeline-validator', ['validate', INVALID, '--format', 'github'], 1],
  ['mlops', ['pipeline', 'rules'], 0],
  ['pipeline-validator', ['rules', 'INVALID_GATE'], 0],
  ['pipeline-validator', ['schema'], 0],
  ['pipeline-validator', ['missing.json'], 2],
];

let dir: string;
let cleanup: () => void;
/** The bins' answers to LINES, spawned two at a time while the runner waits. */
let spawnedLines: BinResult[];
beforeAll(async () => {
  ({ dir, cleanup } = makeTempDir('mlops-in-process-'));
  spawnedLines = await inParallel(LINES, 2, ([bin, args, , env = {}]) =>
    spawnBin(bin, args, { cwd: dir, env }),
  );
});
afterAll(() => cleanup());

describe('a program run in this process answers as its bin', () => {
  it.each(LINES.map(([bin, args, code, env = {}], index) => [bin, args, code, env, index] as const))(
    '%s %j: exit %d',
    async (bin, args, code, env, index) => {
      const spawned = spawnedLines[index]!;
      expect(spawned.code).toBe(code);
      expect(spawned.stdout + spawned.stderr).not.toMatch(/unexpected failure/);
      expect(await runInProcess(bin, args, { cwd: dir, env })).toEqual(spawned);
    },
  );
});

describe('runInProcess leaves the process as it found it', () => {
  const tool = (action: (context: CliContext) => void) => (context: CliContext) =>
    new Command('tool').action(() => action(context));

  it('a program that writes to the process, not its context, fails the test', async () => {
    await expect(
      runProgramInProcess(
        'tool',
        tool(() => process.stdout.write('stray\n')),
        [],
      ),
    ).rejects.toThrow(`tool [] wrote to the process's own streams: "stdout: stray\\n"`);
  });

  it('exit code, working folder and environment changed: put back, and the test fails', async () => {
    const cwd = process.cwd();
    const exitCode = process.exitCode;
    await expect(
      runProgramInProcess(
        'tool',
        tool(() => {
          process.exitCode = 3;
          process.chdir(tmpdir());
          process.env.MLOPS_IN_PROCESS_PROBE = 'set';
        }),
        [],
      ),
    ).rejects.toThrow(
      /changed the process's exitCode: .*; changed the process's cwd: .*; changed the process's env/,
    );
    expect(process.exitCode).toBe(exitCode);
    expect(process.cwd()).toBe(cwd);
    expect(process.env.MLOPS_IN_PROCESS_PROBE).toBeUndefined();
  });

  it('runs started together take turns: each gets its own output, and the streams are put back', async () => {
    const writes = { stdout: process.stdout.write, stderr: process.stderr.write };
    const order: string[] = [];
    const slow = (label: string, ms: number) => (context: CliContext) =>
      new Command('tool').action(async () => {
        order.push(`${label} starts`);
        context.stdout.write(`${label} out\n`);
        await new Promise((resolve) => setTimeout(resolve, ms));
        context.stderr.write(`${label} err\n`);
        order.push(`${label} ends`);
      });
    const results = await Promise.all([
      runProgramInProcess('first', slow('first', 30), []),
      runProgramInProcess('second', slow('second', 0), []),
    ]);
    expect(results).toEqual([
      { code: 0, stdout: 'first out\n', stderr: 'first err\n' },
      { code: 0, stdout: 'second out\n', stderr: 'second err\n' },
    ]);
    expect(order).toEqual(['first starts', 'first ends', 'second starts', 'second ends']);
    expect(process.stdout.write).toBe(writes.stdout);
    expect(process.stderr.write).toBe(writes.stderr);
  });

  it('a clean program answers through its context', async () => {
    const result = await runProgramInProcess(
      'tool',
      tool((context) => {
        context.stdout.write(`${context.cwd} ${context.env.MLOPS_ACTOR}\n`);
        context.fail();
      }),
      [],
      { cwd: '/somewhere', env: { MLOPS_ACTOR: 'tester' } },
    );
    expect(result).toEqual({ code: 1, stdout: '/somewhere tester\n', stderr: '' });
  });
});
