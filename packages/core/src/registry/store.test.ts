import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError, RefusedError } from '../errors.js';
import { registryUniqueId } from './lock.js';
import type { RegistryEntry } from './schema.js';
import {
  appendToRegistryText,
  REGISTRY_MAX_BYTES,
  readRegistry,
  readRegistryStatus,
  serializeRegistry,
  updateRegistry,
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

  it('removes the temporary files of writers provably dead, and no one else’s', async () => {
    const dead = deadPid(); // a process that has exited, in this PID namespace
    const here = registryUniqueId().split('.'); // pid, PID namespace, boot id, random
    const name = (pid: number | string, namespace = here[1], boot = here[2]) =>
      `.model_registry.json.${pid}.${namespace}.${boot}.abc123.tmp`;
    const strayDead = name(dead);
    const strayLive = name(1); // init: alive
    const otherNamespace = name(dead, '4026530000');
    const otherBoot = name(dead, here[1], 'f'.repeat(32));
    const olderFormat = `.model_registry.json.${dead}.abc123.tmp`;
    const unrelated = `.other.json.${dead}.${here[1]}.${here[2]}.abc123.tmp`;
    const kept = [strayLive, otherNamespace, otherBoot, olderFormat, unrelated];
    for (const file of [strayDead, ...kept]) writeFileSync(join(folder, file), '[');
    await updateRegistry({ path }, (entries) => ({ entries: [...entries, entry('1')], result: 0 }));
    expect(readdirSync(folder).sort()).toEqual([...kept, 'model_registry.json'].sort());
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

  it('writes through a dangling link: the target is created in its own folder, the link kept', async () => {
    const { symlinkSync, lstatSync, mkdirSync } = await import('node:fs');
    mkdirSync(join(folder, 'shared'));
    symlinkSync('shared/real.json', path);
    await updateRegistry({ path }, (entries) => ({ entries: [...entries, entry('1')], result: 0 }));
    expect(lstatSync(path).isSymbolicLink()).toBe(true);
    expect((await readRegistry({ path: join(folder, 'shared', 'real.json') })).map((e) => e.version)).toEqual(
      ['1'],
    );
    expect(readdirSync(join(folder, 'shared'))).toEqual(['real.json']);
  });
});

describe('updateRegistry when its lock was taken over', () => {
  /** Blocks this thread (no timer runs), as a stopped or starved process would be. */
  const stall = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

  it('writes nothing when the registry file was replaced under it (exit 2), and leaves the newer file', async () => {
    writeFileSync(path, serializeRegistry([entry('1')]));
    const newer = serializeRegistry([entry('1'), entry('other')]);
    await expect(
      updateRegistry({ path, display: 'reg.json' }, (entries) => {
        writeFileSync(`${path}.other`, newer);
        renameSync(`${path}.other`, path); // another writer, as one that took the lock over would
        return { entries: [...entries, entry('mine')], result: 0 };
      }),
    ).rejects.toThrow(
      new InputError(
        'the registry file was replaced by another writer while this command held the lock (it took the lock over); nothing was written',
        { file: 'reg.json', hint: 'run the command again' },
      ),
    );
    expect(readFileSync(path, 'utf8')).toBe(newer);
    expect(readdirSync(folder)).toEqual(['model_registry.json']);
  });

  it('writes nothing when it was stalled past the stale period and another writer took the lock (exit 2)', async () => {
    writeFileSync(path, serializeRegistry([entry('1')]));
    const before = readFileSync(path);
    await expect(
      updateRegistry(
        { path },
        (entries) => {
          stall(300);
          renameSync(`${path}.lock`, join(folder, 'taken'));
          writeFileSync(`${path}.lock`, '{"pid":1,"hostname":"elsewhere","token":"newer"}');
          return { entries: [...entries, entry('mine')], result: 0 };
        },
        { staleMs: 200 },
      ),
    ).rejects.toThrow(/^lost the registry lock: this command was stopped or stalled for \d+(\.\d)? s/);
    expect(readFileSync(path)).toEqual(before);
    expect(readFileSync(`${path}.lock`, 'utf8')).toContain('newer'); // the other holder's lock is left alone
  });

  it('still writes when it was stalled but nobody took the lock', async () => {
    await updateRegistry(
      { path },
      (entries) => {
        stall(300);
        return { entries: [...entries, entry('1')], result: 0 };
      },
      { staleMs: 200 },
    );
    expect((await readRegistry({ path })).map((e) => e.version)).toEqual(['1']);
    expect(readdirSync(folder)).toEqual(['model_registry.json']);
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
