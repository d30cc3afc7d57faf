import type { CsvColumnBuilder, NumberArray } from '../csv/columns.js';

/** addIndexed's memo of an entry: not seen yet, a missing cell, or anything else but a text. */
const UNSEEN = -1;
const MISSING = -2;
const OTHER = -3;

/**
 * Typed values (from Parquet, Arrow or JSON Lines) into the per-column storage every reader produces
 * (see csv/columns.ts): the one place that decides what a typed value is, so that every format gives
 * the same table for the same data, and the same table as the CSV file of that data.
 *
 * - `null`, `undefined`: a missing cell.
 * - A number (any integer or float width; float32 arrives widened to the same double, as pandas and
 *   polars widen it): a NaN or an infinity is a missing cell, as in CSV; any other is that number.
 * - A BigInt (64-bit integers): the nearest double (exact up to 2^53, then rounded to nearest, ties to
 *   even, as Python's `float()` rounds the same digits in a CSV cell).
 * - A boolean: the text `true` or `false` (a category).
 * - A string: a CSV cell, by the same rules (blank or a missing marker is missing, number text is a
 *   number, anything else is text), so a string column holding `"1.5"` reads as it would from CSV.
 *
 * A column compared as categories keeps each number's text too (see CsvColumnBuilder): for a value
 * stored as a number that text is the shortest that reads back to it (JavaScript's `String`, `7` for
 * 7.0 and `0.1` for 0.1); a BigInt's is its digits. A CSV cell keeps its text as written instead.
 */
export class TypedColumnSink {
  constructor(private readonly builder: CsvColumnBuilder) {}

  /** A missing value. */
  addMissing(): void {
    this.builder.addMissing();
  }

  /** Makes room for `rows` more values, in the shares seen so far (see CsvColumnBuilder.reserveRows). */
  reserveRows(rows: number): void {
    this.builder.reserveRows(rows);
  }

  /** A number of any width. */
  addNumber(value: number): void {
    if (Number.isFinite(value)) this.builder.addNumber(value);
    else this.builder.addMissing();
  }

  /** Numbers of any width in bulk (a decoded typed array): as addNumber takes each, faster. */
  addNumbers(values: NumberArray): void {
    this.builder.addNumbers(values);
  }

  /** A 64-bit integer. */
  addBigInt(value: bigint): void {
    this.builder.addNumber(Number(value), value.toString());
  }

  /** A boolean, as the category `true` or `false`. */
  addBoolean(value: boolean): void {
    this.builder.addText(value ? 'true' : 'false');
  }

  /** A string, classified as a CSV cell. */
  addString(value: string): void {
    this.builder.addCell(value);
  }

  /**
   * Values given as indices into a dictionary (a dictionary-encoded Parquet page): as addValue takes
   * each `dictionary[index]`, but a string entry is classified once, the first time it is used, and
   * then only its code is stored; false when an entry is one addValue does not take.
   */
  addIndexed(dictionary: ArrayLike<unknown>, indices: ArrayLike<number>): boolean {
    // Per entry: UNSEEN, or what the string turned out to be: a text's code, MISSING or OTHER (a
    // number, whose text is kept when the column keeps text: taken by addValue each time).
    if (this.memoOf !== dictionary) {
      this.memoOf = dictionary;
      this.memo = new Int32Array(dictionary.length).fill(UNSEEN);
    }
    const memo = this.memo;
    for (let at = 0; at < indices.length; at++) {
      const index = indices[at]!;
      const known = memo[index]!;
      if (known >= 0) this.builder.addTextCode(known);
      else if (known === MISSING) this.builder.addMissing();
      else {
        const value = dictionary[index];
        if (typeof value !== 'string') {
          if (this.addValue(value) === undefined) return false;
        } else {
          const kind = this.builder.addCell(value);
          memo[index] =
            kind === 'text' ? this.builder.textCode(value)! : kind === 'missing' ? MISSING : OTHER;
        }
      }
    }
    return true;
  }

  /** The dictionary {@link addIndexed} last saw, and what each of its entries turned out to be. */
  private memoOf: ArrayLike<unknown> | undefined;
  private memo = new Int32Array(0);

  /**
   * Any decoded value, by its JavaScript type; `undefined` for one this module does not take (an
   * object, an array), which the reader reports with the column's name.
   */
  addValue(value: unknown): true | undefined {
    switch (typeof value) {
      case 'number':
        this.addNumber(value);
        return true;
      case 'string':
        this.addString(value);
        return true;
      case 'bigint':
        this.addBigInt(value);
        return true;
      case 'boolean':
        this.addBoolean(value);
        return true;
      case 'undefined':
        this.addMissing();
        return true;
      case 'object':
        if (value === null) {
          this.addMissing();
          return true;
        }
        return undefined;
      default:
        return undefined;
    }
  }
}
