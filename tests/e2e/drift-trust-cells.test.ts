import { readFileSync, writeFileSync } from 'node:fs';
import { totalmem } from 'node:os';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, spawnBin } from '../helpers/bins.js';

// The cell limit of a gate that is safe on hostile input (the rest: drift-trust.test.ts,
// drift-trust-memory.test.ts, drift-trust-limits.test.ts). A cell past V8's string limit is about the
// process's memory, so the bins run as processes.
let dir: string;
let cleanup: () => void;

beforeAll(() => {
  ({ dir, cleanup } = makeTempDir('mlops-drift-trust-cells-'));
});
afterAll(() => cleanup());

function file(name: string, content: string | Buffer): string {
  writeFileSync(join(dir, name), content);
  return name;
}

function drift(args: string[], env: Record<string, string> = {}) {
  return spawnBin('drift-detector', args, { cwd: dir, env });
}

describe('a cell longer than 64 MiB stops the read with its line and column', () => {
  const message =
    'cell longer than 64 MiB, the most a cell may hold (check the delimiter and the quotes; this is not a table of values)';

  // The .gz is gunzipped whole (twice held while joined: 1.2 GB of its file's half of the budget):
  // a machine whose default budget is smaller stops it at the budget instead, as it should.
  const budget = Math.min(totalmem() / 2, getHeapStatistics().heap_size_limit);
  it.skipIf(budget < 2.6e9)(
    'a 585 KB .csv.gz holding a 600 MB cell: exit 2, not "unexpected failure"',
    async () => {
      // Gzip members of 10 MB of x, joined: one stream, made in a blink.
      const member = gzipSync(Buffer.alloc(10e6, 'x'), { level: 9 });
      file(
        'cell.csv.gz',
        Buffer.concat([gzipSync('a,b\n1,2\n3,'), ...Array<Buffer>(60).fill(member), gzipSync('\n5,6\n')]),
      );
      file('ab.csv', 'a,b\n1,2\n');
      expect(readFileSync(join(dir, 'cell.csv.gz')).length).toBeLessThan(1e6);
      const result = await drift(['--reference', 'ab.csv', '--current', 'cell.csv.gz', '--json']);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(`error: cell.csv.gz:3:3: ${message}\n`);
      expect(result.code).toBe(2);
    },
  );

  it('a 70 MB cell in a plain file, read by the byte-level reader in a worker', async () => {
    file('cell70.csv', `a,b\n1,2\nè,${'é'.repeat(35_000_000)}\n`);
    file('ab.csv', 'a,b\n1,2\n');
    const result = await drift(['--reference', 'ab.csv', '--current', 'cell70.csv', '--debug'], {
      MLOPS_DRIFT_THREADS: 'on',
    });
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      'debug: reading cell70.csv in a worker thread started before the program loaded\n',
    );
    expect(result.stderr).toContain(`error: cell70.csv:3:3: ${message}\n`);
    expect(result.code).toBe(2);
  });
});
