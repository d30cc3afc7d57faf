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

/**
 * Semantic hostile values, used besides the byte mutations: names and cells that try to act on the
 * output rather than break the parser. Workflow commands after a line break, C0/C1 controls and DEL,
 * terminal escapes (OSC title, CSI clear, SGR colour), bidi overrides and invisible characters, HTML,
 * Markdown links, images and syntax, keys that name JavaScript prototype members, and huge values.
 */
const WORKFLOW_COMMANDS = [
  '::error::pwned',
  '::add-mask::secret',
  '::stop-commands::token',
  '::warning file=x::y',
];
const TERMINAL_ESCAPES = [
  '\u001b]0;pwned\u0007',
  '\u001b]8;;http://evil\u001b\\link\u001b]8;;\u001b\\',
  '\u001b[2J',
  '\u001b[31mred',
  '\u009b31m',
];
const INVISIBLE = ['\u202e', '\u2066', '\u200f', '\u200b', '\ufeff', '\u00ad', '\u2028', '\u2029', '\u061c'];
const MARKUP = [
  '<img src=x onerror=alert(1)>',
  '<a href="http://evil">x</a>',
  '<h1>big</h1>',
  '</script><script>alert(1)</script>',
  '[link](http://evil)',
  '![img](http://evil)',
  '# heading',
  '*em* _em_ `code` ~~s~~ $x$',
  '| cell |',
  '&lt;',
  'http://evil.com www.evil.com a@b.co',
  '\\',
];
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

/** One control character: C0 (line breaks included), DEL or C1. */
function controlCharacter(random: Random): string {
  const code = random.pick([random.int(0x20), 0x7f, 0x80 + random.int(0x20)]);
  return String.fromCharCode(code);
}

/** A hostile value: one or more of the pieces above around an ordinary name; now and then huge. */
export function hostileValue(random: Random): string {
  const piece = () => {
    switch (random.int(6)) {
      case 0:
        return `${random.pick(['\n', '\r\n', '\r'])}${random.pick(WORKFLOW_COMMANDS)}`;
      case 1:
        return random.pick(TERMINAL_ESCAPES);
      case 2:
        return random.pick(INVISIBLE);
      case 3:
        return random.pick(MARKUP);
      case 4:
        return controlCharacter(random);
      default:
        return random.pick(PROTOTYPE_KEYS);
    }
  };
  let value = random.chance(0.2) ? random.pick(PROTOTYPE_KEYS) : `v${random.int(1000)}`;
  for (let count = 1 + random.int(3); count > 0; count--) value += piece();
  if (random.chance(0.05))
    value += random.pick(['x', ' ', '\n::error::x', '<b>', '\u202e']).repeat(20_000 + random.int(40_000));
  return value;
}

/** A hostile key: an exact prototype member name (`__proto__`, `constructor`…) or a hostile value. */
export function hostileKey(random: Random): string {
  return random.chance(0.3) ? random.pick(PROTOTYPE_KEYS) : hostileValue(random);
}
