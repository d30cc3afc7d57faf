import {
  closeSync,
  fchmodSync,
  fsyncSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors.js';
import { acquireRegistryLock, type RegistryLockOptions, registryUniqueId } from './lock.js';
import { parseRegistryText } from './parse.js';
import type { RegistryEntry } from './schema.js';

/** Where the registry file is: the absolute path to open, and the path to show in messages. */
export interface RegistryLocation {
  path: string;
  /** As the user wrote it (relative paths stay relative); defaults to `path`. */
  display?: string;
}

/**
 * Reads and checks the registry file. A missing file is an empty registry. No lock is needed: writers
 * replace the file with an atomic rename, so a reader sees the old file or the new one, whole.
 *
 * @throws InputError (exit 2) when the file cannot be read, is not JSON or does not match the schema.
 */
export async function readRegistry(location: RegistryLocation): Promise<RegistryEntry[]> {
  const display = location.display ?? location.path;
  let text: string;
  try {
    text = readFileSync(location.path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return [];
    throw new InputError(`cannot read the registry: ${(error as Error).message}`, {
      file: display,
      hint: code === 'EISDIR' ? '--registry must name a file, not a folder' : undefined,
      cause: error,
    });
  }
  return parseRegistryText(text, display);
}

/** The registry as this tool writes it: a JSON array, 2-space indent (as the legacy tool), a final newline. */
export function serializeRegistry(entries: readonly RegistryEntry[]): string {
  return `${JSON.stringify(entries, null, 2)}\n`;
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

export interface RegistryUpdateOptions extends RegistryLockOptions {}

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
  // Through a symbolic link to the file it names: the link stays a link, and every path to one file
  // shares one lock.
  const path = resolveLink(location.path);
  for (;;) {
    const lock = await acquireRegistryLock(path, {
      displayPath: path === location.path ? display : path,
      ...options,
    });
    try {
      const { entries, result } = change(await readRegistry({ path, display }));
      if (entries === null) return result;
      const text = serializeRegistry(entries);
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
      return result;
    } finally {
      lock.release();
    }
  }
}
