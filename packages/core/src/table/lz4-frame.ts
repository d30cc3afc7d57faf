/**
 * The LZ4 frame format (the one Arrow IPC files use for `LZ4_FRAME` compressed buffers: pyarrow's
 * Feather default), decoded from its specification (lz4's doc/lz4_Frame_format.md and
 * doc/lz4_Block_format.md): a magic number, a frame descriptor, then blocks until an end mark. Blocks
 * may refer back into earlier blocks (linked blocks, the lz4 library's default), so they are decoded
 * into one growing output. Checksums are not verified; a block that refers outside what was decoded,
 * or ends inside a sequence, is refused.
 */

const FRAME_MAGIC = 0x184d2204;
/** Skippable frames: magic numbers 0x184D2A50 to 0x184D2A5F, then a length and that many bytes. */
const SKIPPABLE_MASK = 0xfffffff0;
const SKIPPABLE_MAGIC = 0x184d2a50;

/**
 * The most bytes one decode gives: 1 GiB. LZ4 expands up to about 255 times, so a small hostile
 * file could otherwise ask for more memory than the process has; an Arrow buffer is one column's
 * values in one record batch, far below this in any real file.
 */
export const MAX_LZ4_DECODED_BYTES = 2 ** 30;

/**
 * Thrown for bytes that are not a well-formed LZ4 frame; the caller names the file. Known by its
 * `name` ({@link isLz4FrameError}), not by `instanceof`: the decoder runs from apache-arrow's one
 * global codec registry, which the last copy of this module to load fills (a test runner may load
 * both the sources and the built package), so the error may come from another copy of this class.
 */
export class Lz4FrameError extends Error {
  override readonly name = 'Lz4FrameError';
}

/** Whether an error is a {@link Lz4FrameError}, from whichever copy of this module threw it. */
export function isLz4FrameError(error: unknown): error is Error {
  return error instanceof Error && error.name === 'Lz4FrameError';
}

/** A byte array that grows as bytes are appended (doubling), read back with {@link bytes}. */
class Output {
  buffer: Uint8Array;
  length = 0;
  readonly limit: number;

  constructor(capacity: number, limit: number) {
    this.buffer = new Uint8Array(Math.min(Math.max(capacity, 64), limit));
    this.limit = limit;
  }

  reserve(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.buffer.length) return;
    if (needed > this.limit)
      throw new Lz4FrameError(
        `the LZ4 data decodes to more than ${this.limit} bytes, the most one buffer may hold`,
      );
    const grown = new Uint8Array(Math.max(needed, this.buffer.length * 2));
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }

  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }
}

/** A length continued by 255-valued bytes (the block format's literal and match lengths). */
function extendedLength(block: Uint8Array, start: number, base: number): [length: number, next: number] {
  let length = base;
  let index = start;
  if (base !== 15) return [length, index];
  for (;;) {
    if (index >= block.length) throw new Lz4FrameError('a block ends inside a sequence length');
    const byte = block[index++]!;
    length += byte;
    if (byte !== 255) return [length, index];
  }
}

/** Decodes one LZ4 block (the block format) onto the end of `output`. */
function decodeBlock(block: Uint8Array, output: Output): void {
  let index = 0;
  while (index < block.length) {
    const token = block[index++]!;
    let literals: number;
    [literals, index] = extendedLength(block, index, token >>> 4);
    if (index + literals > block.length) throw new Lz4FrameError('a block ends inside its literals');
    output.reserve(literals);
    output.buffer.set(block.subarray(index, index + literals), output.length);
    output.length += literals;
    index += literals;
    if (index === block.length) return; // the last sequence has literals only
    if (index + 2 > block.length) throw new Lz4FrameError('a block ends inside a match offset');
    const offset = block[index]! | (block[index + 1]! << 8);
    index += 2;
    if (offset === 0 || offset > output.length)
      throw new Lz4FrameError('a match refers before the start of the data');
    let matchLength: number;
    [matchLength, index] = extendedLength(block, index, token & 15);
    matchLength += 4;
    output.reserve(matchLength);
    const target = output.buffer;
    let from = output.length - offset;
    let to = output.length;
    // Byte by byte: a match may overlap the bytes it writes (a run).
    for (let end = to + matchLength; to < end; to += 1, from += 1) target[to] = target[from]!;
    output.length = to;
  }
}

function readUint32(bytes: Uint8Array, at: number): number {
  if (at + 4 > bytes.length) throw new Lz4FrameError('the data ends inside a frame');
  return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
}

/**
 * The bytes an LZ4 frame (or several, one after the other) holds.
 *
 * @throws Lz4FrameError for bytes that are not LZ4 frames, are truncated, refer outside their data
 *   or decode to more than `limit` bytes.
 * @example new TextDecoder().decode(decodeLz4Frame(Uint8Array.of(0x04, 0x22, 0x4d, 0x18, 0x60, 0x40, 0x82, 0x03, 0x00, 0x00, 0x80, 0x61, 0x62, 0x63, 0x00, 0x00, 0x00, 0x00))) // => 'abc'
 */
export function decodeLz4Frame(
  bytes: Uint8Array,
  expectedLength = 0,
  limit = MAX_LZ4_DECODED_BYTES,
): Uint8Array {
  const output = new Output(expectedLength, limit);
  let at = 0;
  do {
    const magic = readUint32(bytes, at);
    at += 4;
    if ((magic & SKIPPABLE_MASK) >>> 0 === SKIPPABLE_MAGIC) {
      at += 4 + readUint32(bytes, at);
      continue;
    }
    if (magic !== FRAME_MAGIC) throw new Lz4FrameError('the data is not an LZ4 frame (wrong magic number)');
    if (at + 2 > bytes.length) throw new Lz4FrameError('the data ends inside a frame descriptor');
    const flags = bytes[at]!;
    if (flags >>> 6 !== 1) throw new Lz4FrameError('the LZ4 frame has an unknown version');
    if ((flags & 1) !== 0) throw new Lz4FrameError('the LZ4 frame needs a dictionary');
    const blockChecksums = (flags & 0x10) !== 0;
    const contentSize = (flags & 0x08) !== 0;
    const contentChecksum = (flags & 0x04) !== 0;
    at += 2 + (contentSize ? 8 : 0) + 1; // flags, block descriptor, content size, header checksum
    for (;;) {
      const word = readUint32(bytes, at);
      at += 4;
      if (word === 0) break; // end mark
      const size = word & 0x7fffffff;
      if (at + size > bytes.length) throw new Lz4FrameError('the data ends inside a block');
      const block = bytes.subarray(at, at + size);
      if ((word & 0x80000000) !== 0) {
        output.reserve(size);
        output.buffer.set(block, output.length);
        output.length += size;
      } else decodeBlock(block, output);
      at += size + (blockChecksums ? 4 : 0);
    }
    at += contentChecksum ? 4 : 0;
  } while (at < bytes.length);
  if (at > bytes.length) throw new Lz4FrameError('the data ends inside a frame');
  return output.bytes();
}
