import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'vitest';
import { type RunOptions, runBinAsync, uncleanEnd } from '../fuzz/harness.js';
import { makeTempDir } from '../helpers/bins.js';

/**
 * Fault injection on the registry's lock, with real processes: a lock left by a dead process (reclaimed
 * at once), an empty lock, a lock whose holder's PID proves nothing (reclaimed only once unchanged for
 * the stale period, 5 s, by the product's rule), garbage in the lock file. Apart from
 * registry-faults.test.ts, and each case in its own folder, running at once: most of their time is spent
 * waiting for a lock to go stale, and these waits overlap.
 */

interface Entry {
  name: string;
  version: string;
}

const read = (registry: string) => JSON.parse(readFileSync(registry, 'utf8')) as Entry[];

/** A temporary folder for one test, removed when it ends. */
function testFolder(onTestFinished: TestContext['onTestFinished']) {
  const { dir, cleanup } = makeTempDir('mlops-fault-lock-');
  onTestFinished(() => cleanup());
  return { dir, registry: join(dir, 'model_registry.json') };
}

const run = (dir: string, path: string, args: readonly string[], options: RunOptions = {}) =>
  runBinAsync('model-registry', ['--registry', path, '--lock-timeout', '20', ...args], {
    cwd: dir,
    env: { MLOPS_ACTOR: 'fault' },
    ...options,
  });

describe.concurrent('a lock left behind', () => {
  const lockOf = (path: string) => `${path}.lock`;
  /** What a holder in this PID namespace records, and its PID. */
  const lockInfo = (pid: number, identity: Record<string, string> = here) =>
    JSON.stringify({ pid, ...identity, time: new Date().toISOString(), token: 'left-by-a-test' });
  const here = {
    hostname: hostname(),
    boot_id: readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim(),
    pid_namespace: readlinkSync('/proc/self/ns/pid'),
  };

  it('by a dead process in this PID namespace is reclaimed at once', async ({ expect, onTestFinished }) => {
    const { dir, registry } = testFolder(onTestFinished);
    writeFileSync(registry, '[]\n');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    writeFileSync(lockOf(registry), lockInfo(Number(dead.stdout)));
    const outcome = await run(dir, registry, ['register', '--name', 'model', '--version', '1']);
    expect(outcome).toMatchObject({ code: 0, stderr: '' });
    expect(outcome.ms).toBeLessThan(5_000);
    expect(existsSync(lockOf(registry))).toBe(false);
    expect(read(registry).map((entry) => entry.version)).toEqual(['1']);
  });

  it('empty (its creator died before writing it) is reclaimed once unchanged for 5 s, not before, whatever its mtime', async ({
    expect,
    onTestFinished,
  }) => {
    const { dir, registry } = testFolder(onTestFinished);
    writeFileSync(registry, '[]\n');
    writeFileSync(lockOf(registry), '');
    const future = (Date.now() + 3_600_000) / 1000;
    utimesSync(lockOf(registry), future, future);
    const hurried = await run(dir, registry, [
      '--lock-timeout',
      '1',
      'register',
      '--name',
      'model',
      '--version',
      '1',
    ]);
    expect(hurried.code).toBe(2);
    expect(hurried.stderr).toMatch(
      /whose lock file has no readable holder \(no change seen for 1(\.\d)? s; a lock seen unchanged for 5 s is taken over\)/,
    );
    expect(uncleanEnd(hurried, false)).toBeUndefined();
    expect(readFileSync(registry, 'utf8')).toBe('[]\n');
    const patient = await run(dir, registry, ['register', '--name', 'model', '--version', '1']);
    expect(patient).toMatchObject({ code: 0, stderr: '' });
    expect(patient.ms).toBeGreaterThanOrEqual(5_000);
    expect(existsSync(lockOf(registry))).toBe(false);
  });

  it('by a process whose PID proves nothing (another PID namespace) is respected while it changes, taken when it stops changing', async ({
    expect,
    onTestFinished,
  }) => {
    const { dir, registry } = testFolder(onTestFinished);
    writeFileSync(registry, '[]\n');
    const elsewhere = { ...here, pid_namespace: 'pid:[4026530000]' };
    // PID 1 exists here, but in another namespace it is another process: no evidence either way.
    writeFileSync(lockOf(registry), lockInfo(1, elsewhere));
    const old = (Date.now() - 86_400_000) / 1000;
    let beat = 0;
    const holder = setInterval(() => {
      // A live holder elsewhere: the content changes every 200 ms, its mtime stays a day old.
      writeFileSync(lockOf(registry), lockInfo(1, { ...elsewhere, beat: String(beat++).padStart(10, '0') }));
      utimesSync(lockOf(registry), old, old);
    }, 200);
    let waiting: Awaited<ReturnType<typeof run>>;
    try {
      waiting = await run(dir, registry, [
        '--lock-timeout',
        '7',
        'register',
        '--name',
        'model',
        '--version',
        '1',
      ]);
    } finally {
      clearInterval(holder);
    }
    expect(waiting.code).toBe(2);
    expect(waiting.stderr).toMatch(/^error: .*timed out after 7 s .*held by pid 1 /);
    expect(uncleanEnd(waiting, false)).toBeUndefined();
    expect(readFileSync(registry, 'utf8')).toBe('[]\n');
    expect(existsSync(lockOf(registry))).toBe(true);
    // Its holder stopped refreshing (it died): taken after 5 s unchanged.
    const reclaimed = await run(dir, registry, ['register', '--name', 'model', '--version', '1']);
    expect(reclaimed).toMatchObject({ code: 0, stderr: '' });
    expect(reclaimed.ms).toBeGreaterThanOrEqual(5_000);
    expect(existsSync(lockOf(registry))).toBe(false);
  }, 60_000);

  it('garbage in the lock file is treated like an unreadable lock, with a clean message', async ({
    expect,
    onTestFinished,
  }) => {
    const { dir, registry } = testFolder(onTestFinished);
    writeFileSync(registry, '[]\n');
    writeFileSync(lockOf(registry), Buffer.from([0xff, 0x00, 0x7b, 0x22]));
    const outcome = await run(dir, registry, [
      '--lock-timeout',
      '0',
      'register',
      '--name',
      'model',
      '--version',
      '1',
    ]);
    expect(uncleanEnd(outcome, false)).toBeUndefined();
    expect(outcome.code).toBe(2);
    expect(readFileSync(registry, 'utf8')).toBe('[]\n');
  });
});
