import type { Random } from './harness.js';

/**
 * Byte-level mutations of a valid file, the ways real files go wrong: cut short, bytes flipped or
 * dropped, NUL bytes, invalid UTF-8, huge numbers, very long lines, deep nesting, line ends and BOMs.
 * Each returns a new buffer and a short name, so a failing case says what was done to it.
 */

/** Byte sequences that are not valid UTF-8: a lone continuation byte, a truncated sequence, an overlong form, a surrogate, 0xff. */
const INVALID_UTF8 = [
  [0x80],
  [0xc3],
  [0xe2, 0x82],
  [0xc0, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xff],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
];

const HUGE_NUMBERS = [
  '1e999',
  '-1e999',
  '1e308',
  '-1.7976931348623157e308',
  '5e-324',
  '123456789012345678901234567890123456789',
  '0.000000000000000000000000000000000000001',
  '9007199254740993',
  'NaN',
  'Infinity',
  '-0',
  '1e-400',
  `1${'0'.repeat(400)}`,
];

/**
 * What long lines are made of. Runs of spaces once made two regular expressions quadratic (see
 * tests/fuzz/known-issues.test.ts, now fixed), so they are in for every suite.
 */
const LONG_LINE_UNITS = ['x', '9', ',', '"', 'é', '\t,', ' '];

export interface MutateOptions {
  /** Kept for callers: long lines may be runs of spaces in every suite now. */
  spaces?: boolean;
}

const insert = (buffer: Buffer, at: number, piece: Buffer) =>
  Buffer.concat([buffer.subarray(0, at), piece, buffer.subarray(at)]);

export type Mutation = (buffer: Buffer, random: Random, options: MutateOptions) => Buffer;

export const MUTATIONS: Record<string, Mutation> = {
  truncate: (buffer, random) => buffer.subarray(0, random.int(buffer.length + 1)),
  flipBytes: (buffer, random) => {
    const copy = Buffer.from(buffer);
    for (let count = 1 + random.int(4); count > 0 && copy.length > 0; count--)
      copy[random.int(copy.length)] = random.int(256);
    return copy;
  },
  deleteSlice: (buffer, random) => {
    const start = random.int(buffer.length + 1);
    return Buffer.concat([buffer.subarray(0, start), buffer.subarray(start + 1 + random.int(40))]);
  },
  duplicateSlice: (buffer, random) => {
    const start = random.int(buffer.length + 1);
    return insert(buffer, start, buffer.subarray(start, start + 1 + random.int(80)));
  },
  nulBytes: (buffer, random) =>
    insert(buffer, random.int(buffer.length + 1), Buffer.alloc(1 + random.int(3))),
  invalidUtf8: (buffer, random) =>
    insert(buffer, random.int(buffer.length + 1), Buffer.from(random.pick(INVALID_UTF8))),
  hugeNumber: (buffer, random) => {
    // Replace a number in the text by a huge (or tiny, or non-finite) one.
    const text = buffer.toString('latin1');
    const numbers = [...text.matchAll(/-?\d+(\.\d+)?([eE][-+]?\d+)?/g)];
    const huge = random.pick(HUGE_NUMBERS);
    if (numbers.length === 0) return insert(buffer, random.int(buffer.length + 1), Buffer.from(huge));
    const match = random.pick(numbers);
    return Buffer.from(
      text.slice(0, match.index) + huge + text.slice(match.index! + match[0].length),
      'latin1',
    );
  },
  longLine: (buffer, random) =>
    insert(
      buffer,
      random.int(buffer.length + 1),
      Buffer.from(random.pick(LONG_LINE_UNITS).repeat(100_000 + random.int(200_000))),
    ),
  deepNesting: (buffer, random) => {
    const depth = random.pick([100, 1000, 5000, 20_000, 100_000]);
    const [open, close] = random.pick([
      ['[', ']'],
      ['{"a":', '}'],
    ]);
    const nested =
      open!.repeat(depth) +
      (open === '[' ? '' : '1') +
      close!.repeat(random.chance(0.8) ? depth : random.int(depth));
    return insert(buffer, random.int(buffer.length + 1), Buffer.from(nested));
  },
  lineEnds: (buffer, random) => {
    const text = buffer.toString('latin1');
    const mixed = text.replace(/\r?\n/g, () => random.pick(['\n', '\r\n', '\r', '\n\n', '']));
    return Buffer.from(mixed, 'latin1');
  },
  byteOrderMark: (buffer, random) =>
    insert(
      buffer,
      random.chance(0.7) ? 0 : random.int(buffer.length + 1),
      Buffer.from(
        random.pick([
          [0xef, 0xbb, 0xbf],
          [0xfe, 0xff],
          [0xff, 0xfe],
        ]),
      ),
    ),
  randomBytes: (_buffer, random) => random.bytes(random.int(random.chance(0.1) ? 100_000 : 400)),
  empty: () => Buffer.alloc(0),
};

export const MUTATION_NAMES = Object.keys(MUTATIONS);

/** One to three mutations in a row; returns the result and their names. */
export function mutate(
  buffer: Buffer,
  random: Random,
  options: MutateOptions = {},
): { bytes: Buffer; applied: string[] } {
  const applied: string[] = [];
  let bytes = buffer;
  for (let count = 1 + (random.chance(0.3) ? random.int(3) : 0); count > 0; count--) {
    const name = random.pick(MUTATION_NAMES);
    applied.push(name);
    bytes = MUTATIONS[name]!(bytes, random, options);
  }
  return { bytes, applied };
}
