import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The base a relative SARIF URI is resolved against: the root of the checkout (GitHub's name). */
export const SARIF_SOURCE_ROOT = '%SRCROOT%';

export interface SarifArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

/**
 * The root of the git work tree holding `folder`: the nearest folder, `folder` itself or above, with a
 * `.git` entry (a folder in a clone, a file in a linked worktree or a submodule); undefined outside
 * any. Found by looking at the file system, without running git. `known` caches the answer per folder.
 */
export function gitWorkTreeRoot(
  folder: string,
  known: Map<string, string | undefined> = new Map(),
): string | undefined {
  const visited: string[] = [];
  let current = resolve(folder);
  let root: string | undefined;
  for (;;) {
    if (known.has(current)) {
      root = known.get(current);
      break;
    }
    visited.push(current);
    if (existsSync(join(current, '.git'))) {
      root = current;
      break;
    }
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const each of visited) known.set(each, root);
  return root;
}

/**
 * A relative path (separators of this platform) as a relative URI reference: each segment
 * percent-encoded (`a #b%20c?d.json` → `a%20%23b%2520c%3Fd.json`), joined with `/`. Only unreserved
 * characters and `!*'()` stay as they are, so no `#`, `?`, `%` or `:` of a file name changes what the
 * URI designates. A lone UTF-16 surrogate, which has no UTF-8 form, becomes U+FFFD.
 */
export function relativePathToUri(relativePath: string): string {
  return relativePath
    .split(sep)
    .map((segment) => encodeURIComponent(segment.replace(/\p{Cs}/gu, '\uFFFD')))
    .join('/');
}

/**
 * The file's path from its source root, with this platform's separators: the source root is the git
 * work tree holding the file, or, for a file in no git work tree, the working directory. Undefined
 * for a file outside both (and for the root itself).
 */
function pathFromSourceRoot(
  absolute: string,
  cwd: string,
  known: Map<string, string | undefined>,
): string | undefined {
  const root = gitWorkTreeRoot(dirname(absolute), known) ?? resolve(cwd);
  const relativePath = relative(root, absolute);
  if (
    relativePath === '' ||
    relativePath === '..' ||
    relativePath.startsWith(`..${sep}`) ||
    isAbsolute(relativePath)
  )
    return undefined;
  return relativePath;
}

/**
 * Where SARIF says a file is. Relative to the source root, with `uriBaseId` `%SRCROOT%`, so that the
 * log maps onto any checkout of the repository: the source root is the git work tree holding the
 * file, or, for a file in no git work tree, the working directory. A file outside both gets its
 * absolute `file:` URI and no base.
 */
export function sarifArtifactLocation(
  file: string,
  cwd: string,
  known: Map<string, string | undefined> = new Map(),
): SarifArtifactLocation {
  const absolute = resolve(cwd, file);
  const relativePath = pathFromSourceRoot(absolute, cwd, known);
  if (relativePath === undefined) return { uri: pathToFileURL(absolute).href };
  return { uri: relativePathToUri(relativePath), uriBaseId: SARIF_SOURCE_ROOT };
}

/**
 * The file's path in the repository, as GitLab's Code Quality report wants it: from the same source
 * root as SARIF's (the git work tree holding the file, else the working directory), segments joined
 * with `/`, no leading `./`, not encoded (`ci/pipelines/a #b.json`). A file outside both gets its
 * absolute path, with `/` (GitLab shows it, but links it to no file of the repository).
 */
export function repositoryPath(
  file: string,
  cwd: string,
  known: Map<string, string | undefined> = new Map(),
): string {
  const absolute = resolve(cwd, file);
  return (pathFromSourceRoot(absolute, cwd, known) ?? absolute).split(sep).join('/');
}
