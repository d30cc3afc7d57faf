import { describe, expect, it } from 'vitest';
import { countPresent, dictionaryIndices } from './parquet-chunk.js';
import { ScratchBytes } from './snappy.js';

/** Levels encoded by the hybrid's rules, for the test: a run, or bit-packed groups of 8. */
const run = (length: number, level: number) => [length * 2, level];
const packed = (levels: readonly (0 | 1)[]) => {
  const groups = Math.ceil(levels.length / 8);
  const bytes = new Array<number>(groups).fill(0);
  levels.forEach((level, index) => {
    bytes[index >> 3]! |= level << (index & 7);
  });
  return [...varint(groups * 2 + 1), ...bytes];
};
/** An unsigned LEB128 varint, as the hybrid's run headers are written. */
const varint = (value: number): number[] =>
  value < 128 ? [value] : [(value & 0x7f) | 0x80, ...varint(value >>> 7)];

describe('countPresent', () => {
  it.each([
    ['a run of ones', [...run(10, 1)], 10, 10],
    ['a run of zeros', [...run(10, 0)], 10, 0],
    ['runs in turn', [...run(3, 1), ...run(4, 0), ...run(5, 1)], 12, 8],
    ['a bit-packed group, padding not counted', packed([1, 0, 1]).concat(), 3, 2],
    ['padding set to 1 is still padding', [3, 0xff], 3, 3],
    ['bit-packed then a run', [...packed([1, 1, 0, 1, 0, 0, 0, 1]), ...run(2, 1)], 10, 6],
    // A run longer than the page (DuckDB pads a page's last run): only `count` levels.
    ['a run past the count', [...run(20, 1)], 5, 5],
  ])('%s', (_, bytes, count, present) => {
    expect(countPresent(Uint8Array.from(bytes), 0, bytes.length, count)).toBe(present);
  });

  it('reads a varint header of two bytes (a run of 100)', () => {
    // 200 = 0b1_1001000: 0xc8 0x01
    expect(countPresent(Uint8Array.of(0xc8, 0x01, 1), 0, 3, 100)).toBe(100);
  });

  it('counts a long bit-packed page exactly', () => {
    const levels = Array.from({ length: 1000 }, (_, index) => ((index * 7919) % 3 === 0 ? 0 : 1) as 0 | 1);
    const expected = levels.filter((level) => level === 1).length;
    const bytes = packed(levels);
    expect(countPresent(Uint8Array.from(bytes), 0, bytes.length, 1000)).toBe(expected);
  });

  it.each([
    ['ends in a header', [0x80], 5, 'ends inside its definition levels'],
    ['ends in a group', [5, 0xff], 16, 'ends inside its definition levels'],
    ['an empty run', [0, 1], 5, 'empty or cut run'],
    ['a level of 2', [10, 2], 5, 'a definition level of 2'],
  ])('refuses levels that %s', (_, bytes, count, message) => {
    expect(() => countPresent(Uint8Array.from(bytes), 0, bytes.length, count)).toThrow(message);
  });
});

describe('dictionaryIndices', () => {
  it('reads a run and a bit-packed group at the width in the first byte', () => {
    // Width 2; a run of three 1s; then one bit-packed group of 8 values 0..3,0..3 (2 bits each).
    const block = [2, ...run(3, 1), 3, 0b11100100, 0b11100100];
    expect(Array.from(dictionaryIndices(Uint8Array.from(block), 11, 4, undefined))).toEqual([
      1, 1, 1, 0, 1, 2, 3, 0, 1, 2, 3,
    ]);
  });

  it('gives zeros for a width of 0 (a dictionary of one entry), into reused memory', () => {
    const scratch = new ScratchBytes();
    scratch.take(64).fill(0xff);
    expect(Array.from(dictionaryIndices(Uint8Array.of(0), 5, 1, scratch))).toEqual([0, 0, 0, 0, 0]);
  });

  it.each([
    ['an index past the dictionary', [2, ...run(3, 3)], 3, 3, 'entry 3 of a dictionary of 3'],
    ['a width past 32 bits', [33, 2, 0], 1, 3, 'a width of 33 bits'],
    ['no bytes at all', [], 1, 3, 'ends before its dictionary indices'],
  ])('refuses %s', (_, block, count, entries, message) => {
    expect(() => dictionaryIndices(Uint8Array.from(block), count, entries, undefined)).toThrow(message);
  });
});
