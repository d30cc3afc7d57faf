import { lstatSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * Whether a config file's name is taken at `path`. Anything by that name counts (a file, a folder, a
 * pipe, a file that cannot be read, a symbolic link to nothing): the caller reads it and refuses it
 * like any input, so that a broken config is never skipped in silence. Only a name that does not
 * exist (or a path through a file) means "no config".
 *
 * @example configPathTaken('/repo/.mlops.json') // => true when anything is there
 */
export function configPathTaken(path: string): boolean {
  try {
    lstatSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return false;
  }
  return true;
}

/** Whether `folder` is the top of a git work tree: it holds `.git` (a folder, or a worktree's file). */
function isGitRoot(folder: string): boolean {
  try {
    lstatSync(join(folder, '.git'));
    return true;
  } catch {
    return false;
  }
}

export interface FindConfigUpOptions {
  /**
   * Answers already known, by folder (resolved): give one map to the searches of a run (one per file
   * of a large folder of pipelines) and each folder is looked at once. Only searches for the same
   * `fileName` may share a map.
   */
  readonly cache?: Map<string, string | undefined>;
}

/**
 * The config file that applies to a working folder: `fileName` in `start` or the nearest folder above
 * it that holds one (see {@link configPathTaken}), or undefined. The search stops after the top of a
 * git work tree (a folder holding `.git`), so that a file above the repository (a home folder's) never
 * applies to it, and at the file system's root outside a repository.
 *
 * O(depth of `start`) `stat` calls, none for a folder in `options.cache`; nothing is read.
 *
 * @param start the folder to start from (absolute, or relative to the process's working folder).
 * @returns the config file's absolute path, or undefined.
 * @example findConfigUp('/repo/models/fraud', '.mlops.json') // => '/repo/.mlops.json' when /repo holds it (and .git)
 */
export function findConfigUp(
  start: string,
  fileName: string,
  options: FindConfigUpOptions = {},
): string | undefined {
  const { cache } = options;
  const visited: string[] = [];
  let folder = resolve(start);
  let found: string | undefined;
  for (;;) {
    if (cache?.has(folder)) {
      found = cache.get(folder);
      break;
    }
    visited.push(folder);
    const candidate = join(folder, fileName);
    if (configPathTaken(candidate)) {
      found = candidate;
      break;
    }
    const parent = dirname(folder);
    if (parent === folder || isGitRoot(folder)) break;
    folder = parent;
  }
  if (cache) for (const each of visited) cache.set(each, found);
  return found;
}
