import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BINS, cleanEnv, makeTempDir } from '../helpers/bins.js';
import { seededRandom } from '../helpers/random.js';

/**
 * The registry's two promises under real processes: concurrent writers never lose a write (the legacy
 * tool kept 10 of 20), and a writer killed with SIGKILL at any instant leaves the old file or the new
 * one, whole, and a lock that the next writer reclaims.
 *
 * MLOPS_CRASH_ROUNDS (default 24) and MLOPS_CRASH_SEED (default 20261127) tune the crash loop, e.g.
 * `MLOPS_CRASH_ROUNDS=500 npx vitest run tests/e2e/registry-concurrency`.
 */

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

interface Writer {
  pid: number;
  done: Promise<Outcome>;
  kill(): void;
}

function startWriter(registry: string, args: string[], env: Record<string, string> = {}): Writer {
  const child = spawn(process.execPath, [BINS['model-registry'], '--registry', registry, ...args], {
    env: cleanEnv({ MLOPS_ACTOR: 'test', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const done = new Promise<Outcome>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { pid: child.pid!, done, kill: () => child.kill('SIGKILL') };
}

const register = (version: string) => ['register', '--name', 'model', '--version', version];

/** A registry of `count` valid entries, so that a write holds the lock for tens of milliseconds. */
function bigRegistry(count: number): string {
  const entries = Array.from({ length: count }, (_, index) => ({
    name: `filler-${index % 100}`,
    version: `1.${index}`,
    stage: 'development',
    registered_at: '2026-11-27T05:12:25Z',
    updated_at: '2026-11-27T05:12:25Z',
    metrics: { accuracy: 0.9, loss: 0.1, f1: 0.8 },
    parameters: { depth: 6, optimizer: 'adam' },
    tags: ['nightly'],
    description: 'filler entry for the crash test',
    artifact_path: `s3://models/filler/${index}`,
  }));
  return `${JSON.stringify(entries, null, 2)}\n`;
}

/** The registry must always parse and hold every version whose writer reported success. */
function versionsIn(registry: string): Set<string> {
  const entries = JSON.parse(readFileSync(registry, 'utf8')) as { name: string; version: string }[];
  expect(Array.isArray(entries)).toBe(true);
  return new Set(entries.filter((entry) => entry.name === 'model').map((entry) => entry.version));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The pid in a lock file whose content is complete; undefined while the file is missing, empty or
 * half written (a test polls this rather than reading a file another process is writing once).
 */
function lockHolder(lock: string): number | undefined {
  try {
    const info = JSON.parse(readFileSync(lock, 'utf8')) as { pid?: unknown; token?: unknown };
    return typeof info.pid === 'number' && typeof info.token === 'string' ? info.pid : undefined;
  } catch {
    return undefined;
  }
}

let dir: string;
let cleanup: () => void;
let registry: string;
beforeEach(() => {
  ({ dir, cleanup } = makeTempDir('mlops-registry-race-'));
  registry = join(dir, 'model_registry.json');
});
afterEach(() => cleanup());

describe('concurrent writers', () => {
  it('20 processes registering 20 versions at the same moment leave all 20', async () => {
    const writers = Array.from({ length: 20 }, (_, index) => startWriter(registry, register(`v${index}`)));
    const outcomes = await Promise.all(writers.map((writer) => writer.done));
    for (const outcome of outcomes) expect(outcome).toMatchObject({ code: 0, stderr: '' });
    expect(versionsIn(registry)).toEqual(new Set(Array.from({ length: 20 }, (_, index) => `v${index}`)));
    expect(readdirSync(dir)).toEqual(['model_registry.json']); // no lock, no temporary file left
  }, 60_000);

  it('readers running during writes always see a whole registry (no lock needed to read)', async () => {
    writeFileSync(registry, bigRegistry(1000));
    const writers = Array.from({ length: 8 }, (_, index) => startWriter(registry, register(`w${index}`)));
    const readers = Array.from({ length: 8 }, () =>
      startWriter(registry, ['list', '--json', '--name', 'model']),
    );
    const [written, read] = await Promise.all([
      Promise.all(writers.map((writer) => writer.done)),
      Promise.all(readers.map((reader) => reader.done)),
    ]);
    for (const outcome of written) expect(outcome.code).toBe(0);
    for (const outcome of read) {
      expect(outcome).toMatchObject({ code: 0, stderr: '' });
      expect(Array.isArray(JSON.parse(outcome.stdout))).toBe(true);
    }
    expect(versionsIn(registry).size).toBe(8);
  }, 60_000);

  it('concurrent promotions to production leave exactly one production version', async () => {
    writeFileSync(registry, '[]\n');
    for (let index = 0; index < 6; index++) {
      const outcome = await startWriter(registry, register(`p${index}`)).done;
      expect(outcome.code).toBe(0);
    }
    const writers = Array.from({ length: 6 }, (_, index) =>
      startWriter(registry, [
        'promote',
        '--name',
        'model',
        '--version',
        `p${index}`,
        '--stage',
        'production',
      ]),
    );
    for (const outcome of await Promise.all(writers.map((writer) => writer.done)))
      expect(outcome.code).toBe(0);
    const entries = JSON.parse(readFileSync(registry, 'utf8')) as { stage: string }[];
    expect(entries.filter((entry) => entry.stage === 'production')).toHaveLength(1);
    expect(entries.filter((entry) => entry.stage === 'archived')).toHaveLength(5);
  }, 60_000);
});

describe('writers killed with SIGKILL', () => {
  it('a lock left by a killed writer is reclaimed by the next writer at once', async () => {
    writeFileSync(registry, bigRegistry(3000));
    const lock = `${registry}.lock`;
    let left = false;
    for (let attempt = 0; attempt < 20 && !left; attempt++) {
      const writer = startWriter(registry, register(`killed-${attempt}`));
      // Kill it the moment it holds the lock, once the lock file's content is complete: the file
      // exists before its writer has written it, and a writer killed in between leaves an empty
      // lock, which is reclaimed only after 10 s (and reading it here would fail to parse).
      while (lockHolder(lock) !== writer.pid) {
        if ((await Promise.race([writer.done, sleep(1).then(() => null)])) !== null) break;
      }
      writer.kill();
      await writer.done;
      left = existsSync(lock);
      if (left) expect(lockHolder(lock)).toBe(writer.pid);
    }
    expect(left).toBe(true);
    const started = Date.now();
    const next = await startWriter(registry, register('after'), { MLOPS_LOCK_TIMEOUT: '20' }).done;
    expect(next).toMatchObject({ code: 0, stderr: '' });
    expect(Date.now() - started).toBeLessThan(10_000); // reclaimed, not timed out nor waited for the stale age
    expect(existsSync(lock)).toBe(false);
    expect(versionsIn(registry).has('after')).toBe(true);
  }, 60_000);

  it('at random instants (seeded) leave a whole file holding every reported write', async () => {
    const rounds = Number(process.env.MLOPS_CRASH_ROUNDS ?? 24);
    const seed = Number(process.env.MLOPS_CRASH_SEED ?? 20261127);
    const random = seededRandom(seed);
    writeFileSync(registry, bigRegistry(1500));
    // How long one write takes here, to spread the kills over a writer's whole life.
    const started = Date.now();
    expect((await startWriter(registry, register('calibration')).done).code).toBe(0);
    const lifetime = Date.now() - started;
    const succeeded = new Set(['calibration']);
    let killed = 0;
    let staleLocks = 0;
    for (let round = 0; round < rounds; round++) {
      const version = `crash-${round}`;
      const writer = startWriter(registry, register(version));
      const delay = Math.floor(lifetime * 1.2 * random());
      const outcome = await Promise.race([writer.done, sleep(delay).then(() => null)]);
      if (outcome === null) {
        writer.kill();
        killed++;
      }
      const final = await writer.done;
      if (final.code === 0) succeeded.add(version);
      else expect(final.signal, `round ${round} (seed ${seed}): ${final.stderr}`).toBe('SIGKILL');
      const present = versionsIn(registry); // parses: never a torn file
      for (const version of succeeded)
        expect(present.has(version), `round ${round} (seed ${seed}) lost ${version}`).toBe(true);
      if (existsSync(`${registry}.lock`)) {
        staleLocks++;
        const next = await startWriter(registry, register(`after-${round}`), { MLOPS_LOCK_TIMEOUT: '20' })
          .done;
        expect(next, `round ${round} (seed ${seed})`).toMatchObject({ code: 0, stderr: '' });
        succeeded.add(`after-${round}`);
        expect(existsSync(`${registry}.lock`)).toBe(false);
      }
    }
    expect(killed).toBeGreaterThan(0);
    const present = versionsIn(registry);
    for (const version of succeeded) expect(present.has(version)).toBe(true);
    // A killed writer's lock is taken over above, and its temporary file with it: nothing is left.
    expect(readdirSync(dir)).toEqual(['model_registry.json']);
    console.log(
      `crash loop: ${rounds} rounds, seed ${seed}, ${killed} killed, ${staleLocks} stale locks reclaimed`,
    );
  }, 120_000);
});
