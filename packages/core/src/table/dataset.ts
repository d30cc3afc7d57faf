import { statSync } from 'node:fs';
import { InputError } from '../errors.js';
import { type FoundFile, filesInFolder, filesMatchingPattern, isGlobPattern } from '../io/find-files.js';
import { FORMAT_EXTENSIONS, type InputFormat, inputFormatForName } from './format.js';

/**
 * What a reference or current path names: one file, or a dataset of part files (a folder, or
 * a glob pattern such as `day=2026-11-30/*.parquet`), read as one table.
 */

/** One file of a dataset. */
export interface DatasetPart {
  /** Where to read it. */
  readonly path: string;
  /** The file as messages name it: the path as the user typed it, or under the folder or pattern typed. */
  readonly name: string;
  /**
   * Hive-style partition folders between the dataset's folder and the file (`day=2026-11-30`), as
   * key and value, outermost first.
   */
  readonly partitions: readonly (readonly [string, string])[];
}

/** The files to read as one table, and their format. */
export interface Dataset {
  readonly format: InputFormat;
  readonly parts: readonly DatasetPart[];
  /** True when the path named a folder or a pattern rather than one file. */
  readonly isSet: boolean;
}

/**
 * A file in a dataset folder that is not data: hidden files (`.crc` checksums) and Spark's and
 * Hadoop's markers (`_SUCCESS`, `_committed_…`), in any folder on the way.
 */
function isBookkeeping(relativePath: string): boolean {
  return relativePath.split('/').some((segment) => segment.startsWith('.') || segment.startsWith('_'));
}

/** The `key=value` folders of a part's path relative to its dataset's folder. */
function partitionsOf(relativePath: string): [string, string][] {
  const folders = relativePath.split('/').slice(0, -1);
  const pairs: [string, string][] = [];
  for (const folder of folders) {
    const equals = folder.indexOf('=');
    if (equals > 0) pairs.push([folder.slice(0, equals), decodePartitionValue(folder.slice(equals + 1))]);
  }
  return pairs;
}

/** A partition value as Hive and Spark escape it in a folder name (`%3A` for `:`); as is when malformed. */
function decodePartitionValue(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The format of a folder's files: the one non-CSV format their names share. */
function formatOfFiles(files: readonly string[], name: string): InputFormat {
  const formats = new Set(files.map((file) => inputFormatForName(file)));
  formats.delete('csv');
  if (formats.size === 1) return [...formats][0]!;
  if (formats.size === 0 && files.some((file) => /\.[ct]sv(\.gz)?$/i.test(file))) return 'csv';
  throw new InputError(
    formats.size === 0
      ? 'no Parquet, Arrow or JSON Lines file in this folder'
      : `files of several formats in this folder (${[...formats].sort().join(', ')})`,
    {
      file: name,
      fieldHint: [
        'name the files with a pattern, e.g. "folder/*.parquet", or give ',
        { field: 'inputFormat' },
      ],
    },
  );
}

/**
 * The files that `path` names (resolved; `name` is how the user typed it, for messages), and their
 * format: `format` when given, else by the name's ending (see inputFormatForName), or, for a folder,
 * by its files' endings. A folder is read whole, its subfolders included (Hive partitions), hidden and
 * `_`-prefixed files left out; a pattern (`*`, `?`, `[…]`, `{a,b}`, `**`) matches files the same way.
 * Parts come in path order, so the table does not depend on the order the file system lists them.
 * A path that does not exist is one part: its reader reports it.
 *
 * @throws InputError for a pattern that matches no file, a folder without data files, or a folder or
 *   pattern of CSV files (one CSV file is read at a time).
 */
export function resolveDataset(path: string, name: string, format?: InputFormat): Dataset {
  let stats: ReturnType<typeof statSync> | undefined;
  try {
    stats = statSync(path);
  } catch {}
  if (stats !== undefined && !stats.isDirectory())
    return {
      format: format ?? inputFormatForName(name),
      parts: [{ path, name, partitions: [] }],
      isSet: false,
    };
  let found: FoundFile[];
  if (stats?.isDirectory()) {
    const all = filesInFolder(path, name).filter((file) => !isBookkeeping(file.relative));
    const chosen =
      format ??
      formatOfFiles(
        all.map((file) => file.relative),
        name,
      );
    const endings = chosen === 'csv' ? undefined : FORMAT_EXTENSIONS[chosen];
    found =
      format === undefined && endings !== undefined
        ? all.filter((file) => endings.some((e) => file.relative.toLowerCase().endsWith(e)))
        : all;
    format = chosen;
  } else if (isGlobPattern(name)) {
    found = filesMatchingPattern(path, name).filter((file) => !isBookkeeping(file.relative));
    // A CSV name is one file (CSV files are not read as sets): one holding `[` or `?` that names
    // nothing is a missing file, reported as such by its reader.
    if (found.length === 0 && (format ?? inputFormatForName(name)) === 'csv')
      return { format: 'csv', parts: [{ path, name, partitions: [] }], isSet: false };
    if (found.length === 0)
      throw new InputError('no file matches this pattern', {
        file: name,
        hint: 'quote the pattern so the shell passes it as typed, and check the folder',
      });
    format ??= formatOfFiles(
      found.map((file) => file.relative),
      name,
    );
  } else {
    return {
      format: format ?? inputFormatForName(name),
      parts: [{ path, name, partitions: [] }],
      isSet: false,
    };
  }
  if (format === 'csv')
    throw new InputError('a folder or pattern of CSV files is not read as one table', {
      file: name,
      hint: 'give one CSV file, or the parts as Parquet, Arrow or JSON Lines',
    });
  if (found.length === 0)
    throw new InputError(`no ${format} file in this folder`, { file: name, hint: 'check the path' });
  return {
    format,
    isSet: true,
    parts: found.map((file) => ({
      path: file.path,
      name: file.name,
      partitions: partitionsOf(file.relative),
    })),
  };
}

/**
 * The bytes of a file or dataset (every part of a folder or a pattern), for deciding how to read it
 * (threads, a progress line); 0 when it cannot be told, which its reader then reports. Never throws.
 */
export function datasetBytes(path: string, name: string, format?: InputFormat): number {
  try {
    return resolveDataset(path, name, format).parts.reduce((sum, part) => sum + fileBytes(part.path), 0);
  } catch {
    return 0;
  }
}

/** A file's size in bytes; 0 when it cannot be told (its reader reports why). */
export function fileBytes(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
