import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError, RefusedError } from '../errors.js';
import { acquireRegistryLock, registryLockPath } from './lock.js';
import type { RegistryEntry } from './schema.js';
import {
  appendToRegistryText,
  REGISTRY_MAX_BYTES,
  readRegistry,
  readRegistryStatus,
  serializeRegistry,
  updateRegistry,
  writeFileAtomic,
} from './store.js';

let folder: string;
let path: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'mlops-store-'));
  path = join(folder, 'model_registry.json');
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

const entry = (version: string): RegistryEntry => ({
  name: 'm',
  version,
  stage: 'development',
  registered_at: '2026-11-27T05:12:25Z',
  updated_at: '2026-11-27T05:12:25Z',
  metrics: {},
  parameters: {},
  tags: [],
  description: '',
  artifact_path: '',
});

/** A pid that is certainly not running: a child that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

describe('readRegistry', () => {
  it('reads a missing file as an empty registry', async () => {
    expect(await readRegistry({ path })).toEqual([]);
  });

  it('reports a folder given as the registry (exit 2)', async () => {
    await expect(readRegistry({ path: folder, display: 'here' })).rejects.toThrow(InputError);
    await expect(readRegistry({ path: folder, display: 'here' })).rejects.toThrow(
      'registry is a folder, not a file',
    );
  });

  it('says whether the file was there: a missing file in an existing folder reads as empty', async () => {
    expect(await readRegistryStatus({ path })).toEqual({ entries: [], found: false });
    writeFileSync(path, '[]\n');
    expect(await readRegistryStatus({ path })).toEqual({ entries: [], found: true });
  });

  it('refuses a registry whose folder does not exist (exit 2), naming the path, the folder and the source', async () => {
    const missing = {
      path: join(folder, 'typo', 'reg.json'),
      display: 'typo/reg.json',
      source: '--registry',
    };
    const read = readRegistry(missing);
    await expect(read).rejects.toThrow(InputError);
    await expect(read).rejects.toMatchObject({
      file: 'typo/reg.json',
      message: "the registry's folder typo does not exist",
      hint: 'check --registry, or create the folder',
    });
    writeFileSync(join(folder, 'file'), '');
    await expect(
      readRegistry({ path: join(folder, 'file', 'reg.json'), display: 'file/reg.json' }),
    ).rejects.toThrow("the registry's folder file is a file, not a folder");
    await expect(
      readRegistry({ path: join(folder, 'file', 'sub', 'reg.json'), display: 'file/sub/reg.json' }),
    ).rejects.toThrow("the registry's folder file/sub does not exist: a part of its path is a file");
  });

  it('refuses a FIFO without opening it (opening would wait for a writer forever)', async () => {
    const fifo = join(folder, 'fifo.json');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    await expect(readRegistry({ path: fifo, display: 'fifo.json' })).rejects.toThrow(
      'registry is not a regular file',
    );
    await expect(readRegistry({ path: '/dev/zero' })).rejects.toThrow('registry is not a regular file');
  });

  it('refuses a file larger than the cap before reading it', async () => {
    writeFileSync(path, serializeRegistry([entry('1')]));
    const size = statSync(path).size;
    expect(await readRegistry({ path }, { maxBytes: size })).toHaveLength(1);
    await expect(readRegistry({ path, display: 'r.json' }, { maxBytes: size - 1 })).rejects.toMatchObject({
      file: 'r.json',
      message: expect.stringMatching(/^registry is larger than the .* this tool reads$/),
    });
    expect(REGISTRY_MAX_BYTES).toBe(256 * 1024 * 1024);
  });
});

describe('writeFileAtomic', () => {
  it('replaces the file, keeps its permissions, and leaves no temporary file', () => {
    writeFileSync(path, 'old');
    chmodSync(path, 0o600);
    writeFileAtomic(path, 'new');
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(folder)).toEqual(['model_registry.json']);
  });

  it('leaves the old file and no temporary file when the rename fails', () => {
    mkdirSync(path); // a folder where the file should be: the rename fails
    expect(() => writeFileAtomic(path, 'new')).toThrow();
    expect(readdirSync(folder)).toEqual(['model_registry.json']);
  });
});

describe('updateRegistry', () => {
  it('creates the file on the first write, as a 2-space JSON array', async () => {
    const result = await updateRegistry({ path }, (entries) => ({
      entries: [...entries, entry('1')],
      result: 'done',
    }));
    expect(result).toBe('done');
    expect(readFileSync(path, 'utf8')).toBe(serializeRegistry([entry('1')]));
    expect(readFileSync(path, 'utf8')).toMatch(/^\[\n {2}\{\n {4}"name": "m",/);
    expect(readdirSync(folder)).toEqual(['model_registry.json']); // lock released
  });

  it('writes nothing when the change throws, and releases the lock', async () => {
    writeFileSync(path, serializeRegistry([entry('1')]));
    const before = readFileSync(path);
    await expect(
      updateRegistry({ path }, () => {
        throw new RefusedError('no');
      }),
    ).rejects.toThrow('no');
    expect(readFileSync(path)).toEqual(before);
    expect(readdirSync(folder)).toEqual(['model_registry.json']);
  });

  it('never writes over a file it could not read', async () => {
    writeFileSync(path, '[{"name": "m",');
    const before = readFileSync(path);
    await expect(updateRegistry({ path }, (entries) => ({ entries, result: 0 }))).rejects.toThrow(InputError);
    expect(readFileSync(path)).toEqual(before);
  });

  it('serialises concurrent transactions in one process too', async () => {
    await Promise.all(
      Array.from({ length: 15 }, (_, index) =>
        updateRegistry({ path }, (entries) => ({ entries: [...entries, entry(String(index))], result: 0 })),
      ),
    );
    expect((await readRegistry({ path })).map((e) => Number(e.version)).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 15 }, (_, index) => index),
    );
  });

  it('removes the temporary files of writers that died mid-write, and no one else’s', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid!; // a process that has exited
    const strayDead = join(folder, `.model_registry.json.${dead}.abc123.tmp`);
    const strayLive = join(folder, `.model_registry.json.${process.pid}.def456.tmp`);
    const unrelated = join(folder, `.other.json.${dead}.abc123.tmp`);
    for (const file of [strayDead, strayLive, unrelated]) writeFileSync(file, '[');
    await updateRegistry({ path }, (entries) => ({ entries: [...entries, entry('1')], result: 0 }));
    expect(readdirSync(folder).sort()).toEqual(
      [
        `.model_registry.json.${process.pid}.def456.tmp`,
        `.other.json.${dead}.abc123.tmp`,
        'model_registry.json',
      ].sort(),
    );
  });

  it('reports a missing folder before taking the lock (exit 2)', async () => {
    const missing = { path: join(folder, 'no', 'such', 'registry.json') };
    await expect(updateRegistry(missing, (entries) => ({ entries, result: 0 }))).rejects.toThrow(
      /^the registry's folder .*no\/such does not exist$/,
    );
    expect(readdirSync(folder)).toEqual([]);
  });

  it('never writes a file larger than the cap: the next read would refuse it', async () => {
    writeFileSync(path, serializeRegistry([entry('1')]));
    const before = readFileSync(path, 'utf8');
    const grow = (entries: RegistryEntry[]) => ({ entries: [...entries, entry('2')], result: 0 });
    await expect(updateRegistry({ path }, grow, { maxBytes: before.length + 10 })).rejects.toThrow(
      /^the registry would grow past the \d+ bytes this tool reads$/,
    );
    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(readdirSync(folder)).toEqual(['model_registry.json']);
    await updateRegistry({ path }, grow, { maxBytes: 2 * before.length });
    expect(await readRegistry({ path })).toHaveLength(2);
  });
});

describe('acquireRegistryLock', () => {
  it('writes pid, host name, time and a token into <registry>.lock, and removes it on release', async () => {
    const lock = await acquireRegistryLock(path);
    const info = JSON.parse(readFileSync(registryLockPath(path), 'utf8'));
    expect(info).toMatchObject({ pid: process.pid, hostname: hostname() });
    expect(info.token).toBe(lock.info.token);
    expect(lock.stillHeld()).toBe(true);
    lock.release();
    expect(readdirSync(folder)).toEqual([]);
  });

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

  it('times out with a message naming the lock file and its holder (exit 2)', async () => {
    const held = await acquireRegistryLock(path);
    const attempt = acquireRegistryLock(path, { timeoutMs: 200 });
    await expect(attempt).rejects.toThrow(InputError);
    await expect(acquireRegistryLock(path, { timeoutMs: 100 })).rejects.toThrow(
      new RegExp(`^timed out after 0\\.\\d s waiting for the registry lock, held by pid ${process.pid} on `),
    );
    try {
      await acquireRegistryLock(path, { timeoutMs: 0 });
    } catch (error) {
      expect((error as InputError).toLine()).toMatch(/model_registry\.json\.lock: timed out after 0 s/);
      expect((error as InputError).toLine()).toMatch(/if none is running, delete the lock file/);
    }
    held.release();
  });

  it('reclaims the lock of a process that died on this host at once', async () => {
    writeFileSync(
      registryLockPath(path),
      JSON.stringify({ pid: deadPid(), hostname: hostname(), time: new Date().toISOString(), token: 'dead' }),
    );
    const started = Date.now();
    const lock = await acquireRegistryLock(path, { timeoutMs: 1000 });
    expect(Date.now() - started).toBeLessThan(500);
    expect(lock.info.token).not.toBe('dead');
    lock.release();
    expect(readdirSync(folder)).toEqual([]);
  });

  it('reclaims a lock older than the stale age even if its holder looks alive (another host)', async () => {
    const lockPath = registryLockPath(path);
    writeFileSync(
      lockPath,
      JSON.stringify({ pid: 1, hostname: 'elsewhere', time: '2020-01-01T00:00:00Z', token: 'old' }),
    );
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockPath, old, old);
    await expect(acquireRegistryLock(path, { timeoutMs: 100, staleMs: 120_000 })).rejects.toThrow(
      /timed out/,
    );
    const lock = await acquireRegistryLock(path, { timeoutMs: 1000, staleMs: 30_000 });
    lock.release();
  });

  it('reclaims an empty lock file (its creator died before writing it) once it is 10 s old', async () => {
    const lockPath = registryLockPath(path);
    writeFileSync(lockPath, '');
    await expect(acquireRegistryLock(path, { timeoutMs: 100 })).rejects.toThrow(
      /timed out .*, whose lock file has no readable holder/,
    );
    const old = new Date(Date.now() - 11_000);
    utimesSync(lockPath, old, old);
    (await acquireRegistryLock(path, { timeoutMs: 1000 })).release();
  });

  it('lets exactly one of many waiters reclaim a dead lock at a time (mutual exclusion holds)', async () => {
    writeFileSync(
      registryLockPath(path),
      JSON.stringify({ pid: deadPid(), hostname: hostname(), time: new Date().toISOString(), token: 'dead' }),
    );
    let holders = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 12 }, async () => {
        const lock = await acquireRegistryLock(path, { timeoutMs: 10_000 });
        holders++;
        most = Math.max(most, holders);
        await new Promise((resolve) => setTimeout(resolve, 5));
        expect(lock.stillHeld()).toBe(true);
        holders--;
        lock.release();
      }),
    );
    expect(most).toBe(1);
    expect(readdirSync(folder)).toEqual([]);
  });
});

describe('updateRegistry through a symbolic link', () => {
  it('writes the file the link names and keeps the link', async () => {
    const { symlinkSync, lstatSync } = await import('node:fs');
    const target = join(folder, 'real.json');
    writeFileSync(target, serializeRegistry([entry('1')]));
    symlinkSync(target, path);
    await updateRegistry({ path }, (entries) => ({ entries: [...entries, entry('2')], result: 0 }));
    expect(lstatSync(path).isSymbolicLink()).toBe(true);
    expect((await readRegistry({ path: target })).map((e) => e.version)).toEqual(['1', '2']);
    expect(readdirSync(folder).sort()).toEqual(['model_registry.json', 'real.json']);
  });
});

describe('appendToRegistryText', () => {
  it('gives exactly what serialising the whole registry gives, on a file this tool wrote', () => {
    for (const count of [0, 1, 3]) {
      const before = Array.from({ length: count }, (_, index) => entry(String(index)));
      const added = [entry('new'), { ...entry('x'), metrics: { f1: 0.5 }, history: [] }];
      expect(appendToRegistryText(serializeRegistry(before), added)).toBe(
        serializeRegistry([...before, ...added]),
      );
    }
  });

  it('keeps the bytes of a legacy file and of other layouts, and always gives valid JSON with every entry', () => {
    const legacy = readFileSync(
      join(import.meta.dirname, '../../../../fixtures/registry/model_registry.json'),
      'utf8',
    );
    const appended = appendToRegistryText(legacy, [entry('new')])!;
    expect(appended.startsWith(legacy.trimEnd().slice(0, -1).trimEnd())).toBe(true);
    expect(JSON.parse(appended)).toEqual([...JSON.parse(legacy), entry('new')]);
    for (const text of [
      '[]',
      '[ ]',
      '[\n]\n',
      '  [{"a":1}]  \n',
      '[{"a":1},\n{"b":[]}]',
      '[\r\n  {"a": 1}\r\n]\r\n',
    ]) {
      expect(JSON.parse(appendToRegistryText(text, [entry('n')])!)).toEqual([
        ...JSON.parse(text),
        entry('n'),
      ]);
    }
    expect(appendToRegistryText('\ufeff[]', [entry('n')])).toBeUndefined();
  });

  it('is what register writes: the legacy entries keep their exact text', async () => {
    const legacy = readFileSync(
      join(import.meta.dirname, '../../../../fixtures/registry/model_registry.json'),
      'utf8',
    );
    writeFileSync(path, legacy);
    await updateRegistry({ path }, (entries) => ({ entries: [...entries, entry('9')], result: 0 }));
    const written = readFileSync(path, 'utf8');
    expect(written.startsWith(legacy.trimEnd().slice(0, -1).trimEnd())).toBe(true);
    expect(JSON.parse(written)).toHaveLength(4);
    // A change to an existing entry serialises the whole registry.
    await updateRegistry({ path }, (entries) => ({ entries: entries.map((e) => ({ ...e })), result: 0 }));
    expect(readFileSync(path, 'utf8')).toBe(serializeRegistry(JSON.parse(written)));
  });
});
