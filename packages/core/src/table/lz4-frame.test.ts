import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeLz4Frame, Lz4FrameError } from './lz4-frame.js';

// Frames written by the lz4 command-line tool (lz4 1.9.4) from one deterministic input of 100,000
// bytes: scripts/fixtures/lz4-frames.mjs, which printed the input's length and SHA-256 below.
const INPUT_LENGTH = 100_000;
const INPUT_SHA256 = '0a7323680a43ef22323cd52635c3c6c10fe3d2dd444e31b32341cf990c3d9224';
const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../../../fixtures/lz4/${name}`, import.meta.url)));
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** One frame of "abc" as literals only (the @example's bytes): magic, descriptor, one block, end mark. */
const ABC = [0x04, 0x22, 0x4d, 0x18, 0x60, 0x40, 0x82, 0x03, 0x00, 0x00, 0x80, 0x61, 0x62, 0x63, 0, 0, 0, 0];
/** A frame whose one compressed block is `token, literals, offset, extra length`. */
const frameWithBlock = (block: number[]) =>
  Uint8Array.of(0x04, 0x22, 0x4d, 0x18, 0x60, 0x40, 0x82, block.length, 0, 0, 0, ...block, 0, 0, 0, 0);
const failure = (bytes: Uint8Array, limit?: number) => {
  try {
    decodeLz4Frame(bytes, 0, limit);
  } catch (error) {
    expect(error).toBeInstanceOf(Lz4FrameError);
    return (error as Error).message;
  }
  throw new Error('decoded');
};

describe('decodeLz4Frame', () => {
  it('decodes linked 64 KiB blocks with block checksums and the content size (lz4 -B4 -BD -BX --content-size)', () => {
    const bytes = decodeLz4Frame(fixture('linked.lz4'), INPUT_LENGTH);
    expect(bytes.length).toBe(INPUT_LENGTH);
    expect(sha256(bytes)).toBe(INPUT_SHA256);
  });

  it('skips a skippable frame and decodes two frames one after the other (independent blocks)', () => {
    const bytes = decodeLz4Frame(fixture('skippable-and-two-frames.lz4'));
    expect(bytes.length).toBe(2 * INPUT_LENGTH);
    expect(sha256(bytes.subarray(0, INPUT_LENGTH))).toBe(INPUT_SHA256);
    expect(sha256(bytes.subarray(INPUT_LENGTH))).toBe(INPUT_SHA256);
  });

  it('decodes stored (uncompressed) blocks and an overlapping match (a run)', () => {
    expect(new TextDecoder().decode(decodeLz4Frame(Uint8Array.from(ABC)))).toBe('abc');
    // Token 0x15: one literal 'a', then a match of 5 + 4 = 9 bytes at offset 1: ten 'a's.
    expect(new TextDecoder().decode(decodeLz4Frame(frameWithBlock([0x15, 0x61, 0x01, 0x00])))).toBe(
      'a'.repeat(10),
    );
  });

  it('refuses what is not a well-formed frame, with the reason', () => {
    expect(failure(Uint8Array.of(1, 2, 3, 4, 5, 6))).toBe(
      'the data is not an LZ4 frame (wrong magic number)',
    );
    expect(failure(Uint8Array.from(ABC.slice(0, 12)))).toBe('the data ends inside a block');
    expect(failure(Uint8Array.from(ABC.slice(0, 14)))).toBe('the data ends inside a frame');
    // A match whose offset points before the first byte decoded.
    expect(failure(frameWithBlock([0x14, 0x61, 0x05, 0x00]))).toBe(
      'a match refers before the start of the data',
    );
    expect(failure(frameWithBlock([0x10, 0x61, 0x01]))).toBe('a block ends inside a match offset');
    expect(failure(frameWithBlock([0x30, 0x61]))).toBe('a block ends inside its literals');
  });

  it('refuses data that decodes past its limit (LZ4 expands up to about 255 times)', () => {
    expect(failure(fixture('linked.lz4'), 1000)).toBe(
      'the LZ4 data decodes to more than 1000 bytes, the most one buffer may hold',
    );
  });
});
