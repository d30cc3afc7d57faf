import {
  closeSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname as osHostname } from 'node:os';
import { InputError } from '../errors.js';

/** What a lock file holds: who holds the lock, since when, and a token unique to this holding. */
export interface RegistryLockInfo {
  pid: number;
  hostname: string;
  time: string;
  token: string;
}

export interface RegistryLockOptions {
  /** How long to wait for the lock before giving up (InputError, exit 2). Default 30 000 ms. */
  timeoutMs?: number;
  /**
   * A lock older than this is reclaimed even if its holder looks alive (a holder on another host, a
   * reused pid). Registry writes take milliseconds, so the default, 10 minutes, is generous.
   */
  staleMs?: number;
  /** Called once when the lock is busy and this process starts waiting (no output by default). */
  onWait?: (holder: RegistryLockInfo | undefined) => void;
  /** The registry's path as the user wrote it, for messages (the lock is `<it>.lock`). */
  displayPath?: string;
}

/** A held lock. `stillHeld()` checks the lock file still carries this holding's token. */
export interface RegistryLock {
  readonly path: string;
  readonly info: RegistryLockInfo;
  stillHeld(): boolean;
  release(): void;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_STALE_MS = 10 * 60_000;
/** A lock file without readable content (its creator died between creating and writing it) is stale after this. */
const UNREADABLE_STALE_MS = 10_000;

/** The lock file that guards a registry file. */
export function registryLockPath(registryPath: string): string {
  return `${registryPath}.lock`;
}

/**
 * A string no other holding or process will produce: pid, time and randomness. Not a secret, so no
 * need for node:crypto (which costs start-up time).
 */
export function registryUniqueId(): string {
  return `${process.pid}.${Date.now().toString(36)}${Math.random().toString(16).slice(2, 10)}`;
}

function uniqueSuffix(): string {
  return registryUniqueId();
}

/** Reads a lock file: its info, `undefined` when it has no valid content yet, `null` when it is gone. */
function readLockInfo(path: string): RegistryLockInfo | undefined | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new InputError(`cannot read the lock file: ${(error as Error).message}`, {
      file: path,
      hint: 'check its permissions',
      cause: error,
    });
  }
  try {
    const info = JSON.parse(text) as RegistryLockInfo;
    return typeof info.pid === 'number' && typeof info.token === 'string' ? info : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a process exists on this host (`kill(pid, 0)`: ESRCH means no such process). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

function ageMs(path: string): number | null {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

function isStale(info: RegistryLockInfo | undefined, age: number, staleMs: number): boolean {
  if (info === undefined) return age > Math.min(staleMs, UNREADABLE_STALE_MS);
  if (info.hostname === osHostname() && info.pid !== process.pid && !processAlive(info.pid)) return true;
  return age > staleMs;
}

/**
 * Removes a stale lock without ever removing a live one, even when several waiters reclaim at once: the
 * lock is first renamed to a unique name (only one waiter can win that rename); the winner checks that
 * what it moved is the lock it judged stale (same token) and deletes it; if it moved a fresh lock
 * instead (another waiter reclaimed and re-locked in between), it puts it back with `link`, which
 * fails rather than overwrite a lock created meanwhile.
 */
function reclaim(path: string, judged: RegistryLockInfo | undefined): void {
  const aside = `${path}.stale.${uniqueSuffix()}`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // someone else reclaimed it
    throw new InputError(`cannot reclaim the stale lock: ${(error as Error).message}`, {
      file: path,
      hint: 'check the folder permissions, or delete the lock file if no registry command is running',
      cause: error,
    });
  }
  const moved = readLockInfo(aside);
  const same = judged === undefined ? moved === undefined : moved?.token === judged.token;
  if (!same) {
    try {
      linkSync(aside, path);
    } catch {
      // A new lock was created meanwhile; the holding we moved will notice (stillHeld) before writing.
    }
  }
  try {
    unlinkSync(aside);
  } catch {
    // already gone
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Takes the cross-process lock of a registry file: a lock file `<registry>.lock` created with O_EXCL
 * (`open(…, 'wx')`), holding this process's pid, host name, the time and a random token. While it is
 * held by a live process, waits with jittered exponential backoff (5 ms growing to 100 ms); a lock whose
 * holder died on this host, or older than `staleMs`, is reclaimed (see {@link reclaim}).
 *
 * @throws InputError (exit 2) naming the lock file when `timeoutMs` passes, or when the lock file
 *   cannot be created (missing folder, no permission).
 */
export async function acquireRegistryLock(
  registryPath: string,
  options: RegistryLockOptions = {},
): Promise<RegistryLock> {
  const path = registryLockPath(registryPath);
  const shownPath = registryLockPath(options.displayPath ?? registryPath);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  const started = Date.now();
  let delay = 5;
  let waiting = false;
  for (;;) {
    const info: RegistryLockInfo = {
      pid: process.pid,
      hostname: osHostname(),
      time: new Date().toISOString(),
      token: registryUniqueId(),
    };
    let fd: number | undefined;
    try {
      fd = openSync(path, 'wx', 0o644);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') {
        throw new InputError(`cannot create the lock file: ${(error as Error).message}`, {
          file: shownPath,
          hint:
            code === 'ENOENT'
              ? 'the folder of the registry file does not exist'
              : 'check the folder permissions',
          cause: error,
        });
      }
    }
    if (fd !== undefined) {
      try {
        // No fsync: after a power cut no holder survives anyway, and an empty lock file is reclaimed.
        writeSync(fd, JSON.stringify(info));
      } finally {
        closeSync(fd);
      }
      return heldLock(path, info);
    }
    const holder = readLockInfo(path);
    if (holder === null) continue; // released between our open and our read: try again at once
    const age = ageMs(path);
    if (age === null) continue;
    if (isStale(holder, age, staleMs)) {
      reclaim(path, holder);
      continue;
    }
    const waited = Date.now() - started;
    if (waited >= timeoutMs) {
      const who = holder
        ? `held by pid ${holder.pid} on ${holder.hostname} since ${holder.time}`
        : 'whose lock file has no readable holder (it is reclaimed when 10 s old)';
      throw new InputError(`timed out after ${formatSeconds(waited)} waiting for the registry lock, ${who}`, {
        file: shownPath,
        hint: 'another registry command is writing; if none is running, delete the lock file. Set MLOPS_LOCK_TIMEOUT (seconds) to wait longer',
      });
    }
    if (!waiting) {
      waiting = true;
      options.onWait?.(holder);
    }
    await sleep(Math.min(delay * (0.5 + Math.random() * 0.5), timeoutMs - waited));
    delay = Math.min(delay * 1.5, 100);
  }
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

function heldLock(path: string, info: RegistryLockInfo): RegistryLock {
  let released = false;
  return {
    path,
    info,
    stillHeld: () => !released && readLockInfo(path)?.token === info.token,
    release() {
      if (released) return;
      released = true;
      // Only remove the lock if it is still ours (it may have been reclaimed as stale).
      if (readLockInfo(path)?.token === info.token) {
        try {
          unlinkSync(path);
        } catch {
          // already gone
        }
      }
    },
  };
}
