import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, runBin } from '../helpers/bins.js';
import { seededRandom } from '../helpers/random.js';

/**
 * The fast data path (byte-level reader, a worker thread per file) against the slow one (csv-parse,
 * in this thread) on the same generated files: the reports must be identical, byte for byte.
 */

/** Uniform and normal draws from one seeded stream, so the files are the same on every run. */
function generator(seed: number) {
  const uniform = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(uniform() + 1e-12)) * Math.cos(2 * Math.PI * uniform());
  return { uniform, normal };
}

/** rows × (6 numeric with 6 decimals, 2 categorical, 1 mostly-numeric code) columns; `shift` moves some. */
function csv(rows: number, seed: number, shift: number): string {
  const { uniform, normal } = generator(seed);
  const lines = ['n0,n1,n2,n3,n4,n5,plan,region,code'];
  const plans = ['free', 'pro', 'team', ...(shift > 0 ? ['trial'] : [])];
  const regions = ['eu', 'us', 'apac'];
  for (let row = 0; row < rows; row += 1) {
    const numbers = Array.from({ length: 6 }, (_, column) =>
      (normal() * (column + 1) + (column < 3 ? shift * column : 0)).toFixed(6),
    );
    const missing = uniform() < 0.01 ? '' : numbers[0]!;
    const code = uniform() < 0.7 ? String(Math.floor(uniform() * 20)) : `K${Math.floor(uniform() * 5)}`;
    lines.push(
      [
        missing,
        ...numbers.slice(1),
        plans[Math.floor(uniform() * plans.length)],
        regions[Math.floor(uniform() * 3)],
        code,
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

const temp = makeTempDir('mlops-drift-scale-');
const reference = join(temp.dir, 'reference.csv');
const current = join(temp.dir, 'current.csv');

beforeAll(() => {
  // About 1.6 MB each; MLOPS_DRIFT_THREADS=on starts the workers whatever the size.
  writeFileSync(reference, csv(20_000, 1, 0));
  writeFileSync(current, csv(18_000, 2, 0.05));
});
afterAll(() => temp.cleanup());

describe('the fast and the slow data paths give identical reports', () => {
  const run = (env: Record<string, string>, extra: string[] = []) =>
    runBin('drift-detector', ['--reference', reference, '--current', current, '--json', ...extra], {
      env,
      timeoutMs: 60_000,
    });

  it.each([
    ['default method', []],
    ['psi', ['--method', 'psi']],
    ['auto', ['--method', 'auto']],
  ])('%s: worker threads, this thread, and csv-parse in this thread', (_name, extra) => {
    const threads = run({ MLOPS_DRIFT_THREADS: 'on' }, extra);
    const inProcess = run({ MLOPS_DRIFT_THREADS: 'off' }, extra);
    const slow = run({ MLOPS_DRIFT_THREADS: 'off', MLOPS_CSV_PARSER: 'csv-parse' }, extra);
    expect(threads.stderr).toBe('');
    expect([0, 1]).toContain(threads.code);
    const report = JSON.parse(threads.stdout);
    expect(report.total_features).toBe(9);
    expect(inProcess).toEqual(threads);
    expect(slow).toEqual(threads);
  });

  it('an error found in either thread is the same one-line error as with no worker', () => {
    const ragged = join(temp.dir, 'ragged.csv');
    writeFileSync(
      ragged,
      csv(1000, 3, 0).replace(/\n(.*)\n/, (_all, first: string) => `\n${first},extra\n`),
    );
    // The current file is read in a worker thread, the reference in this one.
    for (const args of [
      ['--reference', reference, '--current', ragged],
      ['--reference', ragged, '--current', current],
    ]) {
      const threads = runBin('drift-detector', args, { env: { MLOPS_DRIFT_THREADS: 'on' } });
      const inProcess = runBin('drift-detector', args, { env: { MLOPS_DRIFT_THREADS: 'off' } });
      expect(threads.code).toBe(2);
      expect(threads.stderr).toMatch(/^error: .*ragged\.csv:2:\d+: row has 10 fields but the header has 9/);
      expect(inProcess).toEqual(threads);
    }
  });

  it('reads the current file in a worker thread started before the program loaded, for drift-detector and mlops drift', () => {
    const expected = run({ MLOPS_DRIFT_THREADS: 'off' });
    const early = [
      `debug: reading ${reference} in this thread`,
      `debug: reading ${current} in a worker thread started before the program loaded`,
    ];
    for (const [bin, prefix] of [
      ['drift-detector', []],
      ['mlops', ['drift']],
    ] as const) {
      const args = [...prefix, '--reference', reference, '--current', current, '--json', '--debug'];
      const result = runBin(bin, args, { env: { MLOPS_DRIFT_THREADS: 'on' }, timeoutMs: 60_000 });
      // Then each file once more: "code" (mostly numbers) is compared as categories, which needs the
      // text of its numbers (detectDrift's rare second read).
      expect(result.stderr.trim().split('\n')).toEqual([
        ...early,
        `debug: ${reference}: fields separated by ',' (the default)`,
        `debug: ${current}: fields separated by ',' (the default)`,
        `debug: reading ${reference} in this thread`,
        `debug: reading ${current} in a worker thread`,
      ]);
      expect(result.stdout).toBe(expected.stdout);
      expect(result.code).toBe(expected.code);
    }
    // A flag that changes how files are read: the reads start when the program asks for them.
    const later = run({ MLOPS_DRIFT_THREADS: 'on' }, ['--delimiter', ',', '--debug']);
    expect(later.stderr.trim().split('\n')).toEqual([
      `debug: reading ${reference} in this thread`,
      `debug: reading ${current} in a worker thread`,
      `debug: ${reference}: fields separated by ',' (given with --delimiter)`,
      `debug: ${current}: fields separated by ',' (given with --delimiter)`,
      `debug: reading ${reference} in this thread`,
      `debug: reading ${current} in a worker thread`,
    ]);
    expect(later.stdout).toBe(expected.stdout);
  });

  it("reports errors in a fixed order, whichever read ends first: the reference's, the columns', the current's", () => {
    const broken = join(temp.dir, 'broken.csv');
    writeFileSync(broken, 'n0,n1\n1\n');
    const missing = join(temp.dir, 'missing.csv');
    const cases: [string[], RegExp][] = [
      [['--reference', missing, '--current', broken], /^error: .*missing\.csv: file not found/],
      [
        ['--reference', reference, '--current', broken, '--columns', 'nope'],
        /^error: --columns: no column "nope"/,
      ],
      [['--reference', reference, '--current', broken], /^error: .*broken\.csv:2:\d+: row has 1 field/],
      [['--reference', broken, '--current', current], /^error: .*broken\.csv:2:\d+: row has 1 field/],
    ];
    for (const [args, message] of cases) {
      for (const threads of ['on', 'off']) {
        const result = runBin('drift-detector', args, { env: { MLOPS_DRIFT_THREADS: threads } });
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(message);
      }
    }
  });

  it('shows no progress line when stderr is not a terminal', () => {
    const result = run({});
    expect(result.stderr).toBe('');
  });
});
