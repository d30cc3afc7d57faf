import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FUZZ_SEED, LONG_RUN, Random, type RunOptions, runBinAsync, uncleanEnd } from '../fuzz/harness.js';
import { BINS, cleanEnv, makeTempDir, ROOT } from '../helpers/bins.js';

/**
 * Fault injection on the registry, with real processes: writers killed with SIGKILL at random
 * instants, a full disk, a file-size limit, a read-only folder, and locks left by dead processes.
 * After each fault the file must parse and hold every write that reported success; a failed write must
 * leave it byte for byte; a lock whose holder is dead must be reclaimed.
 *
 * Rounds of SIGKILL: 20 by default, 100 in a long run (`npm run fuzz`, MLOPS_FUZZ_LONG=1), or
 * MLOPS_FAULT_ROUNDS. The seed is MLOPS_FUZZ_SEED. The full-disk and read-only cases need `mount` (root);
 * elsewhere they are skipped and the file-size-limit case stands in for a full disk.
 */

const ROUNDS = Number(process.env.MLOPS_FAULT_ROUNDS ?? (LONG_RUN ? 100 : 20));

interface Entry {
  name: string;
  version: string;
  stage: string;
  aliases?: string[];
  history?: { reason: string }[];
}

const read = (registry: string) => JSON.parse(readFileSync(registry, 'utf8')) as Entry[];

/** Every reason recorded in the history: each successful write leaves its own. */
function reasonsIn(registry: string): Set<string> {
  return new Set(read(registry).flatMap((entry) => (entry.history ?? []).map((event) => event.reason)));
}

/** A registry of `count` valid entries, so that one write takes long enough to be killed halfway. */
function fillerRegistry(count: number): string {
  const entries = Array.from({ length: count }, (_, index) => ({
    name: `filler-${index % 50}`,
    version: `1.${index}`,
    stage: 'development',
    registered_at: '2026-11-27T05:12:25Z',
    updated_at: '2026-11-27T05:12:25Z',
    metrics: { accuracy: 0.9, loss: 0.1 },
    parameters: { depth: 6, optimizer: 'adam', note: 'x'.repeat(200) },
    tags: ['nightly'],
    description: 'filler entry for the fault tests',
    artifact_path: `s3://models/filler/${index}`,
  }));
  return `${JSON.stringify(entries, null, 2)}\n`;
}

/** Is `mount` usable here (root, or a user namespace that allows it)? */
function canMount(): boolean {
  const { dir, cleanup } = makeTempDir('mlops-mount-probe-');
  try {
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir]).status === 0;
    if (mounted) spawnSync('umount', [dir]);
    return mounted;
  } catch {
    return false;
  } finally {
    cleanup();
  }
}
const MOUNT = process.platform === 'linux' && canMount();

let dir: string;
let cleanup: () => void;
let registry: string;
const mounts: string[] = [];
beforeEach(() => {
  ({ dir, cleanup } = makeTempDir('mlops-fault-'));
  registry = join(dir, 'model_registry.json');
});
afterEach(() => {
  while (mounts.length > 0) spawnSync('umount', [mounts.pop()!]);
  cleanup();
});
afterAll(() => {
  for (const mount of mounts) spawnSync('umount', [mount]);
});

const run = (path: string, args: readonly string[], options: RunOptions = {}) =>
  runBinAsync('model-registry', ['--registry', path, '--lock-timeout', '20', ...args], {
    cwd: dir,
    env: { MLOPS_ACTOR: 'fault' },
    ...options,
  });

function startWriter(args: readonly string[]) {
  const child = spawn(
    process.execPath,
    [BINS['model-registry'], '--registry', registry, '--lock-timeout', '20', ...args],
    {
      env: cleanEnv({ MLOPS_ACTOR: 'fault' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
    (resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { done, kill: () => child.kill('SIGKILL') };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe(`writers killed with SIGKILL (${ROUNDS} rounds, seed ${FUZZ_SEED})`, () => {
  it('leave a whole file holding every write that reported success, and a lock the next writer reclaims', async () => {
    const random = new Random(FUZZ_SEED + 10);
    writeFileSync(registry, fillerRegistry(1200));
    const calibration = await run(registry, [
      'register',
      '--name',
      'model',
      '--version',
      'v0',
      '--reason',
      'ok-v0',
    ]);
    expect(calibration.code).toBe(0);
    const lifetime = calibration.ms;
    const succeeded = new Set(['ok-v0']);
    const versions = ['v0'];
    const tally = { killed: 0, completed: 0, refused: 0, staleLocks: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      // One to three writers at once, of every kind; one of them is killed at a random instant.
      const writers = Array.from({ length: 1 + random.int(3) }, (_, index) => {
        const reason = `ok-${round}-${index}`;
        const kind = random.int(4);
        const version = `r${round}-${index}`;
        const args =
          kind === 0 || versions.length < 2
            ? ['register', '--name', 'model', '--version', version]
            : kind === 1
              ? [
                  'promote',
                  '--name',
                  'model',
                  '--version',
                  random.pick(versions),
                  '--stage',
                  random.pick(['staging', 'production']),
                ]
              : kind === 2
                ? // A new alias each time: setting an alias a version already has records nothing.
                  [
                    'alias',
                    '--name',
                    'model',
                    '--version',
                    random.pick(versions),
                    '--alias',
                    `a${round}-${index}`,
                  ]
                : ['rollback', '--name', 'model'];
        return {
          reason,
          args,
          version: args[0] === 'register' ? version : undefined,
          writer: startWriter([...args, '--reason', reason]),
        };
      });
      const victim = random.pick(writers);
      const outcome = await Promise.race([
        victim.writer.done,
        sleep(Math.floor(lifetime * 1.3 * random.next())).then(() => null),
      ]);
      if (outcome === null) victim.writer.kill();
      const log: string[] = [];
      for (const { reason, args, version, writer } of writers) {
        const end = await writer.done;
        log.push(`${args.join(' ')} → ${end.signal ?? end.code}`);
        const context = `round ${round} (seed ${FUZZ_SEED}): ${args.join(' ')}: ${end.stderr}`;
        if (end.signal === 'SIGKILL') {
          tally.killed++;
          continue;
        }
        expect(end.stderr === '' ? undefined : end.stderr, context).toSatisfy(
          (stderr: string | undefined) => stderr === undefined || /^error: /.test(stderr),
        );
        if (end.code === 0) {
          tally.completed++;
          succeeded.add(reason);
          if (version) versions.push(version);
        } else {
          // Only a refusal of substance (exit 1: nothing to roll back, the alias already there…) is expected.
          expect(end.code, context).toBe(1);
          tally.refused++;
        }
      }
      // The file parses (never torn) and every reported write is in it.
      const present = reasonsIn(registry);
      for (const reason of succeeded)
        expect(
          present.has(reason),
          `round ${round} (seed ${FUZZ_SEED}) lost ${reason}: ${log.join('; ')}`,
        ).toBe(true);
      expect(read(registry).filter((entry) => entry.stage === 'production').length).toBeLessThanOrEqual(1);
      if (existsSync(`${registry}.lock`)) tally.staleLocks++; // the next round's writers must reclaim it
    }
    const last = await run(registry, [
      'register',
      '--name',
      'model',
      '--version',
      'last',
      '--reason',
      'ok-last',
    ]);
    expect(last.code, last.stderr).toBe(0);
    expect(existsSync(`${registry}.lock`)).toBe(false);
    for (const reason of [...succeeded, 'ok-last']) expect(reasonsIn(registry).has(reason)).toBe(true);
    // A killed writer's temporary file goes when its lock is taken over: nothing is left.
    expect(readdirSync(dir)).toEqual(['model_registry.json']);
    expect(tally.killed).toBeGreaterThan(0);
    console.log(
      `SIGKILL: ${ROUNDS} rounds, seed ${FUZZ_SEED}, ${tally.killed} writers killed, ${tally.completed} completed, ${tally.refused} refused, ${tally.staleLocks} stale locks left and reclaimed, 0 lost writes`,
    );
  }, 300_000);
});

describe('a full disk', () => {
  it.skipIf(!MOUNT)(
    'a write that does not fit fails cleanly (exit 2), leaves the file byte-identical and no temporary file',
    async () => {
      const disk = join(dir, 'disk');
      mkdirSync(disk);
      expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=128k', 'tmpfs', disk]).status).toBe(0);
      mounts.push(disk);
      const small = join(disk, 'model_registry.json');
      // Fill the disk with the registry itself: about 80% of it, so a second copy (the temporary file) cannot fit.
      let count = 1;
      while (Buffer.byteLength(fillerRegistry(count * 2)) < 100 * 1024) count *= 2;
      writeFileSync(small, fillerRegistry(count));
      const before = readFileSync(small);
      for (const args of [
        ['register', '--name', 'model', '--version', 'big', '--stage', 'production'],
        ['promote', '--name', 'filler-1', '--version', '1.1', '--stage', 'staging'],
      ]) {
        const outcome = await run(small, args);
        expect(uncleanEnd(outcome, false)).toBeUndefined();
        expect(outcome.code).toBe(2);
        expect(outcome.stderr).toMatch(/ENOSPC|no space/i);
        expect(readFileSync(small).equals(before)).toBe(true);
        expect(readdirSync(disk)).toEqual(['model_registry.json']); // no lock, no temporary file
      }
    },
  );

  it('a file-size limit (RLIMIT_FSIZE, `ulimit -f`) makes the write fail cleanly; the file is unchanged', async () => {
    writeFileSync(registry, fillerRegistry(100));
    const before = readFileSync(registry);
    // 64 blocks of 512 bytes: smaller than the registry, so the temporary copy cannot be written.
    const outcome = await run(registry, ['register', '--name', 'model', '--version', 'big'], {
      shellPrefix: 'ulimit -f 64',
    });
    expect(uncleanEnd(outcome, false)).toBeUndefined();
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(/EFBIG|too large/i);
    expect(readFileSync(registry).equals(before)).toBe(true);
    expect(readdirSync(dir)).toEqual(['model_registry.json']);
  });
});

describe('a read-only registry', () => {
  it.skipIf(!MOUNT)(
    'on a read-only mount: reads work, writes fail cleanly (exit 2) and change nothing',
    async () => {
      const source = join(dir, 'source');
      const readOnly = join(dir, 'read-only');
      mkdirSync(source);
      mkdirSync(readOnly);
      writeFileSync(join(source, 'model_registry.json'), fillerRegistry(20));
      expect(spawnSync('mount', ['--bind', source, readOnly]).status).toBe(0);
      mounts.push(readOnly);
      expect(spawnSync('mount', ['-o', 'remount,bind,ro', readOnly]).status).toBe(0);
      const path = join(readOnly, 'model_registry.json');
      const before = readFileSync(path);
      const list = await run(path, ['list', '--json']);
      expect(list.code).toBe(0);
      expect(JSON.parse(list.stdout)).toHaveLength(20);
      for (const args of [
        ['register', '--name', 'model', '--version', '1'],
        ['promote', '--name', 'filler-1', '--version', '1.1', '--stage', 'production'],
        ['alias', '--name', 'filler-1', '--version', '1.1', '--alias', 'champion'],
      ]) {
        const outcome = await run(path, args);
        expect(uncleanEnd(outcome, false)).toBeUndefined();
        expect(outcome.code).toBe(2);
        expect(outcome.stderr).toMatch(/read-only file system/);
        expect(readFileSync(path).equals(before)).toBe(true);
      }
      expect(readdirSync(source)).toEqual(['model_registry.json']);
    },
  );
});

describe('a lock left behind', () => {
  const lockOf = (path: string) => `${path}.lock`;
  /** What a holder in this PID namespace records, and its PID. */
  const lockInfo = (pid: number, identity: Record<string, string> = here) =>
    JSON.stringify({ pid, ...identity, time: new Date().toISOString(), token: 'left-by-a-test' });
  const here = {
    hostname: hostname(),
    boot_id: readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim(),
    pid_namespace: readlinkSync('/proc/self/ns/pid'),
  };

  it('by a dead process in this PID namespace is reclaimed at once', async () => {
    writeFileSync(registry, '[]\n');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    writeFileSync(lockOf(registry), lockInfo(Number(dead.stdout)));
    const outcome = await run(registry, ['register', '--name', 'model', '--version', '1']);
    expect(outcome).toMatchObject({ code: 0, stderr: '' });
    expect(outcome.ms).toBeLessThan(5_000);
    expect(existsSync(lockOf(registry))).toBe(false);
    expect(read(registry).map((entry) => entry.version)).toEqual(['1']);
  });

  it('empty (its creator died before writing it) is reclaimed once unchanged for 5 s, not before, whatever its mtime', async () => {
    writeFileSync(registry, '[]\n');
    writeFileSync(lockOf(registry), '');
    const future = (Date.now() + 3_600_000) / 1000;
    utimesSync(lockOf(registry), future, future);
    const hurried = await run(registry, [
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
    const patient = await run(registry, ['register', '--name', 'model', '--version', '1']);
    expect(patient).toMatchObject({ code: 0, stderr: '' });
    expect(patient.ms).toBeGreaterThanOrEqual(5_000);
    expect(existsSync(lockOf(registry))).toBe(false);
  });

  it('by a process whose PID proves nothing (another PID namespace) is respected while it changes, taken when it stops changing', async () => {
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
      waiting = await run(registry, ['--lock-timeout', '7', 'register', '--name', 'model', '--version', '1']);
    } finally {
      clearInterval(holder);
    }
    expect(waiting.code).toBe(2);
    expect(waiting.stderr).toMatch(/^error: .*timed out after 7 s .*held by pid 1 /);
    expect(uncleanEnd(waiting, false)).toBeUndefined();
    expect(readFileSync(registry, 'utf8')).toBe('[]\n');
    expect(existsSync(lockOf(registry))).toBe(true);
    // Its holder stopped refreshing (it died): taken after 5 s unchanged.
    const reclaimed = await run(registry, ['register', '--name', 'model', '--version', '1']);
    expect(reclaimed).toMatchObject({ code: 0, stderr: '' });
    expect(reclaimed.ms).toBeGreaterThanOrEqual(5_000);
    expect(existsSync(lockOf(registry))).toBe(false);
  }, 60_000);

  it('garbage in the lock file is treated like an unreadable lock, with a clean message', async () => {
    writeFileSync(registry, '[]\n');
    writeFileSync(lockOf(registry), Buffer.from([0xff, 0x00, 0x7b, 0x22]));
    const outcome = await run(registry, [
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

describe('permissions', () => {
  it('a registry keeps its mode (640) after a write replaced it', async () => {
    copyFileSync(join(ROOT, 'fixtures/registry/model_registry.json'), registry);
    spawnSync('chmod', ['640', registry]);
    const outcome = await run(registry, ['register', '--name', 'model', '--version', '1']);
    expect(outcome.code).toBe(0);
    const mode = spawnSync('stat', ['-c', '%a', registry], { encoding: 'utf8' }).stdout.trim();
    expect(mode).toBe('640');
  });
});
