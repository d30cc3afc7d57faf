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
 * `text` cut to at most `width` display columns, ending in `…` where cut (nothing at all for a width
 * under 1). Cuts between grapheme clusters, never inside one (a wide character or an emoji sequence
 * is kept whole or left out).
 *
 * @example cutToWidth('auc=0.91, loss=0.2', 9) // => 'auc=0.91…'
 */
export function cutToWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (width < 1) return '';
  let room = width - 1;
  let kept = '';
  for (const { segment } of graphemes.segment(text)) {
    const segmentWidth = displayWidth(segment);
    if (segmentWidth > room) break;
    kept += segment;
    room -= segmentWidth;
  }
  return `${kept}…`;
}

/** How a text table is laid out: see layoutTable. */
export interface TableLayoutOptions {
  /**
   * The least width of each fixed column (every column but the last): the legacy layout's widths,
   * which scripts reading a pipe rely on. A longer cell widens its column. Default: none (each
   * column as wide as its widest cell).
   */
  readonly minWidths?: readonly number[];
  /** Between two columns; default one space. */
  readonly gap?: string;
  /** The terminal's width (see tableColumns), or undefined for a pipe or a file: rows whole. */
  readonly columns?: number | undefined;
  /**
   * The fewest display columns the last, free-text column should keep on a terminal: when the
   * fixed columns at their least widths leave less, they shrink to their widest cells. Default 12.
   */
  readonly freeRoom?: number;
  /** Whether the first row is the header, which a stacked table leaves out. */
  readonly header?: boolean;
}

/** A table laid out: its rows, and the display width of its fixed part (every column but the last, with gaps). */
export interface TableLayout {
  /**
   * One text per input row; in the stacked layout (see layoutTable) a row's text holds line breaks,
   * and the header row is left out.
   */
  readonly rows: string[];
  readonly fixedWidth: number;
  /** Whether the rows are stacked: their fixed part did not fit the terminal even at its narrowest. */
  readonly stacked: boolean;
}

/**
 * A text table: every column but the last padded to a fixed width, the last (free text: metrics, a
 * reason, details) as it is. Widths count display columns (CJK and emoji count two). On a terminal
 * (`columns`), the table fits its width: the fixed columns keep their least widths while that leaves
 * the free column `freeRoom` columns, and otherwise shrink to their widest cells; then the free
 * column is cut with `…`. The fixed columns are never cut. When even their widest cells leave the
 * free column less than `freeRoom`, the rows are stacked instead: each row's fixed cells on a line,
 * wrapped between cells, and its free text wrapped on the lines below, indented by two; the header
 * row (`header`, the first) is left out, as nothing lines up under it. Trailing spaces are trimmed.
 *
 * @example layoutTable([['a', 'one two']], { minWidths: [3], columns: 8 }).rows // => ['a   one…']
 */
export function layoutTable(
  rows: readonly (readonly string[])[],
  options: TableLayoutOptions = {},
): TableLayout {
  const gap = options.gap ?? ' ';
  const gapWidth = displayWidth(gap);
  const freeRoom = options.freeRoom ?? 12;
  const fixedCount = Math.max(0, ...rows.map((row) => row.length - 1));
  const widest = Array.from({ length: fixedCount }, (_, index) =>
    Math.max(0, ...rows.map((row) => (index < row.length - 1 ? displayWidth(row[index]!) : 0))),
  );
  const atLeast = widest.map((width, index) => Math.max(width, options.minWidths?.[index] ?? 0));
  const fixedOf = (widths: readonly number[]) => widths.reduce((sum, width) => sum + width + gapWidth, 0);
  const { columns } = options;
  if (columns !== undefined && fixedCount > 0 && fixedOf(widest) + freeRoom > columns) {
    const body = options.header === true ? rows.slice(1) : rows;
    return { rows: body.map((row) => stackedRow(row, columns, gap)), fixedWidth: 0, stacked: true };
  }
  const widths = columns !== undefined && fixedOf(atLeast) + freeRoom > columns ? widest : atLeast;
  const fixedWidth = fixedOf(widths);
  const line = (row: readonly string[]) => {
    const fixed = row.slice(0, -1).map((cell, index) => padDisplay(cell, widths[index]!) + gap);
    const free = row.at(-1) ?? '';
    const room = columns === undefined ? Number.POSITIVE_INFINITY : columns - fixedWidth;
    return (fixed.join('') + cutToWidth(free, room)).trimEnd();
  };
  return { rows: rows.map(line), fixedWidth, stacked: false };
}

/** A row of a stacked table (see layoutTable): its fixed cells wrapped between cells, then its free text wrapped and indented. */
function stackedRow(row: readonly string[], columns: number, gap: string): string {
  const cells = row.slice(0, -1).filter((cell) => cell !== '');
  const lines: string[] = [];
  let line = '';
  for (const cell of cells) {
    if (line !== '' && displayWidth(line) + displayWidth(gap) + displayWidth(cell) > columns) {
      lines.push(line);
      line = `  ${cell}`;
    } else line = line === '' ? cell : `${line}${gap}${cell}`;
  }
  if (line !== '') lines.push(line);
  const free = row.at(-1) ?? '';
  if (free !== '') lines.push(...wrapToWidth(`  ${free}`, columns, 2));
  return lines.join('\n');
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

/**
 * `text` wrapped at spaces into lines of at most `columns` display columns, the lines after the first
 * indented by `indent` spaces; `text` whole when `columns` is undefined (a pipe or a file). A word
 * longer than a line is not broken: it takes a line of its own, for the terminal to wrap.
 *
 * @example wrapToWidth('update encoding and retrain', 16, 2) // => ['update encoding', '  and retrain']
 */
export function wrapToWidth(text: string, columns: number | undefined, indent = 0): string[] {
  if (columns === undefined || displayWidth(text) <= columns) return [text];
  const lines: string[] = [];
  let line = '';
  let width = 0;
  let empty = true;
  for (const word of text.split(' ')) {
    const wordWidth = displayWidth(word);
    if (!empty && width + 1 + wordWidth > columns) {
      lines.push(line);
      line = ' '.repeat(indent);
      width = indent;
      empty = true;
    }
    line += empty ? word : ` ${word}`;
    width += empty ? wordWidth : wordWidth + 1;
    empty = false;
  }
  lines.push(line);
  return lines;
}
