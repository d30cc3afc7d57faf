import {
  accessSync,
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fstatSync,
  fsync,
  fsyncSync,
  lstatSync,
  openSync,
  readlinkSync,
  realpathSync,
  renameSync,
  type Stats,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError, MlopsError, UsageError } from '../errors.js';
import { escapeText } from '../text/escape.js';

/**
 * Writing an output file, one rule for every tool:
 *
 * - a regular file, or a path that does not exist yet, is replaced atomically: a temporary file in the
 *   same folder, fsynced, renamed over the target, then the folder fsynced. A reader sees the old file
 *   or the new one, whole; a crash leaves one of them (and at worst a stray temporary file). The new
 *   file keeps the old one's permission bits, owner and group (see {@link replaceFileAtomic});
 * - `-`, `/dev/stdout`, `/dev/stderr`, `/dev/fd/N` and `/proc/self/fd/N` are the process's own file
 *   descriptors: written to, never opened anew or replaced (whatever the descriptor is: a terminal, a
 *   pipe, or a file the shell redirected to);
 * - a FIFO or a character device (`/dev/null`, a terminal) is opened and written to, not replaced;
 * - a symbolic link is followed to its final target, even a target that does not exist yet, and the
 *   target is what gets written; the link stays a link;
 * - a folder, a socket or a block device is refused;
 * - an output that is one of the command's inputs is refused before anything is read
 *   ({@link assertNotAnInput}).
 */

/** An input of the command, as the output is checked against it. */
export interface OutputInput {
  /** The path (absolute, or relative to `cwd`). */
  path: string;
  /** How it was given, for messages, in the caller's terms (the CLIs: its flag and path). */
  label: string;
}

/**
 * What an output file holds: text, bytes, or text in pieces, written one after the other (a large
 * report need never be one string; each piece becomes bytes only when it is written).
 */
export type OutputData = string | Uint8Array | readonly string[];

/** Where and how an output is written (see the module comment). */
export type OutputTarget =
  /** One of this process's file descriptors (`-` and `/dev/stdout` are 1). */
  | { kind: 'descriptor'; fd: number }
  /** A FIFO or a character device, written to in place. */
  | { kind: 'stream'; path: string; stats: Stats }
  /** A regular file (`stats`) or a new one (`stats` undefined) at this final path, replaced atomically. */
  | { kind: 'file'; path: string; stats: Stats | undefined };

export interface OutputNaming {
  /** What is written, for messages: `HTML report`, `registry`. */
  what: string;
  /** The path as the user wrote it (default: the path). */
  display?: string;
  /** How the output was given, for messages, in the caller's terms (the CLIs: its flag; default: the display path alone). */
  label?: string;
  /** The folder a relative path is relative to (default: the process's). */
  cwd?: string;
}

export interface WriteOutputOptions extends OutputNaming {
  /** The command's inputs: an output that is one of them is refused (UsageError, exit 2). */
  inputs?: readonly OutputInput[];
  /** `refuse` a FIFO, a device or a descriptor (the registry must be a file it can replace); default `write`. */
  nonRegular?: 'write' | 'refuse';
  /** Where `-` and `/dev/stdout` go (the CLI's stdout); default: file descriptor 1. */
  stdout?: (text: string) => void;
  /**
   * The part of the temporary file's name that identifies its writer:
   * `.<name>.<temporaryId>.tmp`. Default: a random id. The registry passes its lock token, so that a
   * temporary file left by a killed writer can be told from a live writer's (see store.ts).
   */
  temporaryId?: string;
  /** Permission bits of a new file, before the umask. Default 0o666 (as a shell's `>`). */
  newFileMode?: number;
  /**
   * Runs right before the rename that replaces the file, in the same synchronous step (nothing else
   * of this process runs in between). Throwing aborts the write: the temporary file is removed and
   * the error propagates as it is. The registry checks there that it still holds its lock.
   */
  beforeReplace?: () => void;
  /** Hint of the error when the write fails (default: none). */
  hint?: string;
}

/** How many symbolic links are followed before giving up (as Linux's ELOOP limit). */
const MAX_LINKS = 40;

/** `/dev/stdout`, `/dev/fd/3`, `/proc/self/fd/1`: the file descriptor a path names in this process. */
function descriptorOf(path: string): number | undefined {
  const standard = /^\/dev\/std(in|out|err)$/.exec(path);
  if (standard) return ['in', 'out', 'err'].indexOf(standard[1]!);
  const numbered = /^\/(?:dev|proc\/(?:self|thread-self|(\d+)))\/fd\/(\d+)$/.exec(path);
  if (!numbered) return undefined;
  if (numbered[1] !== undefined && Number(numbered[1]) !== process.pid) return undefined;
  const fd = Number(numbered[2]);
  return Number.isSafeInteger(fd) ? fd : undefined;
}

function writeFailure(error: unknown, naming: OutputNaming, hint: string | undefined): Error {
  if (error instanceof MlopsError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason =
    code === 'ENOENT'
      ? 'no such folder'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'it is a folder'
          : code === 'ELOOP'
            ? 'too many levels of symbolic links'
            : ((error as Error | undefined)?.message ?? String(error));
  return new InputError(`cannot write the ${naming.what}: ${reason}`, {
    file: naming.display,
    hint,
    cause: error,
  });
}

/** The path of a file that does not exist yet, with its folder's links resolved when the folder exists. */
function newFilePath(path: string): string {
  try {
    return join(realpathSync(dirname(path)), basename(path));
  } catch {
    return path; // the folder is missing too: opening the temporary file reports it
  }
}

/**
 * Where an output path leads (see {@link OutputTarget}): file descriptors by name, symbolic links
 * followed to their final target (which may not exist yet: a dangling link is written through).
 *
 * @throws InputError (exit 2) for a folder, a socket, a block device, a link loop or a path that
 *   cannot be examined.
 */
export function resolveOutputTarget(path: string, naming: OutputNaming): OutputTarget {
  if (path === '-') return { kind: 'descriptor', fd: 1 };
  const display = naming.display ?? path;
  let current = resolve(naming.cwd ?? process.cwd(), path);
  for (let links = 0; links <= MAX_LINKS; links++) {
    const fd = descriptorOf(current);
    if (fd !== undefined) return { kind: 'descriptor', fd };
    let stats: Stats;
    try {
      stats = lstatSync(current);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        return { kind: 'file', path: newFilePath(current), stats: undefined };
      throw writeFailure(error, { ...naming, display }, undefined);
    }
    if (stats.isSymbolicLink()) {
      try {
        current = resolve(dirname(current), readlinkSync(current));
      } catch (error) {
        throw writeFailure(error, { ...naming, display }, undefined);
      }
      continue;
    }
    let real: string;
    try {
      real = realpathSync(current); // the folders on the way may be links too
    } catch (error) {
      throw writeFailure(error, { ...naming, display }, undefined);
    }
    if (stats.isFile()) return { kind: 'file', path: real, stats };
    if (stats.isFIFO() || stats.isCharacterDevice()) return { kind: 'stream', path: real, stats };
    throw new InputError(
      `cannot write the ${naming.what}: ${stats.isDirectory() ? 'it is a folder' : 'it is a socket or a block device'}`,
      { file: display, hint: 'name a file' },
    );
  }
  throw new InputError(`cannot write the ${naming.what}: too many levels of symbolic links`, {
    file: display,
  });
}

/** The file an input path names (links followed), or undefined when it cannot be examined. */
function inputStats(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** The final path of an input (links followed as for an output), or undefined. */
function inputFinalPath(path: string, cwd: string | undefined): string | undefined {
  try {
    const target = resolveOutputTarget(path, { what: 'input', cwd });
    return target.kind === 'descriptor' ? undefined : target.path;
  } catch {
    return undefined;
  }
}

/**
 * Refuses an output that is one of the command's inputs: the same file (device and inode, links
 * followed, so a hard link or `/dev/stdin` redirected from it counts) or the same final path. A
 * character device (`/dev/null`, a terminal) may be both: writing to it destroys nothing. Call it
 * before reading any input; it reads nothing but file metadata.
 *
 * @throws UsageError (exit 2) naming the output and the input.
 */
export function assertNotAnInput(
  path: string,
  inputs: readonly OutputInput[],
  naming: OutputNaming,
  target: OutputTarget = resolveOutputTarget(path, naming),
): void {
  let stats: Stats | undefined;
  let finalPath: string | undefined;
  if (target.kind === 'descriptor') {
    try {
      stats = fstatSync(target.fd);
    } catch {
      return; // a closed descriptor: writing to it fails later with its own message
    }
  } else {
    stats = target.stats;
    finalPath = target.path;
  }
  if (stats?.isCharacterDevice()) return;
  const cwd = naming.cwd ?? process.cwd();
  for (const input of inputs) {
    const absolute = resolve(cwd, input.path);
    const other = inputStats(absolute);
    const sameFile =
      stats !== undefined && other !== undefined && stats.dev === other.dev && stats.ino === other.ino;
    const samePath = finalPath !== undefined && finalPath === inputFinalPath(absolute, cwd);
    if (sameFile || samePath) {
      const output = escapeText(naming.display ?? path);
      throw new UsageError(
        `${naming.label ? `${naming.label}: ` : ''}${output} is the same file as ${escapeText(input.label)}: writing the ${naming.what} would overwrite an input`,
        { hint: 'name another file for the output' },
      );
    }
  }
}

/**
 * Checks, from file metadata alone, that an output can be written where it leads (see
 * {@link resolveOutputTarget}), so that a command can refuse it before it reads or changes anything:
 * a file's folder exists and this process may create files in it (the new file, or the temporary
 * file that replaces the old one); a FIFO or a device may be opened for writing. A descriptor is not
 * checked: writing to it fails on its own. What changes between this check and the write can still
 * make the write fail.
 *
 * @throws InputError (exit 2) as {@link writeOutputFile} would for the same path with the same hint
 *   (`cannot write the JSON report: no such folder`, `… permission denied`).
 */
export function assertCanWrite(target: OutputTarget, naming: OutputNaming, hint?: string): void {
  try {
    if (target.kind === 'file') accessSync(dirname(target.path), constants.W_OK | constants.X_OK);
    else if (target.kind === 'stream') accessSync(target.path, constants.W_OK);
  } catch (error) {
    throw writeFailure(error, naming, hint);
  }
}

/** Writes all of `data` to a descriptor, waiting out EAGAIN (a non-blocking pipe that is full). */
function writeAllSync(fd: number, data: Uint8Array): void {
  let written = 0;
  while (written < data.length) {
    try {
      written += writeSync(fd, data, written, data.length - written);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
    }
  }
}

/** Writes the data, or each piece of it in turn (a piece becomes bytes only when its turn comes). */
function writeDataSync(fd: number, data: Uint8Array | readonly string[]): void {
  if (data instanceof Uint8Array) writeAllSync(fd, data);
  else for (const piece of data) writeAllSync(fd, Buffer.from(piece, 'utf8'));
}

function fsyncAsync(fd: number): Promise<void> {
  return new Promise((done, fail) => fsync(fd, (error) => (error ? fail(error) : done())));
}

/**
 * Fsyncs a folder so that a rename in it survives a power cut; some systems cannot, which is no error.
 * Synchronous: it runs after the rename, when the write is complete, and costs no round trip through
 * the thread pool (which, on a loaded machine, costs more than the call).
 */
function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // The rename is atomic all the same.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function randomId(): string {
  return `${process.pid}.${Date.now().toString(36)}${Math.random().toString(16).slice(2, 10)}`;
}

/**
 * Gives the new file (open as `fd`) the owner and group of the file it replaces. Root (or a holder of
 * CAP_CHOWN) keeps both. Anyone else cannot give a file away: the owner becomes the writer, and the
 * group is kept when the writer belongs to it; the permission bits are set after, so they are kept
 * either way (chown clears set-user-id and set-group-id bits, which the fchmod then restores for root).
 */
function keepOwner(fd: number, old: Stats): void {
  const created = fstatSync(fd);
  if (created.uid === old.uid && created.gid === old.gid) return;
  try {
    fchownSync(fd, old.uid, old.gid);
  } catch {
    if (created.gid === old.gid) return;
    try {
      fchownSync(fd, -1, old.gid);
    } catch {
      // Not a member of the group: the file gets the writer's group.
    }
  }
}

/**
 * Replaces (or creates) the regular file at `path`, a final path with no link left, atomically and
 * durably: the data goes to `.<name>.<id>.tmp` in the same folder, which gets the old file's mode,
 * owner and group (see {@link keepOwner}), is fsynced, then renamed over `path` right after
 * `beforeReplace` (same synchronous step); the folder is fsynced last. On any failure the temporary
 * file is removed and the old file is untouched. Extended attributes and ACLs are not copied.
 */
export async function replaceFileAtomic(
  path: string,
  data: Uint8Array | readonly string[],
  old: Stats | undefined,
  options: WriteOutputOptions,
): Promise<void> {
  const folder = dirname(path);
  const temporary = join(folder, `.${basename(path)}.${options.temporaryId ?? randomId()}.tmp`);
  const mode = old ? old.mode & 0o7777 : (options.newFileMode ?? 0o666);
  const removeTemporary = () => {
    try {
      unlinkSync(temporary);
    } catch {
      // never created, or already renamed
    }
  };
  let fd: number | undefined;
  try {
    fd = openSync(temporary, 'wx', mode);
    writeDataSync(fd, data);
    if (old) {
      if (process.platform !== 'win32') keepOwner(fd, old);
      fchmodSync(fd, mode); // exactly the old file's bits, whatever the umask
    }
    await fsyncAsync(fd);
    closeSync(fd);
    fd = undefined;
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    removeTemporary();
    throw writeFailure(error, options, options.hint);
  }
  // Nothing asynchronous from here to the rename: no other code of this process runs in between.
  try {
    options.beforeReplace?.();
  } catch (error) {
    removeTemporary();
    throw error;
  }
  try {
    renameSync(temporary, path);
  } catch (error) {
    removeTemporary();
    throw writeFailure(error, options, options.hint);
  }
  syncFolder(folder);
}

/**
 * Writes an output file by the rule of this module: replaced atomically when it is a regular file or
 * a new path, written in place when it is a file descriptor, a FIFO or a character device, refused
 * when it is one of `inputs` (checked first), a folder, a socket or a block device.
 *
 * @throws UsageError (exit 2) when the output is an input; InputError (exit 2) when it cannot be
 *   written, with nothing changed; whatever `beforeReplace` throws.
 */
export async function writeOutputFile(
  path: string,
  data: OutputData,
  options: WriteOutputOptions,
): Promise<void> {
  const target = resolveOutputTarget(path, options);
  if (options.inputs) assertNotAnInput(path, options.inputs, options, target);
  if (target.kind !== 'file' && options.nonRegular === 'refuse') {
    throw new InputError(`cannot write the ${options.what}: it is not a regular file`, {
      file: options.display ?? path,
      hint: 'name a regular file, not a pipe or a device',
    });
  }
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  if (target.kind === 'file') return replaceFileAtomic(target.path, bytes, target.stats, options);
  try {
    if (target.kind === 'descriptor') {
      if (target.fd === 1 && options.stdout) {
        if (typeof data === 'string') options.stdout(data);
        else if (data instanceof Uint8Array)
          options.stdout(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString());
        else for (const piece of data) options.stdout(piece);
      } else writeDataSync(target.fd, bytes);
      return;
    }
    // Opening a FIFO waits for a reader, as a shell's `>` does; asynchronously, so timers still run.
    // Neither O_CREAT nor O_TRUNC: should the path have become a regular file meanwhile, it is not emptied.
    const handle = await open(target.path, constants.O_WRONLY);
    try {
      if (bytes instanceof Uint8Array) await handle.writeFile(bytes);
      else for (const piece of bytes) await handle.write(piece);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw writeFailure(error, options, options.hint);
  }
}
