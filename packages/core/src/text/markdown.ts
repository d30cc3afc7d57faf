import { escapeText } from './escape.js';

/**
 * Makes text from input safe to put inside a line of GitHub-flavoured Markdown (a table cell, a
 * heading, a sentence): whatever the value holds, it renders as the same characters, never as HTML, a
 * link, an image, a heading, a list, emphasis, code or math, and it cannot end a table cell or a line.
 *
 * First {@link escapeText}, so control, bidi and invisible characters (and line breaks) show as their
 * escapes and nothing acts on a terminal or a CI log. Then:
 *
 * - `&`, `<`, `>` become `&amp;`, `&lt;`, `&gt;`: no tag, comment or `<…>` autolink can begin, so no
 *   attribute can either (quotes, inert outside a tag, stay as they are).
 * - `\`, `|`, `[`, `]`, `(`, `)`, `!`, `` ` ``, `*`, `~`, `$` get a backslash: no link, image, table
 *   cell, code span, emphasis, strikethrough or math. `_` too, unless it sits between two letters or
 *   digits (`monthly_spend`), where Markdown never reads it as emphasis.
 * - `@` gets a backslash, and so do `://` and `www.` (`http\://`, `www\.`): bare e-mail and web
 *   addresses are not made links (GitHub may still link an `@name` as a mention after rendering).
 * - At the start of the value, `#`, `-`, `+`, `=` and `1.`/`1)` get a backslash, and a space becomes
 *   `&#32;`: a value that starts a line is not a heading, a list item or a code block.
 *
 * Escaped text renders as the {@link escapeText} form of the value: `a|b` renders `a|b`,
 * `fraud\n::error::x` renders `fraud\n::error::x` on one line. O(n).
 *
 * @example escapeMarkdown('![x](http://evil)') // => '\\!\\[x\\]\\(http\\://evil\\)'
 * @example escapeMarkdown('<img src=x>') // => '&lt;img src=x&gt;'
 * @example escapeMarkdown('monthly_spend') // => 'monthly_spend'
 */
export function escapeMarkdown(text: string): string {
  const visible = escapeText(text);
  const escaped = visible.replace(SPECIAL, (match: string, offset: number) => {
    switch (match) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '_':
        return isWordCharacter(visible, offset - 1) && isWordCharacter(visible, offset + 1) ? '_' : '\\_';
      case '://':
        return '\\://';
      default:
        // `www.` (any case): the backslash goes before the dot.
        if (match.length === 4) return `${match.slice(0, 3)}\\.`;
        return `\\${match}`;
    }
  });
  return escaped.replace(LINE_START, (start: string) =>
    start === ' ' ? '&#32;' : start.endsWith('.') ? `${start.slice(0, -1)}\\.` : `\\${start}`,
  );
}

/**
 * Text from input in monospace: {@link escapeMarkdown} inside `<code>`, where Markdown still reads the
 * escapes (a backtick code span would show them, and end at a backtick in the value).
 *
 * @example markdownCode('data/a_b.csv') // => '<code>data/a_b.csv</code>'
 */
export function markdownCode(text: string): string {
  return `<code>${escapeMarkdown(text)}</code>`;
}

const SPECIAL = /[&<>\\|[\]()!`*~$@_]|:\/\/|www\./gi;

/**
 * A heading, a list item or a setext underline, were the value to start a line (`1)` is escaped
 * already); or a space, which could indent one of those or start an indented code block.
 */
const LINE_START = /^(?:[ #\-+=]|\d{1,9}\.)/;

const WORD = /[\p{L}\p{N}]/u;

function isWordCharacter(text: string, index: number): boolean {
  const character = text[index];
  return character !== undefined && WORD.test(character);
}
