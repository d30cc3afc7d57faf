import { describe, expect, it } from 'vitest';
import { escapeText, hasUnsafeCharacters } from './escape.js';

describe('escapeText', () => {
  it.each([
    ['plain', 'plain'],
    ['café ünï 日本 😀', 'café ünï 日本 😀'],
    ['C:\\models\\a', 'C:\\models\\a'],
    ['fraud\n::error::pwned', 'fraud\\n::error::pwned'],
    ['a\r\nb\tc', 'a\\r\\nb\\tc'],
    ['\u001b]0;title\u0007', '\\x1b]0;title\\x07'],
    ['\u001b[2J', '\\x1b[2J'],
    ['\u0000\u007f\u0085\u009b', '\\x00\\x7f\\x85\\x9b'],
    ['a\u202eb\u2066c\u200fd\u061c', 'a\\u202eb\\u2066c\\u200fd\\u061c'],
    ['x\u200by\ufeffz\u00ad', 'x\\u200by\\ufeffz\\xad'],
    ['line\u2028sep\u2029', 'line\\u2028sep\\u2029'],
    ['\ud800x', '\\ud800x'],
    ['x\udc00', 'x\\udc00'],
  ])('%j → %j', (input, expected) => {
    expect(escapeText(input)).toBe(expected);
    expect(hasUnsafeCharacters(input)).toBe(input !== expected);
  });

  it('leaves no line feed, carriage return or ESC in any string of code units', () => {
    let all = '';
    for (let code = 0; code < 0x10000; code++) all += String.fromCharCode(code);
    const escaped = escapeText(all);
    for (const code of [0x0a, 0x0d, 0x1b, 0x85, 0x2028, 0x2029, 0x202e])
      expect(escaped.includes(String.fromCharCode(code))).toBe(false);
  });
});
