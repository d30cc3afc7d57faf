import { spawnSync } from 'node:child_process';
import {
  closeSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import {
  acquireRegistryLock,
  type RegistryLockInfo,
  RegistryLockStalled,
  registryLockPath,
  registryUniqueId,
  tokenWriterIsDead,
} from './lock.js';

let folder: string;
let path: string;
let lockPath: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'mlops-lock-'));
  path = join(folder, 'model_registry.json');
  lockPath = registryLockPath(path);
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

/** A pid that is certainly not running: a child that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Where this process runs, as a lock file records it. */
const here = {
  hostname: hostname(),
  boot_id: readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim(),
  pid_namespace: readlinkSync('/proc/self/ns/pid'),
};

function writeLock(info: Partial<RegistryLockInfo>): void {
  writeFileSync(lockPath, JSON.stringify({ time: new Date().toISOString(), token: 'left', ...info }));
}

/** Blocks this thread (no timer runs), as a stopped or starved process would be. */
function stall(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

describe('acquireRegistryLock: the lock file', () => {
  it('records pid, host, boot id, PID namespace, a token and a beat, and is removed on release', async () => {
    const lock = await acquireRegistryLock(path);
    const text = readFileSync(lockPath, 'utf8');
    expect(JSON.parse(text)).toEqual({
      pid: process.pid,
      ...here,
      time: lock.info.time,
      token: lock.info.token,
      beat: '0000000000',
    });
    expect(lock.info.token).toMatch(/^\d+\.\d+\.[0-9a-f]{32}\.[0-9a-z]+$/);
    expect(lock.stillHeld()).toBe(true);
    lock.release();
    expect(lock.stillHeld()).toBe(false);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('is refreshed by its holder (the beat counts up in place, same length), whatever its clock', async () => {
    const lock = await acquireRegistryLock(path, { staleMs: 200 }); // a refresh every 40 ms
    const first = readFileSync(lockPath, 'utf8');
    let later = first;
    for (let tries = 0; tries < 100 && later === first; tries++) {
      await sleep(20);
      later = readFileSync(lockPath, 'utf8');
    }
    expect(later).not.toBe(first);
    expect(later).toHaveLength(first.length);
    expect(Number(JSON.parse(later).beat)).toBeGreaterThan(0);
    lock.release();
  });
});

describe('acquireRegistryLock: waiting', () => {
  it('waits for a live holder, silently, then gets the lock', async () => {
    const first = await acquireRegistryLock(path);
    let waited = 0;
    setTimeout(() => first.release(), 150);
    const started = Date.now();
    const second = await acquireRegistryLock(path, { onWait: () => waited++ });
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    expect(waited).toBe(1);
    second.release();
  });

  it('never takes the lock of a holder that keeps refreshing it, however long it holds it', async () => {
    const held = await acquireRegistryLock(path, { staleMs: 100 });
    await expect(acquireRegistryLock(path, { staleMs: 100, timeoutMs: 800 })).rejects.toThrow(
      /^timed out after \d+(\.\d)? s waiting for the registry lock, held by pid \d+ on /,
    );
    expect(held.stillHeld()).toBe(true);
    held.release();
  });

  it('times out with a message naming the lock file, its holder and the takeover rule (exit 2)', async () => {
    const held = await acquireRegistryLock(path);
    await expect(acquireRegistryLock(path, { timeoutMs: 100 })).rejects.toThrow(
      new RegExp(
        `^timed out after 0\\.\\d s waiting for the registry lock, held by pid ${process.pid} on .* \\(no change seen for 0(\\.\\d)? s; a lock seen unchanged for 5 s is taken over\\)$`,
      ),
    );
    const error = await acquireRegistryLock(path, { timeoutMs: 0 }).catch((caught) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).toLine()).toMatch(/model_registry\.json\.lock: timed out after 0 s/);
    expect((error as InputError).toLine()).toMatch(/if none is running, delete the lock file/);
    held.release();
  });

  it('escapes what a lock file says about its holder in messages', async () => {
    writeLock({ pid: 1, hostname: 'evil\n::error::x\u001b[2J', time: 'now\r' });
    await expect(acquireRegistryLock(path, { timeoutMs: 0 })).rejects.toThrow(
      'held by pid 1 on evil\\n::error::x\\x1b[2J since now\\r',
    );
  });
});

describe('acquireRegistryLock: taking over a dead holder’s lock', () => {
  it('at once when the holder is provably dead: same host, boot and PID namespace, PID gone', async () => {
    writeLock({ pid: deadPid(), ...here, token: 'dead' });
    const started = performance.now();
    const lock = await acquireRegistryLock(path, { timeoutMs: 1000 });
    expect(performance.now() - started).toBeLessThan(500);
    expect(lock.info.token).not.toBe('dead');
    lock.release();
    expect(readdirSync(folder)).toEqual([]);
  });

  it('only by the refresh rule when the PID proves nothing: another namespace, boot or host, or no identity', async () => {
    // The four cases at once, each on a lock of its own: their waits overlap. Every lock is written
    // before any waiter starts (spawning the dead PIDs blocks this thread, which would age a lock).
    const registries = [
      { ...here, pid_namespace: 'pid:[4026530000]' }, // another container on this host
      { ...here, boot_id: '00000000-0000-0000-0000-000000000000' }, // another boot: the PID may be reused
      { ...here, hostname: 'elsewhere' },
      { hostname: here.hostname }, // an older lock format: pid and host only
    ].map((other, index) => {
      const registry = join(folder, `registry-${index}.json`);
      writeFileSync(
        registryLockPath(registry),
        JSON.stringify({ time: new Date().toISOString(), pid: deadPid(), ...other, token: `t${index}` }),
      );
      return registry;
    });
    await Promise.all(
      registries.map(async (registry) => {
        // A waiter that gives up before the stale period does not take it...
        await expect(acquireRegistryLock(registry, { staleMs: 300, timeoutMs: 150 })).rejects.toThrow(
          /timed out/,
        );
        // ...one that waits takes it once it has seen it unchanged for the stale period, on its own clock.
        const started = performance.now();
        const lock = await acquireRegistryLock(registry, { staleMs: 300, timeoutMs: 5000 });
        expect(performance.now() - started).toBeGreaterThanOrEqual(290);
        lock.release();
      }),
    );
  });

  it('judges by change, not by time: a lock kept changing with an mtime a day old is respected', async () => {
    writeLock({ pid: 1, hostname: 'elsewhere', token: 'busy' });
    const old = new Date(Date.now() - 86_400_000);
    let beat = 0;
    const keeper = setInterval(() => {
      const fd = openSync(lockPath, 'r+');
      writeSync(fd, String(beat++ % 10), 1); // `{"` → `{0`… changes the content, then the mtime is set back
      closeSync(fd);
      utimesSync(lockPath, old, old);
    }, 40);
    try {
      await expect(acquireRegistryLock(path, { staleMs: 300, timeoutMs: 1200 })).rejects.toThrow(/timed out/);
    } finally {
      clearInterval(keeper);
    }
    expect(Math.abs(statSync(lockPath).mtimeMs - old.getTime())).toBeLessThan(1); // the mtime said "a day old" throughout
  });

  it('takes an empty lock (its creator died before writing it) once unchanged, even with an mtime in the future', async () => {
    writeFileSync(lockPath, '');
    const future = new Date(Date.now() + 86_400_000);
    utimesSync(lockPath, future, future);
    await expect(acquireRegistryLock(path, { staleMs: 300, timeoutMs: 100 })).rejects.toThrow(
      /timed out .*, whose lock file has no readable holder \(no change seen for 0(\.\d)? s; a lock seen unchanged for 0\.3 s is taken over\)/,
    );
    (await acquireRegistryLock(path, { staleMs: 300, timeoutMs: 2000 })).release();
  });

  it('lets exactly one of many waiters act on a stale lock (mutual exclusion holds), and leaves nothing', async () => {
    for (const stale of [
      { pid: deadPid(), ...here },
      { pid: 1, hostname: 'elsewhere' },
    ]) {
      writeLock({ ...stale, token: 'dead' });
      let holders = 0;
      let most = 0;
      await Promise.all(
        Array.from({ length: 12 }, async () => {
          const lock = await acquireRegistryLock(path, { timeoutMs: 20_000, staleMs: 300 });
          holders++;
          most = Math.max(most, holders);
          await sleep(5);
          expect(lock.stillHeld()).toBe(true);
          holders--;
          lock.release();
        }),
      );
      expect(most).toBe(1);
      expect(readdirSync(folder)).toEqual([]);
    }
  });

  it('reports the holder it took the lock from (so its temporary file can go)', async () => {
    writeLock({ pid: deadPid(), ...here, token: 'gone' });
    const reclaimed: (string | undefined)[] = [];
    const lock = await acquireRegistryLock(path, { onReclaimed: (holder) => reclaimed.push(holder?.token) });
    expect(reclaimed).toEqual(['gone']);
    lock.release();
  });

  it('breaks a claim left by a waiter that died while taking a lock over', async () => {
    writeLock({ pid: 1, hostname: 'elsewhere', token: 'stuck' });
    const stats = statSync(lockPath, { bigint: true });
    const claim = `${lockPath}.reclaim.${stats.dev}-${stats.ino}-${stats.ctimeNs}`;
    writeFileSync(claim, JSON.stringify({ pid: deadPid(), ...here, token: 'claimer' }));
    const started = performance.now();
    const lock = await acquireRegistryLock(path, { staleMs: 300, timeoutMs: 5000 });
    expect(performance.now() - started).toBeLessThan(2000);
    lock.release();
    expect(readdirSync(folder)).toEqual([]);
  });

  it('refuses a lock path that is a symbolic link or not a regular file, with a clean message', async () => {
    symlinkSync(join(folder, 'nowhere'), lockPath);
    await expect(acquireRegistryLock(path, { timeoutMs: 100 })).rejects.toThrow(
      'the lock file is a symbolic link',
    );
    rmSync(lockPath);
    spawnSync('mkfifo', [lockPath]);
    await expect(acquireRegistryLock(path, { timeoutMs: 100 })).rejects.toThrow(
      'the lock file is not a regular file',
    );
  });
});

describe('a holder that was stopped or stalled', () => {
  it('must confirm before writing; it keeps the lock when nobody took it', async () => {
    const lock = await acquireRegistryLock(path, { staleMs: 200 });
    stall(300); // more than half the stale period without a refresh
    expect(() => lock.assertHeld()).toThrow(RegistryLockStalled);
    await lock.confirm();
    expect(() => lock.assertHeld()).not.toThrow();
    lock.release();
    expect(readdirSync(folder)).toEqual([]);
  });

  it('finds its lock lost when another waiter took it meanwhile: nothing may be written (exit 2)', async () => {
    const lock = await acquireRegistryLock(path, { staleMs: 200 });
    stall(300);
    // What a waiter that took it over leaves: another lock file in its place.
    renameSync(lockPath, join(folder, 'aside'));
    writeLock({ pid: process.pid, ...here, token: 'newer' });
    await expect(lock.confirm()).rejects.toThrow(
      /^lost the registry lock: this command was stopped or stalled for \d+(\.\d)? s while it held the lock, and another writer took it over; nothing was written$/,
    );
    expect(() => lock.assertHeld()).toThrow(RegistryLockStalled);
    lock.release();
    expect(JSON.parse(readFileSync(lockPath, 'utf8')).token).toBe('newer'); // not removed by release
  });

  it('finds its lock lost when the lock file was removed by hand', async () => {
    const lock = await acquireRegistryLock(path);
    rmSync(lockPath);
    expect(() => lock.assertHeld()).toThrow(/^lost the registry lock: the lock file was removed or replaced/);
    await expect(lock.confirm()).rejects.toThrow(InputError);
    lock.release();
  });
});

describe('tokenWriterIsDead', () => {
  it('is true only for a writer provably dead: this boot and PID namespace, PID gone, not held here', async () => {
    const [, namespace, boot] = registryUniqueId().split('.');
    expect(tokenWriterIsDead(`${deadPid()}.${namespace}.${boot}.abc`)).toBe(true);
    expect(tokenWriterIsDead(`1.${namespace}.${boot}.abc`)).toBe(false); // init is alive
    expect(tokenWriterIsDead(`${deadPid()}.4026530000.${boot}.abc`)).toBe(false); // another namespace
    expect(tokenWriterIsDead(`${deadPid()}.${namespace}.${'0'.repeat(32)}.abc`)).toBe(false); // another boot
    expect(tokenWriterIsDead(`${deadPid()}.abc123`)).toBe(false); // an older name format
    expect(tokenWriterIsDead(`0.${namespace}.${boot}.abc`)).toBe(false);
    const lock = await acquireRegistryLock(path);
    expect(tokenWriterIsDead(lock.info.token)).toBe(false); // this process, holding it
    lock.release();
    expect(tokenWriterIsDead(lock.info.token)).toBe(true); // this process, no longer writing with it
  });
});
