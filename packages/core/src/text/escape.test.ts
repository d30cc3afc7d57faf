import { describe, expect, it } from 'vitest';
import { escapeText, escapeXml, hasUnsafeCharacters } from './escape.js';

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

describe('escapeXml', () => {
  it.each([
    ['plain café 日本 😀', 'plain café 日本 😀'],
    ['a < b & "c" \'d\' > e', 'a &lt; b &amp; &quot;c&quot; &apos;d&apos; &gt; e'],
    [']]>', ']]&gt;'],
    ['<![CDATA[x]]>', '&lt;![CDATA[x]]&gt;'],
    ['&amp;', '&amp;amp;'],
    ['a\tb\nc\r\nd', 'a&#9;b&#10;c&#13;&#10;d'],
    ['\u0000\u0008\u000b\u000c\u000e\u001f', '\\x00\\x08\\x0b\\x0c\\x0e\\x1f'],
    ['\u001b]0;title\u0007', '\\x1b]0;title\\x07'],
    ['\ufffe\uffff', '\\ufffe\\uffff'],
    ['\ud800x\udc00', '\\ud800x\\udc00'],
    ['a\u202eb\u200bc\u0085d\u007f', 'a\\u202eb\\u200bc\\x85d\\x7f'],
    ['\ud83d\ude00', '\ud83d\ude00'],
    ['\ufffd\ue000\ud7ff', '\ufffd\ue000\ud7ff'],
  ])('%j → %j', (input, expected) => {
    expect(escapeXml(input)).toBe(expected);
  });

  it('leaves only characters XML 1.0 allows, and no markup, in any string of code units', () => {
    let all = '';
    for (let code = 0; code < 0x10000; code++) all += String.fromCharCode(code);
    const escaped = escapeXml(all);
    // XML 1.0, production [2] Char, less tab, LF and CR (written as references), all in UTF-16.
    const allowed = /^(?:[\u0020-\ud7ff\ue000-\ufffd]|[\ud800-\udbff][\udc00-\udfff])*$/;
    expect(allowed.test(escaped)).toBe(true);
    expect(/[<>"']|&(?!(?:amp|lt|gt|quot|apos|#9|#10|#13);)/.test(escaped)).toBe(false);
  });
});
