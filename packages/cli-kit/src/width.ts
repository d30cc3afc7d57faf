import stringWidth from 'string-width';
import type { OutputStream } from './context.js';

/**
 * Display width for text tables: how many terminal columns a text takes, East Asian wide characters
 * (CJK) and emoji counting two, combining marks none (string-width, which follows Unicode's East Asian
 * Width property and grapheme clusters). Printable ASCII, what almost every cell holds, is measured by
 * its length without asking string-width.
 *
 * @example displayWidth('model') // => 5
 * @example displayWidth('推荐') // => 4
 */
export function displayWidth(text: string): number {
  return PRINTABLE_ASCII.test(text) ? text.length : stringWidth(text);
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * `text` left-aligned in `width` display columns, padded with spaces (never cut: a longer text
 * overflows, as Python's `f"{text:<width}"`).
 *
 * @example padDisplay('推荐', 6) // => '推荐  '
 */
export function padDisplay(text: string, width: number): string {
  const shown = displayWidth(text);
  return shown >= width ? text : text + ' '.repeat(width - shown);
}

/**
 * A table row cut to fit `columns` display columns, with `…` in its last column: only the part after
 * `fixed` (the row's fixed columns, kept whole) is cut, and a row whose fixed part alone does not fit
 * is left whole. Cuts between grapheme clusters, never inside one.
 *
 * @example fitRow('name  1.0  auc=0.91, loss=0.2', 20, 11) // => 'name  1.0  auc=0.91…'
 */
export function fitRow(row: string, columns: number, fixed: number): string {
  if (displayWidth(row) <= columns) return row;
  const head = row.slice(0, fixed);
  let room = columns - displayWidth(head) - 1;
  if (room < 1) return row;
  let tail = '';
  for (const { segment } of graphemes.segment(row.slice(fixed))) {
    const width = displayWidth(segment);
    if (width > room) break;
    tail += segment;
    room -= width;
  }
  return `${head}${tail}…`;
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * The width a table printed to `stream` must fit: the terminal's columns when it is one, none for a
 * pipe or a file (whose readers, scripts and logs, get every row whole).
 */
export function tableColumns(stream: OutputStream): number | undefined {
  return stream.isTTY === true && stream.columns !== undefined && stream.columns > 0
    ? stream.columns
    : undefined;
}
