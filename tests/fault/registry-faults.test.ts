import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'vitest';
import { FUZZ_SEED, LONG_RUN, Random, type RunOptions, runBinAsync, uncleanEnd } from '../fuzz/harness.js';
import { BINS, cleanEnv, makeTempDir, ROOT } from '../helpers/bins.js';

/**
 * Fault injection on the registry, with real processes: writers killed with SIGKILL at random
 * instants, a full disk, a file-size limit, a read-only folder (locks left behind: registry-stale-locks.test.ts).
 * After each fault the file must parse and hold every write that reported success; a failed write must
 * leave it byte for byte; a lock whose holder is dead must be reclaimed. Each case has its own folder
 * and the cases run at once.
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

/** A temporary folder for one test, removed when it ends (after unmounting what the test mounted there). */
function testFolder(onTestFinished: TestContext['onTestFinished']) {
  const { dir, cleanup } = makeTempDir('mlops-fault-');
  const mounts: string[] = [];
  onTestFinished(() => {
    while (mounts.length > 0) spawnSync('umount', [mounts.pop()!]);
    cleanup();
  });
  return { dir, registry: join(dir, 'model_registry.json'), mounts };
}

const run = (dir: string, path: string, args: readonly string[], options: RunOptions = {}) =>
  runBinAsync('model-registry', ['--registry', path, '--lock-timeout', '20', ...args], {
    cwd: dir,
    env: { MLOPS_ACTOR: 'fault' },
    ...options,
  });

function startWriter(registry: string, args: readonly string[]) {
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

/**
 * One chain of SIGKILL rounds on its own registry (in its own folder): each round starts one to three
 * writers and kills one of them at a random instant; after each round the file must parse and hold every
 * write that reported success. Returns the tally.
 */
async function sigkillChain(
  chain: number,
  seed: number,
  rounds: number,
  { expect, onTestFinished }: TestContext,
): Promise<{ killed: number; completed: number; refused: number; staleLocks: number }> {
  const random = new Random(seed);
  const { dir, registry } = testFolder(onTestFinished);
  writeFileSync(registry, fillerRegistry(1200));
  const calibration = await run(dir, registry, [
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
  for (let round = 0; round < rounds; round++) {
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
        writer: startWriter(registry, [...args, '--reason', reason]),
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
      const context = `chain ${chain} round ${round} (seed ${seed}): ${args.join(' ')}: ${end.stderr}`;
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
        `chain ${chain} round ${round} (seed ${seed}) lost ${reason}: ${log.join('; ')}`,
      ).toBe(true);
    expect(read(registry).filter((entry) => entry.stage === 'production').length).toBeLessThanOrEqual(1);
    if (existsSync(`${registry}.lock`)) tally.staleLocks++; // the next round's writers must reclaim it
  }
  const last = await run(dir, registry, [
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
  return tally;
}

/**
 * The rounds run as CHAINS independent chains at once (each on its own registry, seeded FUZZ_SEED + 10 +
 * its index): a chain spends most of its time waiting (for its writers, for a stale lock to age), so
 * chains side by side cover the same rounds in a fraction of the time.
 */
const CHAINS = 4;

describe(`writers killed with SIGKILL (${ROUNDS} rounds in ${CHAINS} chains, seed ${FUZZ_SEED})`, () => {
  it('leave a whole file holding every write that reported success, and a lock the next writer reclaims', async (context) => {
    const tallies = await Promise.all(
      Array.from({ length: CHAINS }, (_, chain) =>
        sigkillChain(
          chain,
          FUZZ_SEED + 10 + chain,
          Math.floor(ROUNDS / CHAINS) + (chain < ROUNDS % CHAINS ? 1 : 0),
          context,
        ),
      ),
    );
    const tally = { killed: 0, completed: 0, refused: 0, staleLocks: 0 };
    for (const one of tallies)
      for (const key of Object.keys(tally) as (keyof typeof tally)[]) tally[key] += one[key];
    context.expect(tally.killed).toBeGreaterThan(0);
    console.log(
      `SIGKILL: ${ROUNDS} rounds in ${CHAINS} chains, seeds ${FUZZ_SEED + 10}…${FUZZ_SEED + 9 + CHAINS}, ${tally.killed} writers killed, ${tally.completed} completed, ${tally.refused} refused, ${tally.staleLocks} stale locks left and reclaimed, 0 lost writes`,
    );
  }, 300_000);
});

describe.concurrent('a full disk', () => {
  it.skipIf(!MOUNT)(
    'a write that does not fit fails cleanly (exit 2), leaves the file byte-identical and no temporary file',
    async ({ expect, onTestFinished }) => {
      const { dir, mounts } = testFolder(onTestFinished);
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
        const outcome = await run(dir, small, args);
        expect(uncleanEnd(outcome, false)).toBeUndefined();
        expect(outcome.code).toBe(2);
        expect(outcome.stderr).toMatch(/ENOSPC|no space/i);
        expect(readFileSync(small).equals(before)).toBe(true);
        expect(readdirSync(disk)).toEqual(['model_registry.json']); // no lock, no temporary file
      }
    },
  );

  it('a file-size limit (RLIMIT_FSIZE, `ulimit -f`) makes the write fail cleanly; the file is unchanged', async ({
    expect,
    onTestFinished,
  }) => {
    const { dir, registry } = testFolder(onTestFinished);
    writeFileSync(registry, fillerRegistry(100));
    const before = readFileSync(registry);
    // 64 blocks of 512 bytes: smaller than the registry, so the temporary copy cannot be written.
    const outcome = await run(dir, registry, ['register', '--name', 'model', '--version', 'big'], {
      shellPrefix: 'ulimit -f 64',
    });
    expect(uncleanEnd(outcome, false)).toBeUndefined();
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(/EFBIG|too large/i);
    expect(readFileSync(registry).equals(before)).toBe(true);
    expect(readdirSync(dir)).toEqual(['model_registry.json']);
  });
});

describe.concurrent('a read-only registry', () => {
  it.skipIf(!MOUNT)(
    'on a read-only mount: reads work, writes fail cleanly (exit 2) and change nothing',
    async ({ expect, onTestFinished }) => {
      const { dir, mounts } = testFolder(onTestFinished);
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
      const list = await run(dir, path, ['list', '--json']);
      expect(list.code).toBe(0);
      expect(JSON.parse(list.stdout)).toHaveLength(20);
      for (const args of [
        ['register', '--name', 'model', '--version', '1'],
        ['promote', '--name', 'filler-1', '--version', '1.1', '--stage', 'production'],
        ['alias', '--name', 'filler-1', '--version', '1.1', '--alias', 'champion'],
      ]) {
        const outcome = await run(dir, path, args);
        expect(uncleanEnd(outcome, false)).toBeUndefined();
        expect(outcome.code).toBe(2);
        expect(outcome.stderr).toMatch(/read-only file system/);
        expect(readFileSync(path).equals(before)).toBe(true);
      }
      expect(readdirSync(source)).toEqual(['model_registry.json']);
    },
  );
});

describe.concurrent('permissions', () => {
  it('a registry keeps its mode (640) after a write replaced it', async ({ expect, onTestFinished }) => {
    const { dir, registry } = testFolder(onTestFinished);
    copyFileSync(join(ROOT, 'fixtures/registry/model_registry.json'), registry);
    spawnSync('chmod', ['640', registry]);
    const outcome = await run(dir, registry, ['register', '--name', 'model', '--version', '1']);
    expect(outcome.code).toBe(0);
    const mode = spawnSync('stat', ['-c', '%a', registry], { encoding: 'utf8' }).stdout.trim();
    expect(mode).toBe('640');
  });
});
