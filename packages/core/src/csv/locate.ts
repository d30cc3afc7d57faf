import { codePointCount } from './limits.js';

/**
 * Finding where a CSV file goes wrong, for error messages. These scanners run only after a reader
 * has failed, so they favour plainness over speed. Lines and columns are 1-based; columns count
 * characters (code points).
 */

/** Line and column of a character offset in a text; `\n`, `\r\n` and a lone `\r` each end a line. */
export function lineColumnOfOffset(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  // The next \n and the next \r, each searched for again only once passed (-1: none left).
  let lineFeed = text.indexOf('\n');
  let carriageReturn = text.indexOf('\r');
  for (;;) {
    const next =
      lineFeed === -1
        ? carriageReturn
        : carriageReturn === -1
          ? lineFeed
          : Math.min(lineFeed, carriageReturn);
    if (next === -1 || next >= offset) break;
    // \r\n is one line end; a lone \r is one too.
    const end = next === carriageReturn && text.charCodeAt(next + 1) === 10 ? next + 1 : next;
    if (end >= offset) break;
    line += 1;
    lineStart = end + 1;
    if (lineFeed !== -1 && lineFeed <= end) lineFeed = text.indexOf('\n', end + 1);
    if (carriageReturn !== -1 && carriageReturn <= end) carriageReturn = text.indexOf('\r', end + 1);
  }
  return { line, column: codePointLength(text.slice(lineStart, offset)) + 1 };
}

function codePointLength(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** One record as the scanner saw it: character offsets of the record and of each field's start. */
export interface ScannedRecord {
  readonly start: number;
  readonly end: number;
  readonly fieldStarts: readonly number[];
}

/** What stopped the scan, if anything. */
export type ScanProblem =
  | { kind: 'unclosed-quote'; offset: number }
  | { kind: 'text-after-closing-quote'; offset: number };

/**
 * Scans records with standard CSV quoting (RFC 4180: `"` quotes, `""` escapes, line ends `\n`,
 * `\r\n` or `\r`; empty lines skipped) up to and including the record numbered `recordIndex`
 * (0 = header). Returns that record, or the problem met before reaching it.
 */
export function scanToRecord(
  text: string,
  delimiter: string,
  recordIndex: number,
): { record?: ScannedRecord; problem?: ScanProblem } {
  let offset = 0;
  let index = 0;
  const length = text.length;
  while (offset < length) {
    const char = text[offset];
    if (char === '\n' || char === '\r') {
      offset += 1;
      continue;
    }
    const start = offset;
    const fieldStarts: number[] = [offset];
    let recordDone = false;
    while (!recordDone) {
      if (text[offset] === '"') {
        const opening = offset;
        offset += 1;
        for (;;) {
          const quote = text.indexOf('"', offset);
          if (quote === -1) return { problem: { kind: 'unclosed-quote', offset: opening } };
          if (text[quote + 1] === '"') {
            offset = quote + 2;
            continue;
          }
          offset = quote + 1;
          break;
        }
        const next = text[offset];
        if (offset < length && next !== delimiter && next !== '\n' && next !== '\r')
          return { problem: { kind: 'text-after-closing-quote', offset } };
      }
      while (offset < length && text[offset] !== delimiter && text[offset] !== '\n' && text[offset] !== '\r')
        offset += 1;
      if (offset < length && text[offset] === delimiter) {
        offset += 1;
        fieldStarts.push(offset);
      } else {
        recordDone = true;
      }
    }
    if (index === recordIndex) return { record: { start, end: offset, fieldStarts } };
    index += 1;
  }
  return {};
}

/**
 * Where the first cell longer than `maxBytes` starts, scanning UTF-8 CSV bytes with standard quoting
 * (`"` quotes, `""` escapes; `\n`, `\r\n` or a lone `\r` end a line, inside quotes too): its line
 * and column (in characters), or undefined when every cell is short enough. A cell is measured from
 * its first byte to the delimiter or line end that closes it, quotes included. Works on bytes, so it
 * can scan a file too large to decode into one string.
 *
 * O(n) time, O(1) memory.
 */
export function findLongCell(
  bytes: Uint8Array,
  delimiter: string,
  maxBytes: number,
): { line: number; column: number } | undefined {
  const separator = delimiter.charCodeAt(0);
  const length = bytes.length;
  let start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let line = 1;
  let lineStart = start;
  let index = start;
  while (index < length) {
    // One cell from `start`.
    const cellLine = line;
    const cellLineStart = lineStart;
    let quoted = bytes[index] === 0x22;
    if (quoted) index += 1;
    for (; index < length; index += 1) {
      const byte = bytes[index]!;
      if (quoted) {
        if (byte === 0x22) {
          if (bytes[index + 1] === 0x22) index += 1;
          else quoted = false;
        } else if (byte === 0x0a || byte === 0x0d) {
          if (byte === 0x0d && bytes[index + 1] === 0x0a) index += 1;
          line += 1;
          lineStart = index + 1;
        }
        continue;
      }
      if (byte === separator || byte === 0x0a || byte === 0x0d) break;
    }
    if (index - start > maxBytes)
      return { line: cellLine, column: codePointCount(bytes, cellLineStart, start) + 1 };
    if (index < length && bytes[index] !== separator) {
      if (bytes[index] === 0x0d && bytes[index + 1] === 0x0a) index += 1;
      line += 1;
      lineStart = index + 1;
    }
    index += 1;
    start = index;
  }
  return undefined;
}

/** Byte offset of the first byte that is not valid UTF-8, or -1 when the whole buffer is valid. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let index = 0;
  const length = bytes.length;
  while (index < length) {
    const byte = bytes[index]!;
    if (byte < 0x80) {
      index += 1;
      continue;
    }
    let needed: number;
    let min: number;
    if (byte >= 0xc2 && byte <= 0xdf) {
      needed = 1;
      min = 0x80;
    } else if (byte >= 0xe0 && byte <= 0xef) {
      needed = 2;
      min = 0x800;
    } else if (byte >= 0xf0 && byte <= 0xf4) {
      needed = 3;
      min = 0x10000;
    } else {
      return index;
    }
    let codePoint = byte & (0x3f >> needed);
    for (let k = 1; k <= needed; k += 1) {
      const next = bytes[index + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return index;
      codePoint = (codePoint << 6) | (next & 0x3f);
    }
    if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return index;
    index += needed + 1;
  }
  return -1;
}

/** Line and column (in characters) of a byte offset in a buffer that is valid UTF-8 before it. */
export function lineColumnOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset; index += 1) {
    if (bytes[index] === 0x0a) {
      line += 1;
      lineStart = index + 1;
    }
  }
  // Counted on the bytes (valid UTF-8 before `offset`): a line may be too long to decode.
  return { line, column: codePointCount(bytes, lineStart, offset) + 1 };
}
