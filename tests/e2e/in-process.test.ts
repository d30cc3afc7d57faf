import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
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
 * read from the process instead of the context, a step in src/cli.ts) fails here.
 */

const REFERENCE = join(ROOT, 'fixtures/drift/reference.csv');
const CURRENT = join(ROOT, 'fixtures/drift/current.csv');
const VALID = join(ROOT, 'fixtures/pipeline/valid.json');
const INVALID = join(ROOT, 'fixtures/pipeline/invalid.json');
const REGISTRY = join(ROOT, 'fixtures/registry/model_registry.json');

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
  // The registry: the default file in the working folder, $MLOPS_REGISTRY, a missing file or folder.
  ['model-registry', ['list'], 0],
  ['mlops', ['registry', 'list', '--json'], 0],
  ['model-registry', ['show', '--name', 'recommender', '--version', '1.1.0'], 0],
  ['model-registry', ['show', '--name', 'recommender'], 2],
  ['model-registry', ['get', '--name', 'recommender', '--stage', 'production'], 0],
  ['mlops', ['registry', 'compare', '--name', 'recommender', '--versions', '1.0.0', '1.2.0'], 0],
  ['model-registry', ['list'], 0, { MLOPS_REGISTRY: REGISTRY }],
  ['model-registry', ['--registry', 'empty.json', 'list'], 0],
  ['model-registry', ['--registry', 'no/such/folder.json', 'list'], 2],
];

/** The steps of a sequence of writes to one registry, each through model-registry or mlops in turn. */
const STEPS: string[][] = [
  ['register', '--name', 'fraud', '--version', '1.2.0', '--metrics', '{"f1": 0.9}', '--tags', 'a,b'],
  ['register', '--name', 'fraud', '--version', '1.2.0'],
  ['promote', '--name', 'fraud', '--version', '1.2.0', '--stage', 'staging', '--require', 'f1>=0.5'],
  ['promote', '--name', 'fraud', '--version', '1.2.0', '--stage', 'production', '--require', 'f1>=0.95'],
  ['alias', '--name', 'fraud', '--version', '1.2.0', '--alias', 'champion'],
  ['history', '--name', 'fraud'],
  ['list', '--json'],
];
const stepBin = (index: number): BinName => (index % 2 === 0 ? 'model-registry' : 'mlops');
const stepArgs = (index: number): string[] =>
  stepBin(index) === 'mlops' ? ['registry', ...STEPS[index]!] : STEPS[index]!;
const STEP_ENV = { MLOPS_ACTOR: 'tester', MLOPS_REGISTRY: 'registry.json' };

let dir: string;
let cleanup: () => void;
let spawnedDir: string;
/** The bins' answers, spawned while the runner waits: LINES's, two at a time, and STEPS's in order. */
let spawnedLines: BinResult[];
let spawnedSteps: BinResult[];
beforeAll(async () => {
  ({ dir, cleanup } = makeTempDir('mlops-in-process-'));
  copyFileSync(REGISTRY, join(dir, 'model_registry.json'));
  spawnedDir = join(dir, 'spawned');
  mkdirSync(spawnedDir);
  const steps = async () => {
    const results: BinResult[] = [];
    for (const index of STEPS.keys())
      results.push(await spawnBin(stepBin(index), stepArgs(index), { cwd: spawnedDir, env: STEP_ENV }));
    return results;
  };
  [spawnedLines, spawnedSteps] = await Promise.all([
    // The command lines only read (the registry in dir, fixtures): they can run at once.
    inParallel(LINES, 2, ([bin, args, , env = {}]) => spawnBin(bin, args, { cwd: dir, env })),
    steps(),
  ]);
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

  it('a sequence of writes leaves the same output and the same registry file', async () => {
    const times = (text: string) => text.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?/g, 'TIME');
    const same = (result: BinResult): BinResult => ({ ...result, stdout: times(result.stdout) });
    const inProcessDir = join(dir, 'in-process');
    mkdirSync(inProcessDir);
    const codes: (number | null)[] = [];
    for (const [index, step] of STEPS.entries()) {
      const spawned = spawnedSteps[index]!;
      const inProcess = await runInProcess(stepBin(index), stepArgs(index), {
        cwd: inProcessDir,
        env: STEP_ENV,
      });
      expect(same(inProcess), step.join(' ')).toEqual(same(spawned));
      codes.push(spawned.code);
    }
    expect(codes).toEqual([0, 1, 0, 1, 0, 0, 0]);
    const file = (folder: string) => times(readFileSync(join(folder, 'registry.json'), 'utf8'));
    expect(file(inProcessDir)).toEqual(file(spawnedDir));
    expect(file(inProcessDir)).toContain('"champion"');
  });
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
