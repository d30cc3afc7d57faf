/**
 * Snappy raw blocks (the codec Parquet calls SNAPPY, the default of Spark, pandas, polars and DuckDB),
 * decoded from the format's description (google/snappy, format_description.txt): the decoded length
 * as a varint, then elements, each a literal (bytes copied from the input) or a copy (bytes repeated
 * from what was decoded already, at an offset back).
 *
 * Ours rather than a library's because of where the bytes go: into a buffer the caller reuses, and
 * literals (nearly all of a page of doubles, which do not compress) copied with one `set` each. The
 * WebAssembly decoder hyparquet-compressors brings copies each page into its memory and out again
 * into a new array; reading a 1M-row Parquet pair spent more time in those copies, and in the page
 * faults of their fresh memory, than in decoding (docs/design/parquet-reader.md has the figures).
 */

/** Thrown for bytes that are not a well-formed Snappy block; the caller names the file. */
export class SnappyError extends Error {
  override readonly name = 'SnappyError';
}

/**
 * The decoded length a Snappy block declares (its leading varint), and where its elements start.
 *
 * @example snappyLength(Uint8Array.of(0x0a, 0x24, 0x68)) // => { length: 10, start: 1 }
 * @throws SnappyError for a varint cut short or longer than 32 bits.
 */
export function snappyLength(input: Uint8Array): { length: number; start: number } {
  let length = 0;
  let shift = 0;
  for (let position = 0; position < input.length && position < 5; position++) {
    const byte = input[position]!;
    length += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) {
      if (length > 0xffffffff) break;
      return { length, start: position + 1 };
    }
    shift += 7;
  }
  throw new SnappyError('the Snappy block has no valid length at its start');
}

/** Copies shorter than this are done byte by byte: cheaper than a call for a few bytes. */
const SHORT_COPY = 32;

/**
 * Decodes a Snappy block into `output`, which must be exactly the length the block declares (the
 * caller knows it: Parquet's page header gives the uncompressed size). Returns `output`.
 *
 * @example decodeSnappy(Uint8Array.of(0x03, 0x08, 0x61, 0x62, 0x63), new Uint8Array(3)) // => bytes of 'abc'
 * @throws SnappyError for a block whose length is not `output.length`, that ends inside an element,
 *   copies from before its start or with an offset of 0, or writes past its declared length.
 */
export function decodeSnappy(input: Uint8Array, output: Uint8Array): Uint8Array {
  const { length, start } = snappyLength(input);
  if (length !== output.length)
    throw new SnappyError(
      `the Snappy block decodes to ${length} bytes, where ${output.length} were expected`,
    );
  const end = input.length;
  let position = start;
  let written = 0;
  while (position < end) {
    const tag = input[position++]!;
    const kind = tag & 3;
    if (kind === 0) {
      // A literal: its length minus one in the tag's upper six bits, or in 1 to 4 bytes after it.
      let size = tag >>> 2;
      if (size >= 60) {
        const bytes = size - 59;
        if (position + bytes > end) throw new SnappyError('the Snappy block ends inside a literal');
        size = 0;
        for (let index = bytes - 1; index >= 0; index--) size = size * 256 + input[position + index]!;
        position += bytes;
      }
      size += 1;
      if (position + size > end) throw new SnappyError('the Snappy block ends inside a literal');
      if (written + size > length)
        throw new SnappyError(`the Snappy block decodes to more than its ${length} bytes`);
      if (size < SHORT_COPY)
        for (let index = 0; index < size; index++) output[written++] = input[position++]!;
      else {
        output.set(input.subarray(position, position + size), written);
        position += size;
        written += size;
      }
      continue;
    }
    // A copy: a length, and an offset back into what was written, of 1, 2 or 4 bytes after the tag.
    let size: number;
    let offset: number;
    if (kind === 1) {
      if (position + 1 > end) throw new SnappyError('the Snappy block ends inside a copy');
      size = ((tag >>> 2) & 7) + 4;
      offset = ((tag >>> 5) << 8) | input[position]!;
      position += 1;
    } else if (kind === 2) {
      if (position + 2 > end) throw new SnappyError('the Snappy block ends inside a copy');
      size = (tag >>> 2) + 1;
      offset = input[position]! | (input[position + 1]! << 8);
      position += 2;
    } else {
      if (position + 4 > end) throw new SnappyError('the Snappy block ends inside a copy');
      size = (tag >>> 2) + 1;
      offset =
        (input[position]! | (input[position + 1]! << 8) | (input[position + 2]! << 16)) +
        input[position + 3]! * 2 ** 24;
      position += 4;
    }
    if (offset === 0 || offset > written)
      throw new SnappyError(`the Snappy block copies from ${offset} bytes back, after ${written} bytes`);
    if (written + size > length)
      throw new SnappyError(`the Snappy block decodes to more than its ${length} bytes`);
    // An offset shorter than the copy repeats the bytes being written: byte by byte, in order.
    if (size < SHORT_COPY || offset < size)
      for (let index = 0; index < size; index++) {
        output[written] = output[written - offset]!;
        written++;
      }
    else {
      output.copyWithin(written, written - offset, written - offset + size);
      written += size;
    }
  }
  if (written !== length)
    throw new SnappyError(`the Snappy block ends after ${written} of its ${length} bytes`);
  return output;
}

/**
 * The most bytes a Snappy block of `inputLength` bytes can decode to: an element of three bytes
 * copies at most 64 (a literal gives fewer than it takes), so about 21 times the input. A declared
 * length past this is a corrupt or hostile block, refused before any memory is taken for it.
 */
export function snappyMaxLength(inputLength: number): number {
  return Math.ceil((inputLength * 64) / 3) + 64;
}

/**
 * Decodes a Snappy block of a known decoded length (a Parquet page's uncompressed size) into memory
 * reused from call to call; valid until `scratch` is used again.
 *
 * @throws SnappyError as {@link decodeSnappy}, and before taking any memory, for a declared length
 *   other than `length` or more than the block can hold.
 */
export function decodeSnappyInto(input: Uint8Array, length: number, scratch: ScratchBytes): Uint8Array {
  const declared = snappyLength(input).length;
  if (declared !== length)
    throw new SnappyError(`the Snappy block decodes to ${declared} bytes, where ${length} were expected`);
  if (length > snappyMaxLength(input.length))
    throw new SnappyError(`the Snappy block of ${input.length} bytes cannot decode to ${length} bytes`);
  return decodeSnappy(input, scratch.take(length));
}

/**
 * A byte buffer reused from one use to the next, grown (by at least half) when a use needs more:
 * a reader that decodes page after page into it touches the same memory each time, instead of
 * fresh memory per page, which costs a page fault per 4 KiB. What {@link take} gives is valid until
 * the next call.
 */
export class ScratchBytes {
  private buffer = new Uint8Array(0);

  /** @param onGrow - hears the bytes a growth adds, before they are taken (a memory budget may refuse them by throwing). */
  constructor(private readonly onGrow?: (bytes: number) => void) {}

  /** `size` bytes of the buffer, from its start (8-byte aligned: an ArrayBuffer's start is). */
  take(size: number): Uint8Array {
    if (size > this.buffer.length) {
      const grown = Math.max(size, Math.ceil(this.buffer.length * 1.5));
      this.onGrow?.(grown - this.buffer.length);
      this.buffer = new Uint8Array(grown);
    }
    return this.buffer.subarray(0, size);
  }
}
