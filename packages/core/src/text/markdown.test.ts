import { describe, expect, it } from 'vitest';
import { escapeJsonText, escapeText, hasUnsafeCharacters } from './escape.js';
import { escapeMarkdown } from './markdown.js';

describe('escapeMarkdown', () => {
  it.each([
    ['plain', 'plain'],
    ['monthly_spend', 'monthly_spend'],
    ['café ünï 日本_x', 'café ünï 日本_x'],
    ['fixtures/drift/reference.csv', 'fixtures/drift/reference.csv'],
    ['Stage \'a\' has "b"', 'Stage \'a\' has "b"'],
    ['_private', '\\_private'],
    ['snake_', 'snake\\_'],
    ['a__b', 'a\\_\\_b'],
    ['*bold* ~~gone~~', '\\*bold\\* \\~\\~gone\\~\\~'],
    ['`code`', '\\`code\\`'],
    ['$x^2$', '\\$x^2\\$'],
    ['a|b', 'a\\|b'],
    ['C:\\path', 'C:\\\\path'],
    ['[link](http://evil)', '\\[link\\]\\(http\\://evil\\)'],
    ['![img](http://evil)', '\\!\\[img\\]\\(http\\://evil\\)'],
    ['see www.evil.com and WWW.Evil.com', 'see www\\.evil.com and WWW\\.Evil.com'],
    ['ops@example.com', 'ops\\@example.com'],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert\\(1\\)&gt;'],
    ['<a href="x">y</a>', '&lt;a href="x"&gt;y&lt;/a&gt;'],
    ['<!-- hidden -->', '&lt;\\!-- hidden --&gt;'],
    ['&lt; &amp;', '&amp;lt; &amp;amp;'],
    ['# heading', '\\# heading'],
    ['## x', '\\## x'],
    ['a # b', 'a # b'],
    ['   # h', '&#32;  # h'],
    ['    code', '&#32;   code'],
    ['- item', '\\- item'],
    ['+ item', '\\+ item'],
    ['=====', '\\====='],
    ['1. first', '1\\. first'],
    ['12) first', '12\\) first'],
    ['1.5', '1\\.5'],
    ['x\n::error::pwned', 'x\\\\n::error::pwned'],
    ['x\r\n# h', 'x\\\\r\\\\n# h'],
    ['\u001b]0;pwned\u0007', '\\\\x1b\\]0;pwned\\\\x07'],
    ['a\u202eb', 'a\\\\u202eb'],
  ])('%j → %j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });

  it('leaves nothing that opens a tag, a link, an image or a line, in any character', () => {
    let all = '';
    for (let code = 0; code < 0x3000; code++) all += String.fromCharCode(code);
    const escaped = escapeMarkdown(`${all}${all}`);
    expect(hasUnsafeCharacters(escaped)).toBe(false);
    expect(escaped).not.toMatch(/[<>]/);
    // Every special character is preceded by a backslash that is not itself escaped.
    for (const match of escaped.matchAll(/(\\*)([[\]()!`*~$|@])/g))
      expect(match[1]!.length % 2, `${match[0]} at ${match.index}`).toBe(1);
    // `&` only as the start of one of our entities.
    expect(escaped.replace(/&(amp|lt|gt|#32);/g, '')).not.toContain('&');
  });

  it('is O(n): a million special characters in well under a second', () => {
    const started = performance.now();
    expect(escapeMarkdown('_*[<'.repeat(250_000)).length).toBe(250_000 * 10);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('renders as the escapeText form: removing the escapes gives it back', () => {
    const rendered = (markdown: string) =>
      markdown
        .replace(/\\(.)/g, '$1')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&#32;/g, ' ')
        .replace(/&amp;/g, '&');
    for (const value of ['![a](b) <i>&amp;', 'x\n::error::y', 'a_b_c _d_', '# 1. [x]', '\\`|`\\'])
      expect(rendered(escapeMarkdown(value))).toBe(escapeText(value));
  });
});

describe('escapeJsonText', () => {
  it('escapes what a terminal could act on, and the JSON parses to the same value', () => {
    const value = {
      name: 'a\u202eb\u2028c\u2029d\u009be\u007ff\u200bg\ufeff',
      plain: 'café 日本 😀',
      control: '\u001b]0;x\u0007\n',
    };
    const json = JSON.stringify(value, null, 2);
    const safe = escapeJsonText(json);
    expect(JSON.parse(safe)).toEqual(value);
    expect(safe).toContain('"a\\u202eb\\u2028c\\u2029d\\u009be\\u007ff\\u200bg\\ufeff"');
    expect(safe).toContain('"café 日本 😀"');
    expect(safe.replace(/\n/g, ' ')).toBe(escapeText(safe.replace(/\n/g, ' ')));
  });

  it('returns the same string when there is nothing to escape', () => {
    const json = JSON.stringify({ a: [1, 'x'] }, null, 2);
    expect(escapeJsonText(json)).toBe(json);
  });
});
