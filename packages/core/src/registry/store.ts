import { type Stats, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { formatByteSize, readInputTextIfPresent } from '../io/read-input.js';
import { resolveOutputTarget, writeOutputFile } from '../io/write-output.js';
import { escapeText } from '../text/escape.js';
import {
  acquireRegistryLock,
  folderNames,
  type RegistryLock,
  type RegistryLockInfo,
  type RegistryLockOptions,
  RegistryLockStalled,
  removeLockLeftovers,
  tokenWriterIsDead,
} from './lock.js';
import { parseRegistryText } from './parse.js';
import type { RegistryEntry } from './schema.js';

/** Where the registry file is: the absolute path to open, and the path to show in messages. */
export interface RegistryLocation {
  path: string;
  /** As the user wrote it (relative paths stay relative); defaults to `path`. */
  display?: string;
  /** Where the path came from, for hints (the caller's words: a flag, `MLOPS_REGISTRY`); unset for a default. */
  source?: string;
}

/**
 * The largest registry file read: 256 MB, about 360,000 entries of typical size (a real registry
 * holds thousands). Reading, checking and printing one that size takes up to 1.7 GB of memory at the
 * peak (listing it as JSON; docs/model-registry.md, "Limits on what is read"), within Node's default heap
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
 * Checks that the registry's folder exists, so that a typo in the path (the CLI's registry flag,
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
  // A regular file only (the registry replaces the file it reads), looked at before it is opened.
  const text = readInputTextIfPresent(location.path, {
    what: 'registry',
    display,
    maxBytes: options.maxBytes ?? REGISTRY_MAX_BYTES,
    allowNonRegular: false,
  });
  if (text === undefined) return { entries: [], text: undefined };
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

/** How often a write is tried again when this process was too slow to keep its lock fresh (see below). */
const STALLED_WRITE_ATTEMPTS = 3;

/**
 * The identity of the registry file as the transaction read it: device, inode, size, mtime and ctime
 * (`missing` when there is none). Taken BEFORE the read, so any replacement after it shows at the last
 * check, whatever was read.
 */
function fileIdentity(path: string): string {
  const stats = statSync(path, { bigint: true, throwIfNoEntry: false });
  return stats ? `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}` : 'missing';
}

/** The name of the temporary file a holder of the lock writes: `.<name>.<lock token>.tmp`. */
function temporaryName(path: string, token: string): string {
  return `.${basename(path)}.${token}.tmp`;
}

/** A token safe to put in a file name (a lock file may hold anything). */
function isNameSafe(token: string): boolean {
  return /^[0-9A-Za-z.]{1,120}$/.test(token);
}

/** After this process took over a stale lock, its dead holder's temporary file goes too. */
function removeTemporaryOf(path: string, holder: RegistryLockInfo | undefined): void {
  if (holder === undefined || !isNameSafe(holder.token)) return;
  try {
    unlinkSync(join(dirname(path), temporaryName(path, holder.token)));
  } catch {
    // none, or gone already
  }
}

/**
 * Removes what killed writers left next to the registry: temporary files (`.<name>.<token>.tmp`) whose
 * writer is provably dead (same boot and PID namespace, PID gone; see tokenWriterIsDead), and the
 * lock's leftovers (see removeLockLeftovers). Called under the lock, after a successful write; a file
 * of a writer in another namespace is removed by whoever takes over that writer's lock, and any file it
 * cannot remove is left alone (harmless).
 */
export function removeStrayTemporaries(path: string, lock: RegistryLock): void {
  const names = folderNames(dirname(path));
  const prefix = `.${basename(path)}.`;
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const token = name.slice(prefix.length, -'.tmp'.length);
    if (token === lock.info.token || !tokenWriterIsDead(token)) continue;
    try {
      unlinkSync(join(dirname(path), name));
    } catch {
      // gone already, or not ours to remove
    }
  }
  removeLockLeftovers(lock, names);
}

export interface RegistryUpdateOptions extends RegistryLockOptions, RegistryReadOptions {}

/** What a change function returns: the new entries, or `null` to write nothing, and its own result. */
export interface RegistryChange<Result> {
  entries: RegistryEntry[] | null;
  result: Result;
}

/**
 * Runs one read-modify-write transaction on the registry file: takes the cross-process lock (lock.ts),
 * notes the file's identity, re-reads it under the lock, applies `change` (a pure function of the
 * entries), writes the new entries with the output rule of io/write-output.ts (a temporary file named
 * after the lock token, fsynced, renamed over the file, the folder fsynced; mode, owner and group
 * kept), and releases the lock, also on failure. A change that throws writes nothing; a file that
 * cannot be read is never written.
 *
 * Right before the rename, in the same synchronous step, it checks that the lock is still this
 * process's file, that this process refreshed it recently enough that no waiter can have judged it
 * stale, and that the registry file is still the one it read. If the lock was lost (this process was
 * stopped or stalled longer than the stale period and another writer took over), nothing is written:
 * InputError, exit 2. The one window left is between that check and the rename(2) right after it: a
 * stop of more than half the stale period exactly there can still lose a write.
 *
 * A symbolic link is followed to its final target, even one that does not exist yet: the target is
 * locked (`<target>.lock`) and written, the link stays a link.
 */
export async function updateRegistry<Result>(
  location: RegistryLocation,
  change: (entries: RegistryEntry[]) => RegistryChange<Result>,
  options: RegistryUpdateOptions = {},
): Promise<Result> {
  const display = location.display ?? location.path;
  checkRegistryFolder(location);
  const target = resolveOutputTarget(location.path, { what: 'registry', display });
  if (target.kind !== 'file') {
    throw new InputError('registry is not a regular file', {
      file: display,
      hint: 'name a regular file, not a pipe or a device',
    });
  }
  const path = target.path;
  const lock = await acquireRegistryLock(path, {
    displayPath: path === resolve(location.path) ? display : path,
    ...options,
    onReclaimed: (holder) => {
      removeTemporaryOf(path, holder);
      options.onReclaimed?.(holder);
    },
  });
  try {
    const before = fileIdentity(path);
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
    for (let attempt = 1; ; attempt++) {
      await lock.confirm();
      try {
        await writeOutputFile(path, text, {
          what: 'registry',
          display,
          nonRegular: 'refuse',
          temporaryId: lock.info.token,
          newFileMode: 0o644,
          hint: 'the registry file was not changed',
          beforeReplace: () => {
            lock.assertHeld();
            if (fileIdentity(path) !== before) {
              throw new InputError(
                'the registry file was replaced by another writer while this command held the lock (it took the lock over); nothing was written',
                { file: display, hint: 'run the command again' },
              );
            }
          },
        });
        break;
      } catch (error) {
        if (!(error instanceof RegistryLockStalled)) throw error;
        if (attempt === STALLED_WRITE_ATTEMPTS) {
          throw new InputError(
            `could not keep the registry lock: ${attempt} times, writing took so long that the lock went unrefreshed for half its stale period; nothing was written`,
            { file: display, hint: 'run the command again; if this repeats, check the disk or file server' },
          );
        }
      }
    }
    removeStrayTemporaries(path, lock);
    return result;
  } finally {
    lock.release();
  }
}
