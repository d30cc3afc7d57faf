import {
  closeSync,
  fchmodSync,
  fsyncSync,
  openSync,
  readdirSync,
  realpathSync,
  renameSync,
  type Stats,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors.js';
import { formatByteSize, readInputText } from '../io/read-input.js';
import { escapeText } from '../text/escape.js';
import { acquireRegistryLock, processAlive, type RegistryLockOptions, registryUniqueId } from './lock.js';
import { parseRegistryText } from './parse.js';
import type { RegistryEntry } from './schema.js';

/** Where the registry file is: the absolute path to open, and the path to show in messages. */
export interface RegistryLocation {
  path: string;
  /** As the user wrote it (relative paths stay relative); defaults to `path`. */
  display?: string;
  /** Where the path came from, for hints (`--registry`, `MLOPS_REGISTRY`); unset for a default. */
  source?: string;
}

/**
 * The largest registry file read: 256 MB, about 360,000 entries of typical size (a real registry
 * holds thousands). Reading, checking and printing one that size takes up to 1.7 GB of memory at the
 * peak (`list --json`; docs/model-registry.md, "Limits on what is read"), within Node's default heap
 * on a machine with 4 GB or more.
 */
export const REGISTRY_MAX_BYTES = 256 * 1024 * 1024;

export interface RegistryReadOptions {
  /** The largest file read (and written); default REGISTRY_MAX_BYTES. Smaller in tests. */
  maxBytes?: number;
}

/** What a read found: the entries, and whether there was a file (a missing one reads as empty). */
export interface RegistryReadResult {
  entries: RegistryEntry[];
  found: boolean;
}

/**
 * Reads and checks the registry file. A missing file in an existing folder is an empty registry. No
 * lock is needed: writers replace the file with an atomic rename, so a reader sees the old file or
 * the new one, whole.
 *
 * @throws InputError (exit 2) when the folder does not exist, or the file cannot be read, is not a
 *   regular file, is larger than REGISTRY_MAX_BYTES, or is not a valid registry (see parseRegistryText).
 */
export async function readRegistry(
  location: RegistryLocation,
  options: RegistryReadOptions = {},
): Promise<RegistryEntry[]> {
  return (await readRegistryFile(location, options)).entries;
}

/** As {@link readRegistry}, and says whether the file exists (read-only commands mention it when not). */
export async function readRegistryStatus(
  location: RegistryLocation,
  options: RegistryReadOptions = {},
): Promise<RegistryReadResult> {
  const { entries, text } = await readRegistryFile(location, options);
  return { entries, found: text !== undefined };
}

/**
 * Checks that the registry's folder exists, so that a typo in the path (`--registry`,
 * `MLOPS_REGISTRY`) is an error instead of an empty registry.
 *
 * @throws InputError (exit 2) naming the path and the folder.
 */
export function checkRegistryFolder(location: RegistryLocation): void {
  const display = location.display ?? location.path;
  const shown = escapeText(dirname(display));
  const hint = `check ${location.source ?? 'the path'}, or create the folder`;
  let folder: Stats;
  try {
    folder = statSync(dirname(location.path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new InputError(`the registry's folder ${shown} does not exist`, {
        file: display,
        hint,
        cause: error,
      });
    }
    if (code === 'ENOTDIR') {
      throw new InputError(`the registry's folder ${shown} does not exist: a part of its path is a file`, {
        file: display,
        hint,
        cause: error,
      });
    }
    return; // cannot look (permissions): the read itself will say what is wrong
  }
  if (!folder.isDirectory()) {
    throw new InputError(`the registry's folder ${shown} is a file, not a folder`, { file: display, hint });
  }
}

/** The entries and the text they were read from (`undefined` for a missing file). */
async function readRegistryFile(
  location: RegistryLocation,
  options: RegistryReadOptions,
): Promise<{ entries: RegistryEntry[]; text: string | undefined }> {
  const display = location.display ?? location.path;
  checkRegistryFolder(location);
  // Looked at before opening: opening a FIFO blocks until something writes into it.
  let kind: Stats | undefined;
  try {
    kind = statSync(location.path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], text: undefined };
    // Anything else: the read below reports it.
  }
  if (kind !== undefined && !kind.isFile() && !kind.isDirectory()) {
    throw new InputError('registry is not a regular file', {
      file: display,
      hint: 'name a regular file, not a pipe or a device',
    });
  }
  let text: string;
  try {
    text = readInputText(location.path, {
      what: 'registry',
      display,
      maxBytes: options.maxBytes ?? REGISTRY_MAX_BYTES,
      allowNonRegular: false,
    });
  } catch (error) {
    const code = ((error as Error).cause as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ENOENT') return { entries: [], text: undefined };
    throw error;
  }
  return { entries: await parseRegistryText(text, display), text };
}

/** The registry as this tool writes it: a JSON array, 2-space indent (as the legacy tool), a final newline. */
export function serializeRegistry(entries: readonly RegistryEntry[]): string {
  return `${JSON.stringify(entries, null, 2)}\n`;
}

/**
 * The text of a registry with entries appended, written by appending to the text it was read from
 * rather than serialising every entry again: the existing entries keep their exact bytes (a legacy
 * file keeps Python's number formatting, a diff shows only the new entry), and `register` on a large
 * registry saves most of its serialising time. The result is valid JSON whenever `text` is a valid JSON
 * array of objects (as the caller has checked): the last `]` is replaced by the new entries and a `]`.
 *
 * @returns undefined when the text does not end with `]` or starts with a byte-order mark (then
 *   serialise the whole registry instead).
 * @example appendToRegistryText('[]', [entry]) === serializeRegistry([entry]) // => true
 */
export function appendToRegistryText(text: string, appended: readonly RegistryEntry[]): string | undefined {
  if (text.charCodeAt(0) === 0xfeff) return undefined;
  const trimmed = text.trimEnd();
  if (!trimmed.endsWith(']')) return undefined;
  const body = trimmed.slice(0, -1).trimEnd();
  // JSON strings hold no raw newline, so every newline of an entry's JSON is indentation to deepen.
  const items = appended
    .map((entry) => `  ${JSON.stringify(entry, null, 2).replace(/\n/g, '\n  ')}`)
    .join(',\n');
  return `${body}${body.endsWith('[') ? '' : ','}\n${items}\n]\n`;
}

/** Whether `after` is `before` with entries appended, every earlier entry the very same object. */
function isAppendOnly(before: readonly RegistryEntry[], after: readonly RegistryEntry[]): boolean {
  if (after.length <= before.length) return false;
  for (let index = 0; index < before.length; index++) if (before[index] !== after[index]) return false;
  return true;
}

/**
 * Replaces a file atomically and durably: writes a temporary file with a unique name in the same
 * folder, fsyncs it, renames it over the target, then fsyncs the folder so the rename itself survives a
 * power cut. A crash at any point leaves the old file or the new one, whole (at worst, plus a stray
 * temporary file named `.<name>.<pid>.<random>.tmp`). The new file keeps the old file's permissions.
 */
export function writeFileAtomic(path: string, text: string): void {
  const folder = dirname(path);
  const temporary = join(folder, `.${basename(path)}.${registryUniqueId()}.tmp`);
  let mode = 0o644;
  let existed = false;
  try {
    mode = statSync(path).mode & 0o7777;
    existed = true;
  } catch {
    // a new file: 0o644 less the umask
  }
  const fd = openSync(temporary, 'wx', mode);
  try {
    try {
      const buffer = Buffer.from(text, 'utf8');
      let written = 0;
      while (written < buffer.length) written += writeSync(fd, buffer, written, buffer.length - written);
      if (existed) fchmodSync(fd, mode); // exactly the old file's permissions, whatever the umask
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // never created or already renamed
    }
    throw error;
  }
  syncFolder(folder);
}

/**
 * Removes the temporary files that writers killed mid-write left next to the registry
 * (`.<name>.<pid>.<id>.tmp` whose process no longer exists on this host). Called under the lock, after
 * a successful write; a file it cannot remove is left alone.
 */
export function removeStrayTemporaries(path: string): void {
  const folder = dirname(path);
  const prefix = `.${basename(path)}.`;
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const pid = Number(name.slice(prefix.length).split('.')[0]);
    if (!Number.isInteger(pid) || pid <= 0 || processAlive(pid)) continue;
    try {
      unlinkSync(join(folder, name));
    } catch {
      // gone already, or not ours to remove
    }
  }
}

function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // Some systems cannot fsync a folder; the rename is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The file a path names, following symbolic links; the path itself when it does not exist yet. */
function resolveLink(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

export interface RegistryUpdateOptions extends RegistryLockOptions, RegistryReadOptions {}

/** What a change function returns: the new entries, or `null` to write nothing, and its own result. */
export interface RegistryChange<Result> {
  entries: RegistryEntry[] | null;
  result: Result;
}

/**
 * Runs one read-modify-write transaction on the registry file: takes the cross-process lock, re-reads
 * the file under it, applies `change` (a pure function of the entries), writes the new entries
 * atomically, and releases the lock, also on failure. A change that throws writes nothing; a file that
 * cannot be read is never written.
 *
 * If the lock turns out to have been taken over before the write (it was judged stale: older than
 * `staleMs`), nothing is written and the transaction starts again.
 */
export async function updateRegistry<Result>(
  location: RegistryLocation,
  change: (entries: RegistryEntry[]) => RegistryChange<Result>,
  options: RegistryUpdateOptions = {},
): Promise<Result> {
  const display = location.display ?? location.path;
  checkRegistryFolder(location);
  // Through a symbolic link to the file it names: the link stays a link, and every path to one file
  // shares one lock.
  const path = resolveLink(location.path);
  for (;;) {
    const lock = await acquireRegistryLock(path, {
      displayPath: path === location.path ? display : path,
      ...options,
    });
    try {
      const current = await readRegistryFile({ path, display }, options);
      const { entries, result } = change(current.entries);
      if (entries === null) return result;
      const text =
        (current.text !== undefined &&
          isAppendOnly(current.entries, entries) &&
          appendToRegistryText(current.text, entries.slice(current.entries.length))) ||
        serializeRegistry(entries);
      // Never write a file that the next read would refuse.
      const maxBytes = options.maxBytes ?? REGISTRY_MAX_BYTES;
      if (Buffer.byteLength(text) > maxBytes) {
        throw new InputError(`the registry would grow past the ${formatByteSize(maxBytes)} this tool reads`, {
          file: display,
          hint: 'the registry file was not changed; archive old entries into another file',
        });
      }
      if (!lock.stillHeld()) continue;
      try {
        writeFileAtomic(path, text);
      } catch (error) {
        throw new InputError(`cannot write the registry: ${(error as Error).message}`, {
          file: display,
          hint: 'the registry file was not changed',
          cause: error,
        });
      }
      removeStrayTemporaries(path);
      return result;
    } finally {
      lock.release();
    }
  }
}
