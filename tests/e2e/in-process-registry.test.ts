import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BinName, type BinResult, inParallel, makeTempDir, ROOT, spawnBin } from '../helpers/bins.js';
import { runInProcess } from '../helpers/in-process.js';

/**
 * runInProcess (tests/helpers/in-process.ts) answers as the built bins on the registry's command lines
 * and leaves the same registry file after a sequence of writes: exit code, stdout and stderr, byte for
 * byte (the other command lines: in-process.test.ts, which runs side by side with this file).
 */

const REGISTRY = join(ROOT, 'fixtures/registry/model_registry.json');

/** [bin, arguments, the exit code both give, extra environment]. */
const LINES: [BinName, string[], 0 | 1 | 2, Record<string, string>?][] = [
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
  ({ dir, cleanup } = makeTempDir('mlops-in-process-registry-'));
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
    // The command lines only read the registry in dir: they can run at once.
    inParallel(LINES, 2, ([bin, args, , env = {}]) => spawnBin(bin, args, { cwd: dir, env })),
    steps(),
  ]);
});
afterAll(() => cleanup());

describe('a program run in this process answers as its bin, on the registry', () => {
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
