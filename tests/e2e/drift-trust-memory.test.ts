import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BinResult, hasStackTrace, makeTempDir, spawnBin } from '../helpers/bins.js';
import { runInProcess } from '../helpers/in-process.js';

// The memory budget of a gate that is safe on hostile input (the rest: drift-trust.test.ts,
// drift-trust-cells.test.ts, drift-trust-limits.test.ts). It is the process's memory, so the bins run
// as processes, started together where the runs are independent.
let dir: string;
let cleanup: () => void;

beforeAll(() => {
  ({ dir, cleanup } = makeTempDir('mlops-drift-trust-memory-'));
});
afterAll(() => cleanup());

function file(name: string, content: string | Buffer): string {
  writeFileSync(join(dir, name), content);
  return name;
}

function drift(args: string[], env: Record<string, string> = {}) {
  return spawnBin('drift-detector', args, { cwd: dir, env });
}

describe('--max-memory: every read stops before it passes the budget, whatever the input', () => {
  const row = '1.25,7,abc\n';
  beforeAll(() => {
    file('small.csv', 'x,y,z\n1,2,a\n3,4,b\n');
    // A gzip bomb, made in a blink: one gzip member of 10 MB of rows of zeros, repeated 150 times (a
    // file of members is one gzip stream): 1.5 MB that gunzips to 1.5 GB.
    const zeros = `${'0'.repeat(99_999)}\n`.repeat(100);
    const member = gzipSync(Buffer.from(zeros), { level: 9 });
    file('bomb.csv.gz', Buffer.concat([gzipSync('x\n'), ...Array<Buffer>(150).fill(member)]));
    file('small-x.csv', 'x\n1\n2\n');
    file('big.csv', `x,y,z\n${row.repeat(1_000_000)}`); // 11 MB of rows: 20 MB of columns
  });

  const stopped = (result: BinResult, file: string, pattern: RegExp, oneColumn = false) => {
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(new RegExp(`^error: ${file}: ${pattern.source}`));
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('(raise it with --max-memory, e.g. --max-memory ');
    // A column read alone (the check in passes) cannot be helped by fewer columns.
    if (oneColumn) expect(result.stderr).toMatch(/here\)\n$/);
    else expect(result.stderr).toContain('; or compare fewer columns with --columns)\n');
    expect(hasStackTrace(result.stderr)).toBe(false);
    expect(result.code).toBe(2);
  };

  it('a 1.5 MB gzip bomb of 1.5 GB stops at its share of the budget, in this thread or a worker', async () => {
    expect(readFileSync(join(dir, 'bomb.csv.gz')).length).toBeLessThan(1.6e6);
    const [here, worker] = await Promise.all([
      drift(['--reference', 'bomb.csv.gz', '--current', 'small-x.csv', '--max-memory', '200MB']),
      drift(['--reference', 'small-x.csv', '--current', 'bomb.csv.gz', '--max-memory', '200MB', '--json'], {
        MLOPS_DRIFT_THREADS: 'on',
      }),
    ]);
    stopped(
      here,
      'bomb\\.csv\\.gz',
      /reading stopped after 4\d MB of gunzipped data: holding more would pass its share \(100 MB\) of the memory budget of 200 MB /,
    );
    expect(here.stderr).toContain('--max-memory 400MB');
    stopped(worker, 'bomb\\.csv\\.gz', /reading stopped after 4\d MB of gunzipped data/);
  });

  it('a regular file: read in passes down to one column, which stops at its first chunk; csv-parse before reading it whole', async () => {
    const [bytes, csvParse, roomy, unbounded] = await Promise.all([
      drift(['--reference', 'big.csv', '--current', 'small.csv', '--max-memory', '20MB']),
      drift(['--reference', 'big.csv', '--current', 'small.csv', '--max-memory', '20MB'], {
        MLOPS_CSV_PARSER: 'csv-parse',
      }),
      // With room enough, the same report as without a budget.
      drift(['--reference', 'big.csv', '--current', 'small.csv', '--max-memory', '200MB', '--json']),
      drift(['--reference', 'big.csv', '--current', 'small.csv', '--json']),
    ]);
    stopped(
      bytes,
      'big\\.csv',
      /reading column "x" alone stopped after \d\.\d MB of data( \([\d,]+ rows\))?: holding more would pass its share \(10 MB\) of the memory budget of 20 MB /,
      true,
    );
    stopped(
      csvParse,
      'big\\.csv',
      /the file is 11 MB, and reading it whole would pass its share \(10 MB\) of the memory budget of 20 MB /,
    );
    expect(roomy.code).toBe(1);
    expect(roomy.stdout).toBe(unbounded.stdout);
  });

  it('a device and a pipe that never end stop too', async () => {
    const fifo = join(dir, 'endless.csv');
    await new Promise((resolve) => spawn('mkfifo', [fifo]).on('exit', resolve));
    const writer = spawn('sh', ['-c', `(echo x,y,z; yes 1,2,c) > '${fifo}'`], { stdio: 'ignore' });
    try {
      const [device, pipe] = await Promise.all([
        drift(['--reference', '/dev/zero', '--current', 'small.csv', '--max-memory', '50MB']),
        drift(['--reference', 'endless.csv', '--current', 'small.csv', '--max-memory', '50MB']),
      ]);
      stopped(
        device,
        '/dev/zero',
        /reading stopped after 2\d MB of data: holding more would pass its share \(25 MB\) of the memory budget of 50 MB /,
      );
      stopped(
        pipe,
        'endless\\.csv',
        /reading stopped after 2\d MB of data: holding more would pass its share \(25 MB\)/,
      );
    } finally {
      writer.kill();
    }
  });

  it.each([
    [
      '2GiB',
      'expected a size such as 2GB, 512MB or 1000000 (bytes; decimal units, 1 GB = 1000000000 bytes), got "2GiB"',
    ],
    [
      'lots',
      'expected a size such as 2GB, 512MB or 1000000 (bytes; decimal units, 1 GB = 1000000000 bytes), got "lots"',
    ],
    ['5MB', 'expected at least 10MB, got "5MB"'],
  ])('--max-memory %s is a usage error', async (value, message) => {
    // How a flag is read: in this process.
    const result = await runInProcess(
      'drift-detector',
      ['--reference', 'small.csv', '--current', 'small.csv', '--max-memory', value],
      { cwd: dir },
    );
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`error: --max-memory: ${message}\n`);
    expect(result.code).toBe(2);
  });

  it('--max-memory above what the process can hold is a usage error naming the limit', async () => {
    const result = await drift([
      '--reference',
      'small.csv',
      '--current',
      'small.csv',
      '--max-memory',
      '900TB',
    ]);
    expect(result.stderr).toMatch(
      /^error: --max-memory: 900TB is more than this process can hold \([\d.]+GB, Node\.js's heap limit; raise that with NODE_OPTIONS=--max-old-space-size=<megabytes>\)\n$/,
    );
    expect(result.code).toBe(2);
  });
});
