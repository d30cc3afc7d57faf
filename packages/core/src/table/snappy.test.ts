import { snappyCompress } from 'hysnappy';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../tests/helpers/random.js';
import { decodeSnappy, decodeSnappyInto, ScratchBytes, SnappyError, snappyLength } from './snappy.js';

// Blocks written by hand from the format's description, and blocks written by Google's own Snappy
// compressor (the C++ library, compiled to WebAssembly in hysnappy): an encoder independent of the
// decoder under test.

const bytes = (text: string) => new TextEncoder().encode(text);
/** Where two byte arrays first differ (-1: nowhere), a cheap check for large arrays. */
const firstDifference = (left: Uint8Array, right: Uint8Array) => {
  if (Buffer.from(left.buffer, left.byteOffset, left.length).equals(right)) return -1;
  const index = left.findIndex((byte, at) => byte !== right[at]);
  return index === -1 ? Math.min(left.length, right.length) : index;
};
const decode = (block: readonly number[], length: number) =>
  decodeSnappy(Uint8Array.from(block), new Uint8Array(length));

describe('decodeSnappy', () => {
  it('decodes a short literal', () => {
    // Length 3, then a literal of 3 bytes (tag (3 - 1) << 2).
    expect(decode([0x03, 0x08, 0x61, 0x62, 0x63], 3)).toEqual(bytes('abc'));
  });

  it('decodes a literal whose length is in the byte after its tag', () => {
    const text = 'x'.repeat(100);
    // Tag 60 << 2: one length byte follows, holding length - 1.
    expect(decode([100, 60 << 2, 99, ...bytes(text)], 100)).toEqual(bytes(text));
  });

  it('decodes a literal whose length takes four bytes', () => {
    const data = Uint8Array.from({ length: 300 }, (_, index) => index % 251);
    // Tag 63 << 2: four length bytes, little-endian, of 299.
    const block = [0xac, 0x02, 63 << 2, 0x2b, 0x01, 0, 0, ...data];
    expect(decode(block, 300)).toEqual(data);
  });

  it('decodes copies with 1-, 2- and 4-byte offsets', () => {
    // 'abcd', then a 1-byte-offset copy of 4 from 4 back (tag 0b000_000_01), then a 2-byte-offset
    // copy of 8 from 8 back (tag (8 - 1) << 2 | 2), then a 4-byte-offset copy of 2 from 3 back.
    const block = [16 + 2, 0x0c, ...bytes('abcd'), 0x01, 4, (7 << 2) | 2, 8, 0, (1 << 2) | 3, 3, 0, 0, 0];
    expect(new TextDecoder().decode(decode(block, 18))).toBe('abcdabcdabcdabcdbc');
  });

  it('repeats the bytes being written when the offset is shorter than the copy (a run)', () => {
    // 'a', then a copy of 40 from 1 back: 41 a's.
    expect(decode([41, 0x00, 0x61, (39 << 2) | 2, 1, 0], 41)).toEqual(bytes('a'.repeat(41)));
  });

  it('decodes a long copy that does not overlap in one move', () => {
    const head = Uint8Array.from({ length: 64 }, (_, index) => index);
    // 64 literal bytes, then a copy of 64 from 64 back.
    const block = [128, 1, 60 << 2, 63, ...head, (63 << 2) | 2, 64, 0];
    expect(decode(block, 128)).toEqual(Uint8Array.from([...head, ...head]));
  });

  it.each([
    ['random bytes (literals)', (next: () => number) => Math.floor(next() * 256)],
    ['a few symbols (copies)', (next: () => number) => 97 + Math.floor(next() * 3)],
    ['runs', (next: () => number) => (next() < 0.02 ? Math.floor(next() * 256) : 0)],
  ])('gives back what Snappy compressed: %s', (_, byte) => {
    const next = seededRandom(7);
    for (const size of [0, 1, 59, 60, 61, 4096, 65_536, 65_537, 300_000]) {
      const data = Uint8Array.from({ length: size }, () => byte(next));
      const block = snappyCompress(data);
      expect(firstDifference(decodeSnappy(block, new Uint8Array(size)), data)).toBe(-1);
    }
  });

  it('gives back text compressed with copies of every length', () => {
    const data = bytes('the quick brown fox jumps over the lazy dog; '.repeat(2000));
    expect(firstDifference(decodeSnappy(snappyCompress(data), new Uint8Array(data.length)), data)).toBe(-1);
  });

  it('either decodes a damaged block or throws a SnappyError, never another error', () => {
    const next = seededRandom(11);
    const data = bytes('drift gate '.repeat(300) + 'x'.repeat(500));
    const block = snappyCompress(data);
    let refused = 0;
    for (let round = 0; round < 2000; round++) {
      const damaged = Uint8Array.from(block);
      for (let change = 0; change < 1 + Math.floor(next() * 4); change++)
        damaged[Math.floor(next() * damaged.length)] = Math.floor(next() * 256);
      const cut = next() < 0.2 ? damaged.subarray(0, Math.floor(next() * damaged.length)) : damaged;
      try {
        decodeSnappy(cut, new Uint8Array(data.length));
      } catch (error) {
        expect(error).toBeInstanceOf(SnappyError);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(100);
  });

  it.each([
    ['a length other than expected', [0x03, 0x08, 0x61, 0x62, 0x63], 4, 'decodes to 3 bytes, where 4'],
    ['a literal past the input', [0x03, 0x08, 0x61, 0x62], 3, 'ends inside a literal'],
    ['a literal length cut short', [100, 61 << 2, 0x01], 100, 'ends inside a literal'],
    ['a literal past the length', [0x02, 0x08, 0x61, 0x62, 0x63], 2, 'more than its 2 bytes'],
    ['a copy with offset 0', [8, 0x00, 0x61, 0x01, 0], 8, 'copies from 0 bytes back'],
    ['a copy from before the start', [8, 0x00, 0x61, 0x01, 2], 8, 'copies from 2 bytes back'],
    ['a copy past the length', [4, 0x00, 0x61, (9 << 2) | 2, 1, 0], 4, 'more than its 4 bytes'],
    ['a copy cut short', [4, 0x00, 0x61, 0x02, 1], 4, 'ends inside a copy'],
    ['fewer bytes than declared', [4, 0x00, 0x61], 4, 'ends after 1 of its 4 bytes'],
    ['no length', [], 0, 'no valid length'],
    ['a length of more than 32 bits', [0xff, 0xff, 0xff, 0xff, 0x7f], 0, 'no valid length'],
  ])('refuses %s', (_, block, length, message) => {
    expect(() => decode(block, length)).toThrow(SnappyError);
    expect(() => decode(block, length)).toThrow(message);
  });
});

describe('decodeSnappyInto', () => {
  it('decodes into reused memory', () => {
    const scratch = new ScratchBytes();
    const first = decodeSnappyInto(Uint8Array.of(0x03, 0x08, 0x61, 0x62, 0x63), 3, scratch);
    expect(new TextDecoder().decode(first)).toBe('abc');
    const second = decodeSnappyInto(Uint8Array.of(0x02, 0x04, 0x78, 0x79), 2, scratch);
    expect(second.buffer).toBe(first.buffer);
    expect(new TextDecoder().decode(second)).toBe('xy');
  });

  it('refuses, before taking memory, a length the block cannot hold', () => {
    const grown: number[] = [];
    const scratch = new ScratchBytes((bytes) => grown.push(bytes));
    // Declares 2^31 bytes in a block of 6: at most 6 * 64 / 3 + 64 = 192.
    const block = Uint8Array.of(0x80, 0x80, 0x80, 0x80, 0x08, 0x00);
    expect(() => decodeSnappyInto(block, 2 ** 31, scratch)).toThrow('cannot decode to 2147483648 bytes');
    expect(() => decodeSnappyInto(block, 10, scratch)).toThrow('decodes to 2147483648 bytes, where 10');
    expect(grown).toEqual([]);
  });
});

describe('snappyLength', () => {
  it('reads the varint at the start', () => {
    expect(snappyLength(Uint8Array.of(0xfe, 0xff, 0x7f))).toEqual({ length: 2_097_150, start: 3 });
  });
});

describe('ScratchBytes', () => {
  it('gives the same memory again, and grows by at least half when asked for more', () => {
    const scratch = new ScratchBytes();
    const first = scratch.take(100);
    first[0] = 7;
    const again = scratch.take(50);
    expect(again.buffer).toBe(first.buffer);
    expect(again[0]).toBe(7);
    expect(scratch.take(120).buffer.byteLength).toBe(150);
    expect(scratch.take(1000).length).toBe(1000);
    expect(scratch.take(1000).buffer.byteLength).toBe(1000);
  });

  it('tells each growth before taking the memory, which a budget may refuse', () => {
    const grown: number[] = [];
    const scratch = new ScratchBytes((bytes) => {
      if (bytes > 500) throw new Error('over budget');
      grown.push(bytes);
    });
    scratch.take(100);
    scratch.take(100);
    scratch.take(200);
    expect(grown).toEqual([100, 100]);
    expect(() => scratch.take(900)).toThrow('over budget');
    expect(scratch.take(200).buffer.byteLength).toBe(200); // the refused growth took nothing
  });
});
