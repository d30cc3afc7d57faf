import { mkdtempSync, readdirSync, readSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { CsvSpillSpace } from './spill-space.js';

const root = mkdtempSync(join(tmpdir(), 'mlops-spill-space-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A promise and the function that settles it. */
function deferred() {
  let settle: () => void = () => {};
  const promise = new Promise<void>((resolve) => {
    settle = resolve;
  });
  return { promise, settle };
}

describe('CsvSpillSpace: spill files that never outlive the check', () => {
  it('makes one file per name in a private folder, unlinked at once: nothing is left in the folder', () => {
    const space = new CsvSpillSpace(root);
    const columns = new Set(['a']);
    const [reference, current] = space.open(columns, ['reference', 'current']);
    expect(readdirSync(root)).toEqual([]);
    expect(reference!.folder).toBe(current!.folder);
    expect(reference!.folder.startsWith(join(root, 'mlops-spill-'))).toBe(true);
    expect(reference!.columns).toBe(columns);
    // Each descriptor is a file of its own, readable and writable.
    writeSync(reference!.fd, Buffer.from('reference'), 0, 9, 0);
    writeSync(current!.fd, Buffer.from('current'), 0, 7, 0);
    const back = Buffer.alloc(9);
    readSync(reference!.fd, back, 0, 9, 0);
    expect(back.toString()).toBe('reference');
    expect(space.openFiles).toBe(2);
    space.close();
    expect(space.openFiles).toBe(0);
  });

  it('closes a file only once every read using it has settled', async () => {
    const space = new CsvSpillSpace(root);
    const [file] = space.open(new Set(['a']), ['file']);
    const writing = deferred();
    const failing = deferred();
    space.use(file!.fd, writing.promise);
    space.use(
      file!.fd,
      failing.promise.then(() => Promise.reject(new Error('the read failed'))),
    );
    space.close();
    expect(space.openFiles).toBe(1);
    writing.settle();
    await writing.promise;
    await new Promise((resolve) => setImmediate(resolve));
    expect(space.openFiles).toBe(1);
    failing.settle();
    await new Promise((resolve) => setImmediate(resolve));
    expect(space.openFiles).toBe(0);
  });

  it.each([
    [
      'a temporary folder that does not exist',
      join(root, 'missing'),
      'cannot make a file there to spill columns to (ENOENT: no such file or directory)',
    ],
    [
      'a temporary folder that is a file',
      join(root, 'a-file'),
      'cannot make a file there to spill columns to (ENOTDIR: not a directory)',
    ],
  ])('%s: an InputError naming it and what to do', (_, where, message) => {
    writeFileSync(join(root, 'a-file'), '');
    const space = new CsvSpillSpace(where);
    let thrown: unknown;
    try {
      space.open(new Set(['a']), ['file']);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InputError);
    expect((thrown as InputError).toLine((field) => `--${field}`)).toBe(
      `${where}: ${message} (point TMPDIR at a writable folder with free space; or raise --maxMemory, so that every column fits in one pass)`,
    );
    rmSync(join(root, 'a-file'));
  });
});
