import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DRIFT_METHODS, type DriftMethod } from '@mlops/core';
import { afterAll, describe, expect, it } from 'vitest';
import { PARALLEL_MIN_BYTES, readsInWorkers, startEarlyDriftReads, UNSORTED_METHODS } from './early-read.js';

const folder = mkdtempSync(join(tmpdir(), 'mlops-early-read-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const reference = join(folder, 'reference.csv');
const current = join(folder, 'current.csv');
writeFileSync(reference, 'a\n1\n');
writeFileSync(current, 'a\n2\n');
// A stand-in for the bundled worker script: never run, since every read below is stopped at once.
const workerScript = new URL(`file://${join(folder, 'csv-worker.js')}`);
writeFileSync(workerScript, 'process.exit(0);\n');
const on = { MLOPS_DRIFT_THREADS: 'on' };

/** The [path, file name] pairs of the reads started for these arguments (the reads are stopped). */
function started(argv: string[], env: NodeJS.ProcessEnv = on) {
  const reads = startEarlyDriftReads(argv, env, folder, workerScript);
  for (const read of reads) void read.stop();
  return reads.map((read) => [read.path, read.request.file]);
}

describe('startEarlyDriftReads', () => {
  it.each([
    [['--reference', 'reference.csv', '--current', 'current.csv']],
    [['--reference=reference.csv', '--current=current.csv', '--json']],
    [['--json', '--reference', 'reference.csv', '--method', 'ks', '--current', 'current.csv', '--debug']],
    [['--reference', 'reference.csv', '--current', 'current.csv', '--html', 'r.html', '--threshold', '0.2']],
    [
      [
        '--reference',
        'reference.csv',
        '--current',
        'current.csv',
        '--format',
        'junit',
        '-o',
        'j.xml',
        '--format=markdown',
        '--output=s.md',
        '--json',
        '-o',
        '-',
      ],
    ],
  ])('starts the read of the current file for a plain check: %j', (argv) => {
    expect(started(argv)).toEqual([[current, 'current.csv']]);
  });

  it.each([
    [['--reference', 'reference.csv']],
    [['--reference', 'reference.csv', '--current']],
    [['--reference', 'reference.csv', '--current', 'current.csv', '--delimiter', ';']],
    [['--reference', 'reference.csv', '--current', 'current.csv', '--config', 'drift.json']],
    [['--reference', 'reference.csv', '--current', 'current.csv', '--categorical', 'a']],
    [['--reference', 'reference.csv', '--current', 'current.csv', '--reference', 'current.csv']],
    [['--reference', 'reference.csv', '--current', 'current.csv', 'extra']],
    [['--reference', 'reference.csv', '--current', 'current.csv', '-o', 'current.csv']],
    [
      [
        '--reference',
        'reference.csv',
        '--current',
        'current.csv',
        '--format',
        'json',
        '--output',
        'reference.csv',
      ],
    ],
    [
      [
        '--reference',
        'reference.csv',
        '--current',
        'current.csv',
        '--threshold',
        '0.1',
        '--threshold',
        '0.2',
      ],
    ],
    [['--help']],
  ])('starts nothing for anything else: %j', (argv) => {
    expect(started(argv)).toEqual([]);
  });

  it('starts nothing when the check reads in this thread', () => {
    const argv = ['--reference', 'reference.csv', '--current', 'current.csv'];
    expect(started(argv, { MLOPS_DRIFT_THREADS: 'off' })).toEqual([]);
    expect(started(argv, {})).toEqual([]); // small files: auto reads them in this thread
  });
});

describe('the early read sorts the numbers only when the check will', () => {
  const plain = ['--reference', 'reference.csv', '--current', 'current.csv'];
  /** The early read's sortNumbers for these arguments (and a terminal or not on stdout). */
  function sorts(argv: string[], tty = false): boolean | undefined {
    const reads = startEarlyDriftReads(argv, on, folder, workerScript, tty);
    for (const read of reads) void read.stop();
    expect(reads).toHaveLength(1);
    return reads[0]!.request.sortNumbers;
  }

  it('UNSORTED_METHODS are the registry’s methods that sort no numbers', () => {
    const methods: [string, DriftMethod][] = Object.entries(DRIFT_METHODS);
    const unsorted = methods
      .filter(([, method]) => method.anyOrder === true || !method.featureKinds.includes('numeric'))
      .map(([name]) => name)
      .sort();
    expect([...UNSORTED_METHODS].sort()).toEqual(unsorted);
  });

  it.each([
    [plain, false, false],
    [[...plain, '--json'], true, false],
    [[...plain, '--method', 'ks'], false, false],
    [[...plain, '--method', 'wasserstein'], false, true],
    [[...plain, '--method', 'auto'], false, true],
    [[...plain, '--html', 'r.html'], false, true],
    [plain, true, true],
    [[...plain, '--format', 'markdown'], true, false],
    [[...plain, '--format', 'markdown', '--format', 'text', '-o', 'r.md'], true, true],
  ] as const)('%j, stdout a terminal %s: sorted %s', (argv, tty, sorted) => {
    expect(sorts([...argv], tty)).toBe(sorted);
  });
});

describe('readsInWorkers', () => {
  it('needs the worker script', () => {
    expect(readsInWorkers(on, 0, workerScript)).toBe(true);
    expect(readsInWorkers(on, 0, undefined)).toBe(false);
    expect(readsInWorkers(on, 0, new URL(`file://${join(folder, 'missing.js')}`))).toBe(false);
  });

  it('auto: from 8 MiB together, on a machine with more than one core', () => {
    const threads = availableParallelism() > 1;
    expect(readsInWorkers({}, PARALLEL_MIN_BYTES, workerScript)).toBe(threads);
    expect(readsInWorkers({}, PARALLEL_MIN_BYTES - 1, workerScript)).toBe(false);
    expect(readsInWorkers({ MLOPS_DRIFT_THREADS: 'off' }, PARALLEL_MIN_BYTES, workerScript)).toBe(false);
  });
});
