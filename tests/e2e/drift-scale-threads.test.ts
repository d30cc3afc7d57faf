import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnBin } from '../helpers/bins.js';
import { csv, drift, writeScaleFiles } from '../helpers/drift-scale-data.js';

/**
 * The fast data path (byte-level reader, a worker thread per file) against the slow one (csv-parse,
 * in this thread) on the same generated files: the reports must be identical, byte for byte. The
 * worker threads are the bin's (it starts one before the program loads), so those runs spawn it; the
 * runs in this thread are the program's, run in this process while the bins run.
 * (The reports of each method: drift-scale.test.ts.)
 */

let files: ReturnType<typeof writeScaleFiles>;
let reference: string;
let current: string;
let dir: string;
beforeAll(() => {
  files = writeScaleFiles();
  ({ reference, current, dir } = files);
});
afterAll(() => files.cleanup());

describe('the fast and the slow data paths: errors, the early worker, progress', () => {
  const run = (env: Record<string, string>, extra: string[] = []) =>
    drift(['--reference', reference, '--current', current, '--json', ...extra], env);

  it('an error found in either thread is the same one-line error as with no worker', async () => {
    const ragged = join(dir, 'ragged.csv');
    writeFileSync(
      ragged,
      csv(1000, 3, 0).replace(/\n(.*)\n/, (_all, first: string) => `\n${first},extra\n`),
    );
    // The current file is read in a worker thread, the reference in this one.
    for (const args of [
      ['--reference', reference, '--current', ragged],
      ['--reference', ragged, '--current', current],
    ]) {
      const [threads, inProcess] = await Promise.all([
        drift(args, { MLOPS_DRIFT_THREADS: 'on' }),
        drift(args, { MLOPS_DRIFT_THREADS: 'off' }),
      ]);
      expect(threads.code).toBe(2);
      expect(threads.stderr).toMatch(/^error: .*ragged\.csv:2:\d+: row has 10 fields but the header has 9/);
      expect(inProcess).toEqual(threads);
    }
  });

  it('reads the current file in a worker thread started before the program loaded, for drift-detector and mlops drift', async () => {
    const early = [
      `debug: reading ${reference} in this thread`,
      `debug: reading ${current} in a worker thread started before the program loaded`,
    ];
    const bins = [
      ['drift-detector', []],
      ['mlops', ['drift']],
    ] as const;
    const [expected, later, ...results] = await Promise.all([
      run({ MLOPS_DRIFT_THREADS: 'off' }),
      // A flag that changes how files are read: the reads start when the program asks for them.
      run({ MLOPS_DRIFT_THREADS: 'on' }, ['--delimiter', ',', '--debug']),
      ...bins.map(([bin, prefix]) =>
        spawnBin(bin, [...prefix, '--reference', reference, '--current', current, '--json', '--debug'], {
          env: { MLOPS_DRIFT_THREADS: 'on' },
          timeoutMs: 60_000,
        }),
      ),
    ]);
    for (const result of results) {
      // Then each file once more: "code" (mostly numbers) is compared as categories, which needs the
      // text of its numbers (detectDrift's rare second read).
      expect(result.stderr.trim().split('\n')).toEqual([
        ...early,
        `debug: ${reference}: fields separated by ',' (the default)`,
        `debug: ${current}: fields separated by ',' (the default)`,
        `debug: reading ${reference} in this thread`,
        `debug: reading ${current} in a worker thread`,
        // With MLOPS_DRIFT_THREADS=on, columns are scored on two threads whatever their size.
        'debug: scoring 5 of 9 columns in a worker thread',
      ]);
      expect(result.stdout).toBe(expected.stdout);
      expect(result.code).toBe(expected.code);
    }
    // The run with --delimiter (started above with the others):
    expect(later.stderr.trim().split('\n')).toEqual([
      `debug: reading ${reference} in this thread`,
      `debug: reading ${current} in a worker thread`,
      `debug: ${reference}: fields separated by ',' (given with --delimiter)`,
      `debug: ${current}: fields separated by ',' (given with --delimiter)`,
      `debug: reading ${reference} in this thread`,
      `debug: reading ${current} in a worker thread`,
      'debug: scoring 5 of 9 columns in a worker thread',
    ]);
    expect(later.stdout).toBe(expected.stdout);
  });

  it("reports errors in a fixed order, whichever read ends first: the reference's, the columns', the current's", async () => {
    const broken = join(dir, 'broken.csv');
    writeFileSync(broken, 'n0,n1\n1\n');
    const missing = join(dir, 'missing.csv');
    const cases: [string[], RegExp][] = [
      [['--reference', missing, '--current', broken], /^error: .*missing\.csv: file not found/],
      [
        ['--reference', reference, '--current', broken, '--columns', 'nope'],
        /^error: --columns: no column "nope"/,
      ],
      [['--reference', reference, '--current', broken], /^error: .*broken\.csv:2:\d+: row has 1 field/],
      [['--reference', broken, '--current', current], /^error: .*broken\.csv:2:\d+: row has 1 field/],
    ];
    const runs = cases.flatMap(([args, message]) =>
      ['on', 'off'].map(async (threads) => ({
        message,
        result: await drift(args, { MLOPS_DRIFT_THREADS: threads }),
      })),
    );
    for (const { message, result } of await Promise.all(runs)) {
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });

  it('scores columns on two threads to the report one thread gives: several tests, a column the current file lacks, a usage error', async () => {
    // The current file without its first column.
    const lacking = join(dir, 'lacking.csv');
    const lines = readFileSync(current, 'utf8').split('\n');
    writeFileSync(lacking, lines.map((line) => line.split(',').slice(1).join(',')).join('\n'));
    // [flags, whether they fail]; a failing run is compared without --debug (which adds a stack trace).
    const cases: [string[], boolean][] = [
      [['--test', 'ks_stat:0.05', '--test', 'psi', '--test', 'wasserstein'], false],
      [['--method', 'auto', '--current', lacking], false],
      // ks does not apply to the categorical columns: the same one-line error either way.
      [['--method', 'ks'], true],
    ];
    for (const [extra, fails] of cases) {
      const args = ['--reference', reference, '--current', current, '--json', ...extra];
      const [two, one] = await Promise.all([
        drift(fails ? args : [...args, '--debug'], { MLOPS_DRIFT_THREADS: 'on' }),
        drift(args, { MLOPS_DRIFT_THREADS: 'off' }),
      ]);
      expect(two.stdout).toBe(one.stdout);
      expect(two.code).toBe(one.code);
      expect(two.stderr.split('\n').filter((line) => !line.startsWith('debug: '))).toEqual(
        one.stderr.split('\n'),
      );
      if (fails) expect(two.stderr).toMatch(/^error: method ks does not apply to categorical column/);
      else expect(two.stderr).toMatch(/^debug: scoring \d+ of \d+ columns in a worker thread$/m);
    }
  });

  it('shows no progress line when stderr is not a terminal', async () => {
    // The process's own stderr: the bin.
    const result = await spawnBin('drift-detector', [
      '--reference',
      reference,
      '--current',
      current,
      '--json',
    ]);
    expect(result.stderr).toBe('');
  });
});
