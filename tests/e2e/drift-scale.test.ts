import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drift, writeScaleFiles } from '../helpers/drift-scale-data.js';

/**
 * The fast data path (byte-level reader, a worker thread per file) against the slow one (csv-parse,
 * in this thread) on the same generated files: the reports must be identical, byte for byte. The
 * worker threads are the bin's (it starts one before the program loads), so those runs spawn it; the
 * runs in this thread are the program's, run in this process while the bins run.
 * (Errors, the early worker and progress: drift-scale-threads.test.ts.)
 */

let files: ReturnType<typeof writeScaleFiles>;
let reference: string;
let current: string;
beforeAll(() => {
  files = writeScaleFiles();
  ({ reference, current } = files);
});
afterAll(() => files.cleanup());

describe('the fast and the slow data paths give identical reports', () => {
  const run = (env: Record<string, string>, extra: string[] = []) =>
    drift(['--reference', reference, '--current', current, '--json', ...extra], env);

  it.each([
    ['default method', []],
    ['psi', ['--method', 'psi']],
    ['auto', ['--method', 'auto']],
  ])('%s: worker threads, this thread, and csv-parse in this thread', async (_name, extra) => {
    const [threads, inProcess, slow] = await Promise.all([
      run({ MLOPS_DRIFT_THREADS: 'on' }, extra),
      run({ MLOPS_DRIFT_THREADS: 'off' }, extra),
      run({ MLOPS_DRIFT_THREADS: 'off', MLOPS_CSV_PARSER: 'csv-parse' }, extra),
    ]);
    expect(threads.stderr).toBe('');
    expect([0, 1]).toContain(threads.code);
    const report = JSON.parse(threads.stdout);
    expect(report.total_features).toBe(9);
    expect(inProcess).toEqual(threads);
    expect(slow).toEqual(threads);
  });
});
