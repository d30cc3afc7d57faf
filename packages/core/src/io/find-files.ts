/**
 * The files a folder or a glob pattern names, for the tools that read sets of files: drift's datasets
 * of part files (table/dataset.ts) and the pipeline validator's folders and patterns
 * (pipeline/files.ts). One expansion (tinyglobby), one order, one way of naming what was found.
 */
import { join, sep } from 'node:path';
import { globSync } from 'tinyglobby';

/** Whether a path holds glob characters (`*`, `?`, `[`, `{`), so it names a set of files. */
export function isGlobPattern(path: string): boolean {
  return /[*?[{]/.test(path);
}

/** One file found in a folder or by a pattern. */
export interface FoundFile {
  /** Where to read it: the folder (or the pattern's folder part) as given, joined with `relative`. */
  readonly path: string;
  /** The file as messages name it: under the folder or the pattern's folder part as the user typed it. */
  readonly name: string;
  /** Its path from the folder searched (the pattern's folder part for a pattern), with `/`. */
  readonly relative: string;
}

export interface FindFilesOptions {
  /**
   * Patterns of paths, relative to the folder searched, that are neither entered nor returned:
   * `['**\/node_modules/**']` leaves out every node_modules folder without reading it.
   */
  readonly ignore?: readonly string[];
}

/** The folder part of a pattern before its first segment with a glob character, and the rest. */
function splitPattern(pattern: string): { base: string; rest: string } {
  const segments = pattern.split(/[\\/]/);
  const first = segments.findIndex((segment) => isGlobPattern(segment));
  return { base: segments.slice(0, first).join('/'), rest: segments.slice(first).join('/') };
}

/** Code-unit order: the same on every machine, whatever its locale. */
const codeUnitOrder = (left: string, right: string) => (left < right ? -1 : left > right ? 1 : 0);

function globFrom(base: string, baseName: string, pattern: string, options: FindFilesOptions): FoundFile[] {
  const prefix = baseName.replace(/[\\/]+$/, '');
  return globSync(pattern, {
    cwd: base,
    dot: false,
    onlyFiles: true,
    followSymbolicLinks: true,
    ...(options.ignore ? { ignore: [...options.ignore] } : {}),
  })
    .map((file) => file.split(sep).join('/'))
    .sort(codeUnitOrder)
    .map((relative) => ({
      path: join(base, relative),
      name: prefix === '' ? relative : `${prefix}/${relative}`,
      relative,
    }));
}

/**
 * Every file below `folder`, its subfolders included (symbolic links followed, each loop once), with
 * hidden files and folders (a name starting with `.`) left out, in code-unit order of their paths from
 * the folder. Cost: one walk of the folder tree (the `ignore`d folders not entered).
 *
 * @param folder where to look (resolved, or relative to the working folder).
 * @param name the folder as the user typed it: the files' names start with it.
 * @example filesInFolder('/repo/pipelines', 'pipelines').map((file) => file.name) // => ['pipelines/a.json', 'pipelines/nightly/b.yaml']
 */
export function filesInFolder(folder: string, name: string, options: FindFilesOptions = {}): FoundFile[] {
  return globFrom(folder, name, '**/*', options);
}

/**
 * The files a glob pattern matches (`*`, `?`, `[…]`, `{a,b}`, `**`), searched from the pattern's folder
 * part (the segments before the first one with a glob character; the working folder when there are
 * none), the same way as {@link filesInFolder}: hidden files and folders are matched only by a
 * segment that starts with `.` itself. Empty when nothing matches.
 *
 * @param path the pattern to search (resolved, or relative to the working folder).
 * @param name the pattern as the user typed it: the files' names start with its folder part.
 * @example filesMatchingPattern('/repo/day=*\/*.parquet', 'day=*\/*.parquet').map((file) => file.name) // => ['day=1/a.parquet', 'day=2/a.parquet']
 */
export function filesMatchingPattern(
  path: string,
  name: string,
  options: FindFilesOptions = {},
): FoundFile[] {
  const pattern = splitPattern(path);
  return globFrom(pattern.base === '' ? '.' : pattern.base, splitPattern(name).base, pattern.rest, options);
}
