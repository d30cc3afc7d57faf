import { closeSync, fstatSync, openSync, readSync, type Stats, statSync } from 'node:fs';
import { InputError } from '../errors.js';

/** How a file is read: what it is called in messages, and the most bytes taken from it. */
export interface ReadInputOptions {
  /** The path as the user wrote it, for messages (default: the path). */
  display?: string;
  /** What the file is, for messages: `pipeline file`, `registry`, `config file`. */
  what: string;
  /** The most bytes read; a larger file (regular or not) is an InputError naming the cap. */
  maxBytes: number;
  /**
   * Accept a FIFO, a character device or a socket (`<(…)`, `/dev/stdin`), read up to `maxBytes`.
   * Default true; the registry refuses them (it must be able to replace the file it reads).
   */
  allowNonRegular?: boolean;
}

/** Bytes shown as `256 MB`, `1.5 GB`, `4 KB` (binary units, as `ls -h`). */
export function formatByteSize(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  if (unit === 0) return `${bytes} bytes`;
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}

/** The message for a failed open/read, by errno code. */
function describeFailure(code: string | undefined, what: string): { message: string; hint?: string } {
  switch (code) {
    case 'ENOENT':
      return { message: `${what} not found`, hint: 'check the path' };
    case 'EACCES':
    case 'EPERM':
      return { message: `${what} cannot be read: permission denied` };
    case 'EISDIR':
      return { message: `${what} is a folder, not a file`, hint: 'name a file' };
    case 'ENOTDIR':
      return { message: `${what} not found: a part of the path is not a folder`, hint: 'check the path' };
    case 'ELOOP':
      return { message: `${what} cannot be read: too many levels of symbolic links` };
    case 'ENAMETOOLONG':
      return { message: `${what} cannot be read: the path is too long` };
    default:
      return { message: `${what} cannot be read (${code ?? 'error'})` };
  }
}

/** The InputError for a failed file-system call on an input, by errno code. */
export function inputErrorFor(error: unknown, what: string, display: string): InputError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const { message, hint } = describeFailure(code, what);
  return new InputError(message, { file: display, hint, cause: error });
}

/**
 * Reads a whole input file as bytes, bounded: a regular file larger than `maxBytes` is refused before
 * anything is read, and any other kind of file (a FIFO, `/dev/zero`, `<(yes)`) is read in chunks and
 * refused as soon as it passes `maxBytes`, so no input can take more memory than the cap.
 *
 * @throws InputError (exit 2) naming the file: missing, a folder, unreadable, too large, or (with
 *   `allowNonRegular: false`) not a regular file.
 */
export function readInputBytes(path: string, options: ReadInputOptions): Buffer {
  const display = options.display ?? path;
  const { what, maxBytes } = options;
  const notRegular = () =>
    new InputError(`${what} is not a regular file`, {
      file: display,
      hint: 'name a regular file, not a pipe or a device',
    });
  if (options.allowNonRegular === false) {
    // Looked at before opening: opening a FIFO blocks until something writes into it.
    let kind: Stats | undefined;
    try {
      kind = statSync(path);
    } catch {
      // Missing or not to be looked at: the open below says what is wrong.
    }
    if (kind !== undefined && !kind.isFile() && !kind.isDirectory()) throw notRegular();
  }
  let descriptor: number;
  try {
    // O_NONBLOCK is not used: a FIFO with no writer blocks here, as `cat` would.
    descriptor = openSync(path, 'r');
  } catch (error) {
    throw inputErrorFor(error, what, display);
  }
  try {
    const stats = fstatSync(descriptor);
    if (stats.isDirectory())
      throw new InputError(`${what} is a folder, not a file`, { file: display, hint: 'name a file' });
    const tooLarge = () =>
      new InputError(`${what} is larger than the ${formatByteSize(maxBytes)} this tool reads`, {
        file: display,
      });
    if (stats.isFile()) {
      if (stats.size > maxBytes) throw tooLarge();
    } else if (options.allowNonRegular === false) {
      throw notRegular();
    }
    const chunks: Buffer[] = [];
    let total = 0;
    const chunkSize = stats.isFile() ? Math.max(1, Math.min(stats.size + 1, maxBytes + 1)) : 1 << 16;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(chunkSize, maxBytes + 1 - total));
      const read = readSync(descriptor, chunk, 0, chunk.length, null);
      if (read === 0) break;
      total += read;
      if (total > maxBytes) throw tooLarge();
      chunks.push(read === chunk.length ? chunk : chunk.subarray(0, read));
    }
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw inputErrorFor(error, what, display);
  } finally {
    closeSync(descriptor);
  }
}

/**
 * Reads a whole input file as UTF-8 text, bounded as {@link readInputBytes}. Invalid UTF-8 becomes
 * U+FFFD (as `TextDecoder` does); a leading byte order mark is kept for the caller to judge.
 */
export function readInputText(path: string, options: ReadInputOptions): string {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(readInputBytes(path, options));
}

/**
 * {@link readInputText}, or undefined when there is no file at `path` (for inputs whose absence means
 * "empty", as a registry not yet written). A path through a file, a folder or any other failure is
 * still an InputError.
 */
export function readInputTextIfPresent(path: string, options: ReadInputOptions): string | undefined {
  try {
    return readInputText(path, options);
  } catch (error) {
    const code = ((error as Error).cause as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ENOENT') return undefined;
    throw error;
  }
}
