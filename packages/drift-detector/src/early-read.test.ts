import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PARALLEL_MIN_BYTES, readsInWorkers, startEarlyDriftReads } from './early-read.js';

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
