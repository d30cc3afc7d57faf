import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, spawnBin } from '../helpers/bins.js';

// The limits of a gate that is safe on hostile input (the rest: drift-trust.test.ts,
// drift-trust-memory.test.ts, drift-trust-cells.test.ts): errors that do not wait. These are about the
// process (its worker threads, the pipes it opens), so the bins run as processes.
let dir: string;
let cleanup: () => void;

beforeAll(() => {
  ({ dir, cleanup } = makeTempDir('mlops-drift-trust-limits-'));
});
afterAll(() => cleanup());

function file(name: string, content: string | Buffer): string {
  writeFileSync(join(dir, name), content);
  return name;
}

function _drift(args: string[], env: Record<string, string> = {}) {
  return spawnBin('drift-detector', args, { cwd: dir, env });
}

describe('an error in the reference is reported at once, whatever the current file is waiting for', () => {
  const ragged =
    'error: bad.csv:3:2: row has 1 field but the header has 2 (every row needs one field per header name; quote fields that contain the delimiter)\n';
  let pipes = 0;
  const fifo = () => {
    const name = `current-${pipes++}.fifo`;
    return new Promise<string>((resolve) =>
      spawn('mkfifo', [join(dir, name)]).on('exit', () => resolve(name)),
    );
  };

  it.each([
    ['this thread (small files)', {}],
    ['threads on', { MLOPS_DRIFT_THREADS: 'on' }],
    ['threads off', { MLOPS_DRIFT_THREADS: 'off' }],
  ])('a named pipe with no writer as --current, %s: exit 2 with the reference error', async (_name, env) => {
    file('bad.csv', 'a,b\n1,2\n3\n');
    const current = await fifo();
    // No writer ever opens the pipe: before, the check waited for one forever. The timeout only
    // keeps a regression from hanging the suite (a killed process has no exit code).
    const result = await spawnBin(
      'drift-detector',
      ['--reference', 'bad.csv', '--current', current, '--json'],
      {
        cwd: dir,
        env,
        timeoutMs: 15_000,
      },
    );
    expect(result.stderr).toBe(ragged);
    expect(result.stdout).toBe('');
    expect(result.code).toBe(2);
  });

  it('a large reference (threads by size), through mlops drift too', async () => {
    file('bad-big.csv', `a,b\n1,2\n3\n${'1,2\n'.repeat(2_500_000)}`); // 10 MB: worker threads
    const current = await fifo();
    const runs = await Promise.all(
      (
        [
          ['drift-detector', []],
          ['mlops', ['drift']],
        ] as const
      ).map(([bin, prefix]) =>
        spawnBin(bin, [...prefix, '--reference', 'bad-big.csv', '--current', current, '--debug'], {
          cwd: dir,
          timeoutMs: 15_000,
        }),
      ),
    );
    for (const result of runs) {
      expect(result.stderr).toContain('debug: reading bad-big.csv in this thread\n');
      expect(result.stderr).toContain(`debug: reading ${current} in this thread\n`);
      expect(result.stderr).toContain(ragged.replaceAll('bad.csv', 'bad-big.csv'));
      expect(result.code).toBe(2);
    }
  });

  it('a named pipe whose writer comes later is read as any file', async () => {
    file('good.csv', 'a,b\n1,x\n2,y\n3,x\n');
    const current = await fifo();
    const writer = spawn('sh', ['-c', `sleep 0.3; cat good.csv > '${current}'`], {
      cwd: dir,
      stdio: 'ignore',
    });
    const result = await spawnBin(
      'drift-detector',
      ['--reference', 'good.csv', '--current', current, '--json'],
      {
        cwd: dir,
        env: { MLOPS_DRIFT_THREADS: 'on' },
        timeoutMs: 15_000,
      },
    );
    writer.kill();
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ total_features: 2, drifted_features: 0 });
  });
});
