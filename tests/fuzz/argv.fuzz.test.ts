import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BinName, ROOT } from '../helpers/bins.js';
import {
  describeOutcome,
  FUZZ_SEED,
  fuzzRuns,
  fuzzTempDir,
  inPool,
  PARALLEL,
  Random,
  runBinAsync,
  uncleanEnd,
} from './harness.js';

/**
 * Random command lines for every bin, the umbrella `mlops` included: real and unknown flags, missing
 * and odd values, sub-commands in the wrong place. Every run must end 0/1/2 with at most one clean
 * `error:` line (help and version output go to stdout, a missing command is an `error:` line too).
 */

const WORDS: Record<BinName, string[]> = {
  'model-registry': [
    'register',
    'promote',
    'rollback',
    'list',
    'show',
    'compare',
    'history',
    'alias',
    '--name',
    '--version',
    '--stage',
    '--metrics',
    '--params',
    '--require',
    '--alias',
    '--remove',
    '--to',
    '--versions',
    '--json',
    '--registry',
    '--lock-timeout',
    '--tags',
  ],
  'drift-detector': [
    '--reference',
    '--current',
    '--columns',
    '--threshold',
    '--json',
    '--format',
    '--method',
    '--config',
    '--categorical',
    '--numeric',
    '--correction',
    '--drift-share',
    '--delimiter',
    '--na-values',
  ],
  'pipeline-validator': [
    'validate',
    'rules',
    'schema',
    '--pipeline',
    '--strict',
    '--json',
    '--format',
    '--max-warnings',
    '--config',
    'INVALID_GATE',
    'no_such_rule',
  ],
  mlops: [
    'registry',
    'drift',
    'pipeline',
    'validate',
    'list',
    'rules',
    'help',
    '--json',
    '--help',
    '--version',
    '-V',
  ],
};
const JUNK = [
  '',
  '-',
  '--',
  '---x',
  '-Z',
  '--no-such-flag',
  'NaN',
  '-1',
  '1e999',
  '0',
  'é',
  '{',
  '[]',
  'production',
  'ks',
  'sarif',
  'codeclimate',
  '\t',
  ' ',
  'a'.repeat(5000),
  '--json=yes',
  '--threshold=x',
  '0x10',
  'Infinity',
  'help',
];

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = fuzzTempDir('mlops-fuzz-argv-'));
  writeFileSync(join(dir, 'model_registry.json'), '[]\n');
});
afterAll(() => cleanup());

describe(`command lines under fuzzing (seed ${FUZZ_SEED})`, () => {
  it('every random command line ends 0/1/2 with one clean line at most on stderr', async () => {
    const runs = Math.ceil(fuzzRuns(50) / 5);
    const random = new Random(FUZZ_SEED + 6);
    const bins = Object.keys(WORDS) as BinName[];
    const files = [
      join(ROOT, 'fixtures/drift/reference.csv'),
      join(ROOT, 'fixtures/pipeline/valid.json'),
      join(dir, 'model_registry.json'),
      dir,
      join(dir, 'missing'),
    ];
    const cases = Array.from({ length: runs }, (_, index) => {
      const bin = bins[index % bins.length]!;
      const args = Array.from({ length: random.int(8) }, () =>
        random.chance(0.5)
          ? random.pick(WORDS[bin])
          : random.chance(0.5)
            ? random.pick(files)
            : random.pick(JUNK),
      );
      return { bin, args };
    });
    const failures: string[] = [];
    await inPool(cases, PARALLEL, async ({ bin, args }) => {
      const outcome = await runBinAsync(bin, args, { cwd: dir });
      // A missing command, an unknown one and a suggestion are one `error:` line too (command-line.ts).
      const problem = uncleanEnd(outcome, false);
      const shown = args
        .map((arg) => (arg.length > 40 ? `${arg.slice(0, 10)}…(${arg.length})` : JSON.stringify(arg)))
        .join(' ');
      if (problem) failures.push(`${problem}: ${bin} ${shown}: ${describeOutcome(outcome)}`);
    });
    expect(failures, `replay with MLOPS_FUZZ_SEED=${FUZZ_SEED}`).toEqual([]);
  }, 120_000);
});
