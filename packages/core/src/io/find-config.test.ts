import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configPathTaken, findConfigUp } from './find-config.js';

const root = realpathSync(mkdtempSync(join(tmpdir(), 'find-config-')));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A folder tree under the temporary root: paths ending in `/` are folders, others files. */
function tree(name: string, paths: readonly string[]): string {
  const base = join(root, name);
  for (const path of paths) {
    if (path.endsWith('/')) mkdirSync(join(base, path), { recursive: true });
    else {
      mkdirSync(join(base, path, '..'), { recursive: true });
      writeFileSync(join(base, path), '{}');
    }
  }
  return base;
}

describe('findConfigUp', () => {
  it('finds the file in the folder itself, else in the nearest folder above', () => {
    const base = tree('nearest', ['repo/.git/', 'repo/.mlops.json', 'repo/a/.mlops.json', 'repo/a/b/c/']);
    expect(findConfigUp(join(base, 'repo/a/b/c'), '.mlops.json')).toBe(join(base, 'repo/a/.mlops.json'));
    expect(findConfigUp(join(base, 'repo/a'), '.mlops.json')).toBe(join(base, 'repo/a/.mlops.json'));
    expect(findConfigUp(join(base, 'repo'), '.mlops.json')).toBe(join(base, 'repo/.mlops.json'));
  });

  it('stops after the top of a git work tree (.git a folder or a file), never reading above it', () => {
    const base = tree('git', ['.mlops.json', 'repo/.git/', 'repo/src/', 'worktree/.git', 'worktree/src/']);
    expect(findConfigUp(join(base, 'repo/src'), '.mlops.json')).toBeUndefined();
    expect(findConfigUp(join(base, 'worktree/src'), '.mlops.json')).toBeUndefined();
    // Outside a repository, the search goes up to the file system's root.
    expect(findConfigUp(join(base, 'repo/../plain'), '.mlops.json')).toBe(join(base, '.mlops.json'));
  });

  it('counts anything by that name (a folder, a dangling link), so a broken config is not skipped', () => {
    const base = tree('kinds', ['.git/', '.mlops.json', 'dir/.mlops.json/', 'link/']);
    symlinkSync(join(base, 'nowhere'), join(base, 'link/.mlops.json'));
    expect(findConfigUp(join(base, 'dir'), '.mlops.json')).toBe(join(base, 'dir/.mlops.json'));
    expect(findConfigUp(join(base, 'link'), '.mlops.json')).toBe(join(base, 'link/.mlops.json'));
  });

  it('starts from a folder that does not exist as from its nearest existing ancestor', () => {
    const base = tree('relative', ['.git/', '.mlops.json']);
    expect(findConfigUp(join(base, 'missing/deeper'), '.mlops.json')).toBe(join(base, '.mlops.json'));
  });
});

describe('findConfigUp with a cache', () => {
  it('answers from the cache for every folder it has walked through', () => {
    const base = tree('cache', ['.git/', '.mlops.json', 'a/b/c/']);
    const cache = new Map<string, string | undefined>();
    expect(findConfigUp(join(base, 'a/b/c'), '.mlops.json', { cache })).toBe(join(base, '.mlops.json'));
    expect(cache.get(join(base, 'a/b'))).toBe(join(base, '.mlops.json'));
    rmSync(join(base, '.mlops.json'));
    // Known folders are not looked at again (the file is gone, the cache still names it)…
    expect(findConfigUp(join(base, 'a/b'), '.mlops.json', { cache })).toBe(join(base, '.mlops.json'));
    // …and without the cache the search sees the file system as it is.
    expect(findConfigUp(join(base, 'a/b'), '.mlops.json')).toBeUndefined();
    const none = new Map<string, string | undefined>();
    expect(findConfigUp(join(base, 'a'), '.mlops.json', { cache: none })).toBeUndefined();
    expect([...none.keys()]).toEqual([join(base, 'a'), base]);
  });
});

describe('configPathTaken', () => {
  it('is false only for a name that does not exist or a path through a file', () => {
    const base = tree('taken', ['file', 'dir/']);
    expect(configPathTaken(join(base, 'file'))).toBe(true);
    expect(configPathTaken(join(base, 'dir'))).toBe(true);
    expect(configPathTaken(join(base, 'none'))).toBe(false);
    expect(configPathTaken(join(base, 'file/child'))).toBe(false);
    symlinkSync(join(base, 'none'), join(base, 'dangling'));
    expect(configPathTaken(join(base, 'dangling'))).toBe(true);
  });
});
