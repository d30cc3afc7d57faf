import { isBlankCell, parsePythonFloat, pythonStrip } from './python-float.js';

/**
 * Per-column storage of a CSV file: the one shape every CSV reader of the toolkit produces (the
 * general csv-parse reader here; a byte-level reader for unquoted files can produce the same).
 *
 * Nothing is kept per row. Each column holds:
 * - `numbers`: a Float64Array of the values of the cells that are finite numbers by Python's
 *   `float()` rules (see {@link parsePythonFloat}), in file order;
 * - `codes` + `categories`: dictionary codes (Int32Array, indexes into the string table
 *   `categories`) of the cells kept as text, in file order. A column read with `keepText` keeps the
 *   text of every non-missing cell (numbers included, as written: `7` and `7.0` stay distinct);
 *   otherwise only the cells that are not numbers get a code;
 * - counts of missing cells (blank, `nan`/±inf in any spelling, or a `--na-values` marker).
 *
 * So for every column: `rowCount = missingCount + numbers.length + textCount`, and `codes.length` is
 * `numbers.length + textCount` with `keepText`, `textCount` without.
 */
export interface CsvColumn {
  /** The header name. */
  readonly name: string;
  /** Cells that are blank, a NaN or infinite number, or one of the extra missing markers. */
  readonly missingCount: number;
  /** Finite numeric values, in file order. */
  readonly numbers: Float64Array;
  /** Non-missing cells that are not numbers. */
  readonly textCount: number;
  /** Whether `codes` covers the numeric cells too (the column was read with `keepText`). */
  readonly keepsText: boolean;
  /** Dictionary codes of the cells kept as text, in file order; each an index into `categories`. */
  readonly codes: Int32Array;
  /** The string table: each distinct text once, in order of first appearance. */
  readonly categories: readonly string[];
}

/** A whole CSV file in per-column storage. */
export interface CsvColumnTable {
  /** The file as the user named it, for messages. */
  readonly file: string;
  /** Header names, in file order (unique). */
  readonly header: readonly string[];
  /** Data rows (empty lines are skipped, as Python's csv.DictReader does). */
  readonly rowCount: number;
  /** One entry per header name, in the same order. */
  readonly columns: readonly CsvColumn[];
}

/** Non-missing cells of a column: numbers plus text. */
export function csvPresentCount(column: CsvColumn): number {
  return column.numbers.length + column.textCount;
}

/** Appends numbers to a Float64Array that doubles as it fills. */
export class Float64Builder {
  private buffer: Float64Array;
  length = 0;
  constructor(capacity = 1024) {
    this.buffer = new Float64Array(capacity);
  }
  push(value: number): void {
    if (this.length === this.buffer.length) {
      const bigger = new Float64Array(this.buffer.length * 2);
      bigger.set(this.buffer);
      this.buffer = bigger;
    }
    this.buffer[this.length++] = value;
  }
  /** A right-sized copy. */
  finish(): Float64Array {
    return this.buffer.slice(0, this.length);
  }
}

/** Appends 32-bit integers to an Int32Array that doubles as it fills. */
export class Int32Builder {
  private buffer: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.buffer = new Int32Array(capacity);
  }
  push(value: number): void {
    if (this.length === this.buffer.length) {
      const bigger = new Int32Array(this.buffer.length * 2);
      bigger.set(this.buffer);
      this.buffer = bigger;
    }
    this.buffer[this.length++] = value;
  }
  finish(): Int32Array {
    return this.buffer.slice(0, this.length);
  }
}

/**
 * Builds one {@link CsvColumn} cell by cell: the one place that decides what a cell is, shared by
 * every reader. `addCell` classifies a cell's text (missing, number, text); a reader that parses
 * numbers itself (a byte-level fast path) can call `addNumber`, `addMissing` and `addText` directly,
 * as long as it follows the same rules.
 */
export class CsvColumnBuilder {
  private readonly numbers = new Float64Builder();
  private readonly codes = new Int32Builder();
  private readonly dictionary = new Map<string, number>();
  private readonly categories: string[] = [];
  private missing = 0;
  private text = 0;

  /**
   * @param name - the header name.
   * @param keepText - also give numeric cells a dictionary code (columns compared as categories).
   * @param naValues - extra missing markers, compared with the cell stripped of white space.
   */
  constructor(
    private readonly name: string,
    private readonly keepText: boolean,
    private readonly naValues?: ReadonlySet<string>,
  ) {}

  /** Classifies and stores one cell. */
  addCell(cell: string): void {
    if (isBlankCell(cell) || this.naValues?.has(pythonStrip(cell))) {
      this.missing += 1;
      return;
    }
    const value = parsePythonFloat(cell);
    if (value === undefined) this.addText(cell);
    else if (Number.isFinite(value)) this.addNumber(value, cell);
    else this.missing += 1;
  }

  /** A missing cell. */
  addMissing(): void {
    this.missing += 1;
  }

  /** A finite number; `cell` (its text) is needed only when the column keeps text. */
  addNumber(value: number, cell?: string): void {
    this.numbers.push(value);
    if (this.keepText) this.codes.push(this.code(cell ?? String(value)));
  }

  /** A non-missing cell that is not a number. */
  addText(cell: string): void {
    this.text += 1;
    this.codes.push(this.code(cell));
  }

  private code(cell: string): number {
    let code = this.dictionary.get(cell);
    if (code === undefined) {
      code = this.categories.length;
      this.categories.push(cell);
      this.dictionary.set(cell, code);
    }
    return code;
  }

  /** The finished column, its arrays cut to size. */
  finish(): CsvColumn {
    return {
      name: this.name,
      missingCount: this.missing,
      numbers: this.numbers.finish(),
      textCount: this.text,
      keepsText: this.keepText,
      codes: this.codes.finish(),
      categories: this.categories,
    };
  }
}
