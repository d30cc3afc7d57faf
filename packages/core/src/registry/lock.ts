import {
  closeSync,
  constants,
  fdatasyncSync,
  fstatSync,
  linkSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  readSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname as osHostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors.js';
import { escapeText } from '../text/escape.js';

/**
 * The cross-process lock of a registry file, safe whatever the PID namespaces, hosts and clocks of the
 * processes that share the file.
 *
 * The lock is the file `<registry>.lock`, created with O_EXCL. Its holder proves it is alive by itself:
 * every second it rewrites a counter in the file and flushes it (which also changes the file's mtime
 * and ctime, set by the kernel or the file server, not by the holder's clock). A waiter watches the lock as an opaque
 * token (device, inode, size, mtime, ctime and content) and takes it only when it has seen no change for
 * `staleMs` (5 s) on its OWN monotonic clock: no waiter ever compares a time written by another machine,
 * container or faked clock with its own.
 *
 * A PID says more only when it is provably in the waiter's PID namespace: the lock records the holder's
 * host name, boot id (/proc/sys/kernel/random/boot_id) and PID namespace (/proc/self/ns/pid); when all
 * three equal the waiter's and that PID no longer exists, the holder is dead and the lock is taken at
 * once. Elsewhere (another container, another host, no /proc) only the refresh rule applies.
 *
 * Taking a stale lock is safe when many waiters do it at once: each first creates, with O_EXCL, a claim
 * named after the very lock instance it judged stale (`<lock>.reclaim.<dev>-<ino>-<ctime>`), so only one
 * waiter acts on it; the winner checks the lock is still that instance, renames it aside, checks again,
 * and deletes it (a lock that changed in between is put back). A live lock is never moved unless its
 * holder stopped refreshing for `staleMs`.
 *
 * A holder that was itself stopped or stalled (SIGSTOP, a frozen VM) for more than half of `staleMs`
 * may have lost the lock: before it replaces the registry it checks its own refresh record and that the
 * lock is still its file (see {@link RegistryLock.confirm} and {@link RegistryLock.assertHeld}).
 */

/** What a lock file holds. `boot_id`, `pid_namespace` and `beat` are absent in locks of older versions. */
export interface RegistryLockInfo {
  pid: number;
  hostname: string;
  /** When the holding started, by the holder's clock: shown in messages, never compared. */
  time: string;
  /** Unique to this holding; also names the holder's temporary file (`.<name>.<token>.tmp`). */
  token: string;
  boot_id?: string;
  pid_namespace?: string;
  /** A counter the holder rewrites every refresh. */
  beat?: string;
}

export interface RegistryLockOptions {
  /** How long to wait for the lock before giving up (InputError, exit 2). Default 30 000 ms. */
  timeoutMs?: number;
  /**
   * A lock that this waiter has seen unchanged for this long, by its own monotonic clock, is taken over.
   * The holder refreshes it every `staleMs / 5` (1 s by default). Default 5 000 ms.
   */
  staleMs?: number;
  /** Called once when the lock is busy and this process starts waiting (no output by default). */
  onWait?: (holder: RegistryLockInfo | undefined) => void;
  /** The registry's path as the user wrote it, for messages (the lock is `<it>.lock`). */
  displayPath?: string;
  /**
   * Called after this process removed a stale lock, with what it held: its holder is dead by the rules
   * above, so its temporary file may go.
   */
  onReclaimed?: (holder: RegistryLockInfo | undefined) => void;
}

/** A held lock. */
export interface RegistryLock {
  readonly path: string;
  readonly info: RegistryLockInfo;
  /** Whether the lock file is still this holding's file (same device and inode). */
  stillHeld(): boolean;
  /**
   * Makes sure the lock is still held, before a write. When this process went without refreshing for
   * more than half of `staleMs` (it was stopped or starved), it refreshes, waits for any waiter that
   * judged it stale in the meantime to act, and checks again.
   *
   * @throws InputError (exit 2) when the lock was taken over or removed: nothing may be written.
   */
  confirm(): Promise<void>;
  /**
   * The last check before the registry is replaced, synchronous so that nothing runs between it and
   * the rename: the lock file is still this holding's, and this process has refreshed it within half
   * of `staleMs` (so no waiter can have judged it stale).
   *
   * @throws RegistryLockStalled when a refresh is overdue (call confirm, then try again); InputError
   *   when the lock is lost.
   */
  assertHeld(): void;
  release(): void;
}

/** assertHeld found this process overdue for a refresh: confirm() and try again. */
export class RegistryLockStalled extends Error {}

/** How long a writer waits for the lock by default; the default of the model-registry CLI's lock timeout flag too. */
export const DEFAULT_LOCK_TIMEOUT_MS = 30_000;
const DEFAULT_STALE_MS = 5_000;
/** The most of a lock file read: enough for any lock this tool writes, whatever is put there instead. */
const MAX_LOCK_BYTES = 4096;
/** How long a holder that was stalled waits, after refreshing, for a waiter that was mid-reclaim. */
const SETTLE_MS = 250;
/** Linux's largest PID (pid_max can be set up to 2^22). */
const MAX_PID = 4_194_304;

/** The lock file that guards a registry file. */
export function registryLockPath(registryPath: string): string {
  return `${registryPath}.lock`;
}

/** Where this process runs: the facts that let another process prove it shares this PID namespace. */
interface ProcessSpace {
  hostname: string;
  /** The kernel's boot id, undefined without /proc. */
  bootId: string | undefined;
  /** `pid:[4026531836]`, undefined without /proc. */
  pidNamespace: string | undefined;
}

let space: ProcessSpace | undefined;

function processSpace(): ProcessSpace {
  if (space) return space;
  let bootId: string | undefined;
  let pidNamespace: string | undefined;
  try {
    const text = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    if (/^[0-9a-f-]{32,36}$/.test(text)) bootId = text;
  } catch {
    // no /proc (macOS, Windows, a container without it)
  }
  try {
    const link = readlinkSync('/proc/self/ns/pid');
    if (/^pid:\[\d+\]$/.test(link)) pidNamespace = link;
  } catch {
    // likewise
  }
  space = { hostname: osHostname(), bootId, pidNamespace };
  return space;
}

/** Whether a holder provably runs in this process's PID namespace, on this boot of this host. */
function sameProcessSpace(info: RegistryLockInfo): boolean {
  const here = processSpace();
  return (
    here.bootId !== undefined &&
    here.pidNamespace !== undefined &&
    info.boot_id === here.bootId &&
    info.pid_namespace === here.pidNamespace &&
    info.hostname === here.hostname
  );
}

/** Tokens of the locks this process holds now (two transactions of one process wait for each other). */
const heldTokens = new Set<string>();

/**
 * A token no other holding will produce: `<pid>.<pid namespace inode>.<boot id>.<random>`, so that a
 * temporary file named after it tells who wrote it (see {@link tokenWriterIsDead}). `0` stands for an
 * unknown namespace or boot. Not a secret, so no need for node:crypto (which costs start-up time).
 */
export function registryUniqueId(): string {
  const here = processSpace();
  const namespace = here.pidNamespace?.replace(/\D/g, '') || '0';
  const boot = here.bootId?.replace(/-/g, '') || '0';
  const random = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
  return `${process.pid}.${namespace}.${boot}.${random}`;
}

/** Whether a process exists in this PID namespace (`kill(pid, 0)`: ESRCH means no such process). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

function validPid(pid: unknown): pid is number {
  return typeof pid === 'number' && Number.isSafeInteger(pid) && pid > 0 && pid <= MAX_PID;
}

/**
 * Whether the writer of a token (as registryUniqueId makes them, e.g. in a temporary file's name) is
 * provably dead: same boot and PID namespace as this process, and its PID no longer exists. False when
 * that cannot be proved (another namespace or host, an older name format).
 */
export function tokenWriterIsDead(token: string): boolean {
  const match = /^(\d+)\.(\d+)\.([0-9a-f]{32})\.[0-9a-z]+$/.exec(token);
  if (!match) return false;
  const here = processSpace();
  if (here.bootId === undefined || here.pidNamespace === undefined) return false;
  if (match[2] !== here.pidNamespace.replace(/\D/g, '') || match[3] !== here.bootId.replace(/-/g, ''))
    return false;
  const pid = Number(match[1]);
  if (!validPid(pid)) return false;
  return pid === process.pid ? !heldTokens.has(token) : !processAlive(pid);
}

/** Whether a holder is provably dead: in this PID namespace, and its PID gone (or it is this process, not holding it). */
function holderIsDead(info: RegistryLockInfo | undefined): boolean {
  if (info === undefined || !validPid(info.pid) || !sameProcessSpace(info)) return false;
  return info.pid === process.pid ? !heldTokens.has(info.token) : !processAlive(info.pid);
}

function parseLockInfo(text: string): RegistryLockInfo | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const value = data as Record<string, unknown>;
  if (!validPid(value.pid) || typeof value.token !== 'string') return undefined;
  const field = (key: string) => (typeof value[key] === 'string' ? (value[key] as string) : undefined);
  return {
    pid: value.pid,
    token: value.token,
    hostname: field('hostname') ?? '',
    time: field('time') ?? '',
    boot_id: field('boot_id'),
    pid_namespace: field('pid_namespace'),
    beat: field('beat'),
  };
}

/** One look at a lock file: an opaque token of its state, and what it says. */
interface LockSighting {
  /** Device, inode, size, mtime, ctime and content together: any change of the lock changes it. */
  state: string;
  dev: bigint;
  ino: bigint;
  size: bigint;
  mtimeNs: bigint;
  ctimeNs: bigint;
  text: string;
  info: RegistryLockInfo | undefined;
}

/**
 * Looks at a lock file: `null` when there is none. It is opened (on NFS, an open revalidates the
 * cached attributes: close-to-open consistency), never following it into a FIFO's wait
 * (O_NONBLOCK), and at most 4 KiB are read.
 *
 * @throws InputError when it cannot be read or is not a regular file.
 */
function sightLock(path: string, shownPath: string): LockSighting | null {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    throw new InputError(
      code === 'ELOOP'
        ? 'the lock file is a symbolic link'
        : `cannot read the lock file: ${(error as Error).message}`,
      {
        file: shownPath,
        hint:
          code === 'ELOOP'
            ? 'delete it if no registry command is running'
            : 'check its permissions, or delete it if no registry command is running',
        cause: error,
      },
    );
  }
  try {
    const stats = fstatSync(fd, { bigint: true });
    if (!stats.isFile()) {
      throw new InputError('the lock file is not a regular file', {
        file: shownPath,
        hint: 'delete it if no registry command is running',
      });
    }
    const buffer = Buffer.alloc(MAX_LOCK_BYTES);
    const length = readSync(fd, buffer, 0, MAX_LOCK_BYTES, 0);
    const text = buffer.toString('utf8', 0, length);
    return {
      state: `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}:${text}`,
      dev: stats.dev,
      ino: stats.ino,
      size: stats.size,
      mtimeNs: stats.mtimeNs,
      ctimeNs: stats.ctimeNs,
      text,
      info: parseLockInfo(text),
    };
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`cannot read the lock file: ${(error as Error).message}`, {
      file: shownPath,
      hint: 'check its permissions',
      cause: error,
    });
  } finally {
    closeSync(fd);
  }
}

/** How long a waiter has watched one state of a file, by its own monotonic clock. */
interface Watch {
  state: string;
  since: number;
}

/** Updates a watch with a new sighting; returns for how long (ms) the state has not changed. */
function unchangedFor(watches: Map<string, Watch>, key: string, state: string, now: number): number {
  const watch = watches.get(key);
  if (watch === undefined || watch.state !== state) {
    watches.set(key, { state, since: now });
    return 0;
  }
  return now - watch.since;
}

/** A short, unique name part. */
function randomPart(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

/** The claim that only one waiter may hold to act on one stale lock instance. */
function claimPath(lockPath: string, judged: LockSighting): string {
  return `${lockPath}.reclaim.${judged.dev}-${judged.ino}-${judged.ctimeNs}`;
}

/**
 * Tries to take a stale lock away (see the module comment). Does nothing when another waiter holds the
 * claim on that lock instance (a claim left by a dead waiter is broken by the same rules as a lock: its
 * creator provably dead, or unchanged for `staleMs`). Returns whether the lock is worth trying to take
 * at once: it was removed, or it had changed or gone meanwhile.
 */
function reclaim(
  path: string,
  shownPath: string,
  judged: LockSighting,
  staleMs: number,
  claimWatches: Map<string, Watch>,
  onReclaimed: RegistryLockOptions['onReclaimed'],
): boolean {
  const claim = claimPath(path, judged);
  let fd: number;
  try {
    fd = openSync(claim, 'wx', 0o644);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST') {
      throw new InputError(`cannot reclaim the stale lock: ${(error as Error).message}`, {
        file: shownPath,
        hint: 'check the folder permissions, or delete the lock file if no registry command is running',
        cause: error,
      });
    }
    const other = sightLock(claim, shownPath);
    if (other === null) return true; // its winner is done: look at the lock again
    const quiet = unchangedFor(claimWatches, claim, other.state, performance.now());
    if (holderIsDead(other.info) || quiet >= staleMs) unlinkQuietly(claim);
    return false;
  }
  try {
    const here = processSpace();
    writeSync(
      fd,
      JSON.stringify({
        pid: process.pid,
        hostname: here.hostname,
        time: new Date().toISOString(),
        token: randomPart(),
        boot_id: here.bootId,
        pid_namespace: here.pidNamespace,
      }),
    );
  } finally {
    closeSync(fd);
  }
  try {
    // Still the instance judged stale? (Its holder may have refreshed it, or released it.)
    const now = sightLock(path, shownPath);
    if (now === null || now.state !== judged.state) return true;
    const aside = `${path}.stale.${randomPart()}`;
    try {
      renameSync(path, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
      throw new InputError(`cannot reclaim the stale lock: ${(error as Error).message}`, {
        file: shownPath,
        hint: 'check the folder permissions, or delete the lock file if no registry command is running',
        cause: error,
      });
    }
    // A rename changes the ctime, so compare the rest: the holder may have refreshed it at the last moment.
    const moved = sightLock(aside, shownPath);
    const same =
      moved !== null &&
      moved.dev === judged.dev &&
      moved.ino === judged.ino &&
      moved.size === judged.size &&
      moved.mtimeNs === judged.mtimeNs &&
      moved.text === judged.text;
    if (!same && moved !== null) {
      try {
        linkSync(aside, path); // put it back; fails rather than replace a lock created meanwhile
      } catch {
        // A new lock was made meanwhile: the holder we moved finds it lost before it writes (assertHeld).
      }
    }
    unlinkQuietly(aside);
    if (same) onReclaimed?.(moved.info);
    return true;
  } finally {
    unlinkQuietly(claim);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

/** The lock file's content: JSON, the beat counter last and fixed-width so a refresh rewrites it in place. */
function lockContent(info: RegistryLockInfo): { text: string; beatOffset: number } {
  const { beat: _beat, ...rest } = info;
  const prefix = `${JSON.stringify(rest).slice(0, -1)},"beat":"`;
  return { text: `${prefix}${formatBeat(0)}"}\n`, beatOffset: Buffer.byteLength(prefix) };
}

function formatBeat(beat: number): string {
  return String(beat % 1e10).padStart(10, '0');
}

/**
 * Takes the registry's lock (see the module comment): creates `<registry>.lock` with O_EXCL; while
 * another holder has it, waits with jittered exponential backoff (5 ms growing to 100 ms), taking it
 * over when its holder is provably dead or nobody has seen it change for `staleMs`.
 *
 * @throws InputError (exit 2) naming the lock file when `timeoutMs` passes, or when the lock file
 *   cannot be created (missing folder, no permission) or examined.
 */
export async function acquireRegistryLock(
  registryPath: string,
  options: RegistryLockOptions = {},
): Promise<RegistryLock> {
  const path = registryLockPath(registryPath);
  const shownPath = registryLockPath(options.displayPath ?? registryPath);
  const timeoutMs = options.timeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  const started = performance.now();
  const watches = new Map<string, Watch>();
  let delay = 5;
  let waiting = false;
  for (;;) {
    const here = processSpace();
    const info: RegistryLockInfo = {
      pid: process.pid,
      hostname: here.hostname,
      time: new Date().toISOString(),
      token: registryUniqueId(),
      boot_id: here.bootId,
      pid_namespace: here.pidNamespace,
    };
    let fd: number | undefined;
    // Taken before the create: a stop between the create and the first write counts as time unrefreshed.
    const creating = performance.now();
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
    if (fd !== undefined) return holdLock(path, shownPath, fd, info, staleMs, creating);
    const sighting = sightLock(path, shownPath);
    if (sighting === null) {
      // Gone between the create and the look, or a dangling symbolic link (which O_EXCL never follows).
      let isLink = false;
      try {
        isLink = lstatSync(path).isSymbolicLink();
      } catch {
        // gone: try again at once
      }
      if (isLink) {
        throw new InputError('the lock file is a symbolic link', {
          file: shownPath,
          hint: 'delete it if no registry command is running',
        });
      }
      continue;
    }
    const now = performance.now();
    const quiet = unchangedFor(watches, path, sighting.state, now);
    if (
      (holderIsDead(sighting.info) || quiet >= staleMs) &&
      reclaim(path, shownPath, sighting, staleMs, watches, options.onReclaimed)
    ) {
      continue;
    }
    const waited = performance.now() - started;
    if (waited >= timeoutMs) {
      const holder = sighting.info;
      const who = holder
        ? `held by pid ${holder.pid} on ${escapeText(holder.hostname)} since ${escapeText(holder.time)}`
        : 'whose lock file has no readable holder';
      throw new InputError(
        `timed out after ${formatSeconds(waited)} waiting for the registry lock, ${who} (no change seen for ${formatSeconds(quiet)}; a lock seen unchanged for ${formatSeconds(staleMs)} is taken over)`,
        {
          file: shownPath,
          hint: 'another registry command is writing; if none is running, delete the lock file. Set MLOPS_LOCK_TIMEOUT (seconds) to wait longer',
        },
      );
    }
    if (!waiting) {
      waiting = true;
      options.onWait?.(sighting.info);
    }
    await sleep(Math.min(delay * (0.5 + Math.random() * 0.5), timeoutMs - waited));
    delay = Math.min(delay * 1.5, 100);
  }
}

function lostLock(shownPath: string, stalledMs: number): InputError {
  return new InputError(
    stalledMs > 0
      ? `lost the registry lock: this command was stopped or stalled for ${formatSeconds(stalledMs)} while it held the lock, and another writer took it over; nothing was written`
      : 'lost the registry lock: the lock file was removed or replaced while this command held it; nothing was written',
    { file: shownPath, hint: 'run the command again' },
  );
}

function holdLock(
  path: string,
  shownPath: string,
  fd: number,
  info: RegistryLockInfo,
  staleMs: number,
  created: number,
): RegistryLock {
  const { text, beatOffset } = lockContent(info);
  const identity = fstatSync(fd, { bigint: true });
  heldTokens.add(info.token);
  let released = false;
  let beats = 0;
  let lastBeat = created;
  /** The longest this holding went without a refresh, when that was more than half of staleMs. */
  let stalledMs = 0;
  try {
    // No fsync: after a power cut no holder survives anyway, and a lock nobody refreshes is taken over.
    writeSync(fd, text, 0);
  } catch (error) {
    closeSync(fd);
    unlinkQuietly(path);
    heldTokens.delete(info.token);
    throw new InputError(`cannot write the lock file: ${(error as Error).message}`, {
      file: shownPath,
      hint: 'check the free space and the folder permissions',
      cause: error,
    });
  }
  const limit = staleMs / 2;
  const beat = () => {
    const now = performance.now();
    if (now - lastBeat > limit) stalledMs = Math.max(stalledMs, now - lastBeat);
    beats += 1;
    try {
      // In place, same length: a reader sees the old counter or the new one. Flushed, so that an NFS
      // client sends it to the server now rather than when its write-back cache gets to it.
      writeSync(fd, formatBeat(beats), beatOffset);
      fdatasyncSync(fd);
    } catch {
      // The lock file was taken away from under us (a stale-file handle on NFS): assertHeld finds out.
    }
    lastBeat = now;
  };
  const timer = setInterval(beat, Math.max(10, Math.floor(staleMs / 5)));
  timer.unref();
  const stillHeld = () => {
    if (released) return false;
    let current: bigint[];
    try {
      // Opened rather than stat'ed by name: on NFS an open revalidates the cached attributes.
      const lockFd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
      try {
        const stats = fstatSync(lockFd, { bigint: true });
        current = [stats.dev, stats.ino];
      } finally {
        closeSync(lockFd);
      }
    } catch {
      return false;
    }
    return current[0] === identity.dev && current[1] === identity.ino;
  };
  return {
    path,
    info,
    stillHeld,
    async confirm() {
      if (performance.now() - lastBeat > limit) stalledMs = Math.max(stalledMs, performance.now() - lastBeat);
      if (stalledMs > 0) {
        // A waiter may have judged this lock stale while we were stopped, and be about to take it:
        // refresh (a waiter re-checks the lock right before taking it), give it time to act, look again.
        beat();
        await sleep(SETTLE_MS);
        if (!stillHeld()) throw lostLock(shownPath, stalledMs);
        stalledMs = 0;
        beat();
        return;
      }
      if (!stillHeld()) throw lostLock(shownPath, 0);
    },
    assertHeld() {
      if (performance.now() - lastBeat > limit || stalledMs > 0) throw new RegistryLockStalled();
      if (!stillHeld()) throw lostLock(shownPath, 0);
    },
    release() {
      if (released) return;
      clearInterval(timer);
      // Only remove the lock if it is still ours (it may have been taken over).
      if (stillHeld()) unlinkQuietly(path);
      released = true;
      heldTokens.delete(info.token);
      closeSync(fd);
    },
  };
}

/**
 * Removes what waiters killed mid-reclaim leave next to a lock: claims (`<lock>.reclaim.*`) and locks
 * moved aside (`<lock>.stale.*`). Call it only while holding the lock, with the folder's names (read
 * once by the caller). Safe even if a waiter is mid-reclaim: it checks the lock's state again before
 * moving it, and this holder's refreshes have changed that state.
 */
export function removeLockLeftovers(lock: RegistryLock, names: readonly string[]): void {
  const folder = dirname(lock.path);
  const prefix = `${basename(lock.path)}.`;
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const rest = name.slice(prefix.length);
    if (rest.startsWith('stale.') || rest.startsWith('reclaim.')) unlinkQuietly(join(folder, name));
  }
}

/** The names in a folder, or none when it cannot be read. */
export function folderNames(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}
