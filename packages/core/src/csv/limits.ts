import { InputError } from '../errors.js';

/**
 * The longest cell any CSV reader accepts, in bytes: 64 MiB. A cell becomes a JavaScript string, and
 * V8 cannot make one longer than about 512 MiB (2^29 − 24 UTF-16 code units); far below that, a cell
 * this long is no data anyone compares. A longer cell stops the read with its line and column.
 */
export const MAX_CELL_BYTES = 64 * 1024 * 1024;

/** The error for a cell longer than {@link MAX_CELL_BYTES}, at its first character. */
export function cellTooLongError(file: string, line: number, column: number): InputError {
  return new InputError('cell longer than 64 MiB, the most a cell may hold', {
    file,
    line,
    column,
    hint: 'check the delimiter and the quotes; this is not a table of values',
  });
}

/** Characters (code points) of UTF-8 `bytes[start, end)`, without decoding them. */
export function codePointCount(bytes: Uint8Array, start: number, end: number): number {
  let count = 0;
  for (let index = start; index < end; index += 1) if ((bytes[index]! & 0xc0) !== 0x80) count += 1;
  return count;
}
