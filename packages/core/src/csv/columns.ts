import { CSV_MEMORY_COSTS, type ReadMemory } from './memory.js';
import { isBlankCell, parsePythonFloat, pythonStrip } from './python-float.js';
import type { CsvSpill, CsvSpilledArray, CsvSpillSink } from './spill-types.js';

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
 * - counts of missing cells (blank, `nan`/±inf in any spelling, or a marker the caller gives as missing).
 *
 * So for every column: `rowCount = missingCount + numbers.length + textCount`, and `codes.length` is
 * `numbers.length + textCount` with `keepText`, `textCount` without.
 */
export interface CsvColumn {
  /** The header name. */
  readonly name: string;
  /** Cells that are blank, a NaN or infinite number, or one of the extra missing markers. */
  readonly missingCount: number;
  /** Finite numeric values, in file order (or ascending, when `numbersSorted`). */
  readonly numbers: Float64Array;
  /**
   * True when `numbers` is sorted ascending (`-0` as `0`, see sortAscending) instead of in file order:
   * a reader sorts when asked to, e.g. in a worker thread, so that the main thread does not have to.
   */
  readonly numbersSorted?: boolean;
  /** Non-missing cells that are not numbers. */
  readonly textCount: number;
  /** Whether `codes` covers the numeric cells too (the column was read with `keepText`). */
  readonly keepsText: boolean;
  /** Dictionary codes of the cells kept as text, in file order; each an index into `categories`. */
  readonly codes: Int32Array;
  /** The string table: each distinct text once, in order of first appearance. */
  readonly categories: readonly string[];
  /** The column's type as its file declares it (`int64`, `string`); none for CSV. */
  readonly type?: string;
  /** What kind of values that type holds; none for CSV. */
  readonly valueClass?: ValueClass;
}

/**
 * What kind of values a typed column holds (Parquet, Arrow, JSON Lines declare it; a CSV column has
 * none): numbers (integers, floats, decimals), text, booleans, dates and timestamps (compared as
 * numbers: seconds since 1970-01-01 UTC), or a type this toolkit does not compare (lists, structs,
 * binary).
 */
export type ValueClass = 'number' | 'text' | 'boolean' | 'date' | 'unsupported';

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
  /** The field delimiter the file was read with. */
  readonly delimiter: string;
  /** True when the delimiter was found in the header (see delimiter.ts), not given or implied by the name. */
  readonly delimiterDetected: boolean;
  /**
   * The columns a read was told to spill rather than hold (see spill.ts), and where they are; their
   * entries in `columns` are empty, as those of columns not read.
   */
  readonly spill?: CsvSpill;
}

/** Non-missing cells of a column: numbers plus text. */
export function csvPresentCount(column: CsvColumn): number {
  return column.numbers.length + column.textCount;
}

/** A column that holds nothing: one not read (outside a read's `only`), or spilled. */
export function emptyCsvColumn(name: string): CsvColumn {
  return {
    name,
    missingCount: 0,
    numbers: new Float64Array(0),
    textCount: 0,
    keepsText: false,
    codes: new Int32Array(0),
    categories: [],
  };
}

/** What a cell is: blank or a missing marker (NaN and ±inf included), a finite number, or text. */
export type CsvCellKind = 'missing' | 'number' | 'text';

type GrowableArray = Float64Array | Int32Array;

/** A typed array of numbers, as the typed-format readers decode them. */
export type NumberArray =
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array;

/**
 * Appends numbers to a typed array (Float64Array or Int32Array) that grows by half as it fills, or is
 * reserved ahead by a reader that can estimate the row count. Every allocation is charged to the
 * read's memory first (see memory.ts), so a read stops before it would pass its limit.
 *
 * A spilled array (see spill.ts) grows only up to its writer's buffer size; each time that buffer
 * fills, its values are written to the spill file and it starts again from empty.
 */
class TypedArrayBuilder<T extends GrowableArray> {
  private buffer: T;
  /** Values in the buffer (all of them, unless spilled). */
  length = 0;
  /** A spilled array's values written already, and where: positions and byte lengths, by pairs. */
  private written = 0;
  private readonly extents: number[] = [];
  private readonly spillCapacity: number;
  constructor(
    private readonly create: (length: number) => T,
    private readonly bytesPerElement: number,
    private readonly memory?: ReadMemory,
    private readonly spill?: CsvSpillSink,
  ) {
    this.spillCapacity = spill === undefined ? 0 : spill.bufferBytes(memory) / bytesPerElement;
    const capacity = spill === undefined ? 1024 : Math.min(1024, this.spillCapacity);
    memory?.charge(capacity * bytesPerElement);
    this.buffer = create(capacity);
  }
  push(value: number): void {
    if (this.length === this.buffer.length) this.makeRoom();
    this.buffer[this.length++] = value;
  }
  /**
   * Appends the finite values of `values`, in order, a buffer's room at a time; returns how many were
   * not finite (NaN, ±Infinity), which are left out.
   */
  pushFinite(values: NumberArray): number {
    let skipped = 0;
    let index = 0;
    while (index < values.length) {
      if (this.length === this.buffer.length) this.makeRoom();
      const buffer = this.buffer;
      let length = this.length;
      const end = Math.min(values.length, index + (buffer.length - length));
      // Mostly every value is finite: then one copy (x − x summed stays 0 only if every x is finite).
      let check = 0;
      for (let at = index; at < end; at++) check += values[at]! - values[at]!;
      if (check === 0) {
        buffer.set(values.subarray(index, end), length);
        this.length = length + (end - index);
        index = end;
        continue;
      }
      for (; index < end; index++) {
        const value = values[index]!;
        // x − x is 0 for a finite x, NaN for NaN and ±Infinity.
        if (value - value === 0) buffer[length++] = value;
        else skipped += 1;
      }
      this.length = length;
    }
    return skipped;
  }
  /** Makes room for `capacity` values in all, so that nothing is copied while growing to it. */
  reserve(capacity: number): void {
    if (this.spill === undefined && capacity > this.buffer.length) this.resize(capacity);
  }
  /** A full buffer: grown by half, or, spilled, written out once as large as it may be. */
  private makeRoom(): void {
    const grown = Math.ceil(this.buffer.length * 1.5) + 16;
    if (this.spill === undefined) this.resize(grown);
    else if (this.buffer.length < this.spillCapacity) this.resize(Math.min(grown, this.spillCapacity));
    else this.writeOut(this.spill);
  }
  private writeOut(spill: CsvSpillSink): void {
    if (this.length === 0) return;
    const bytes = new Uint8Array(
      this.buffer.buffer,
      this.buffer.byteOffset,
      this.length * this.bytesPerElement,
    );
    this.extents.push(spill.append(bytes), bytes.byteLength);
    this.written += this.length;
    this.length = 0;
  }
  private resize(capacity: number): void {
    // Both arrays are held while the values are copied.
    this.memory?.charge(capacity * this.bytesPerElement);
    const bigger = this.create(capacity);
    bigger.set(this.buffer.subarray(0, this.length));
    this.memory?.release(this.buffer.length * this.bytesPerElement);
    this.buffer = bigger;
  }
  /**
   * The values, right-sized: the buffer itself when full, a view of it when at most an eighth is
   * unused (no copy), else a copy.
   */
  finish(): T {
    const { buffer, length } = this;
    if (length === buffer.length) return buffer;
    if (buffer.length - length <= buffer.length / 8) return buffer.subarray(0, length) as T;
    this.memory?.charge(length * this.bytesPerElement);
    const copy = buffer.slice(0, length) as T;
    this.memory?.release(buffer.length * this.bytesPerElement);
    return copy;
  }
  /** A spilled array's last values written out, its buffer let go: where all of them are. */
  finishSpilled(spill: CsvSpillSink): CsvSpilledArray {
    this.writeOut(spill);
    this.memory?.release(this.buffer.length * this.bytesPerElement);
    this.buffer = this.create(0);
    return { count: this.written, extents: this.extents };
  }
}

/**
 * Builds one {@link CsvColumn} cell by cell: the one place that decides what a cell is, shared by
 * every reader. `addCell` classifies a cell's text (missing, number, text); a reader that parses
 * numbers itself (a byte-level fast path) can call `addNumber`, `addMissing` and `addText` directly,
 * as long as it follows the same rules.
 */
export class CsvColumnBuilder {
  private readonly numbers: TypedArrayBuilder<Float64Array>;
  private readonly codes: TypedArrayBuilder<Int32Array>;
  private readonly dictionary = new Map<string, number>();
  private readonly categories: string[] = [];
  /** By code: whether that text was classified as text (not a number), so a repeat skips the work. */
  private readonly isText: boolean[] = [];
  private missing = 0;
  private text = 0;

  /**
   * @param name - the header name.
   * @param keepText - also give numeric cells a dictionary code (columns compared as categories).
   * @param naValues - extra missing markers, compared with the cell stripped of white space.
   * @param memory - the read's memory, charged for the arrays and the distinct texts (see memory.ts).
   * @param spill - where to spill the column instead of holding it (see spill.ts): its arrays are
   *   written as their buffers fill, its texts when it is finished, and {@link finish} gives an empty
   *   column.
   * @throws MemoryBudgetError when the column would pass the read's memory limit; InputError when a
   *   spilled array cannot be written.
   */
  constructor(
    private readonly name: string,
    private readonly keepText: boolean,
    private readonly naValues?: ReadonlySet<string>,
    private readonly memory?: ReadMemory,
    private readonly spill?: CsvSpillSink,
  ) {
    this.numbers = new TypedArrayBuilder((length) => new Float64Array(length), 8, memory, spill);
    this.codes = new TypedArrayBuilder((length) => new Int32Array(length), 4, memory, spill);
  }

  /** Classifies and stores one cell, and says what it was. */
  addCell(cell: string): CsvCellKind {
    // A category seen before: the classification of a text never changes.
    const known = this.textCode(cell);
    if (known !== undefined) {
      this.addTextCode(known);
      return 'text';
    }
    if (isBlankCell(cell) || this.naValues?.has(pythonStrip(cell))) {
      this.missing += 1;
      return 'missing';
    }
    const value = parsePythonFloat(cell);
    if (value === undefined) {
      this.addText(cell);
      return 'text';
    }
    if (Number.isFinite(value)) {
      this.addNumber(value, cell);
      return 'number';
    }
    this.missing += 1;
    return 'missing';
  }

  /**
   * Makes room for `rows` more cells of each kind that the column has seen so far (numbers, and text
   * codes), from a reader's estimate of the rows still to come; saves the copies of growing.
   */
  reserveRows(rows: number): void {
    if (this.spill !== undefined) return; // a spilled column holds one buffer per array, however long
    const seen = this.numbers.length + this.text + this.missing;
    if (seen === 0) return;
    const numberShare = this.numbers.length / seen;
    const codeShare = (this.text + (this.keepText ? this.numbers.length : 0)) / seen;
    if (numberShare > 0) this.numbers.reserve(this.numbers.length + Math.ceil(rows * numberShare));
    if (codeShare > 0) this.codes.reserve(this.codes.length + Math.ceil(rows * codeShare));
  }

  /** A missing cell. */
  addMissing(): void {
    this.missing += 1;
  }

  /**
   * Numbers in bulk, from a typed array a reader decoded: each finite one as {@link addNumber} takes it
   * (with its shortest text, when the column keeps text), each NaN or infinity a missing cell.
   */
  addNumbers(values: NumberArray): void {
    if (!this.keepText) {
      this.missing += this.numbers.pushFinite(values);
      return;
    }
    for (let index = 0; index < values.length; index++) {
      const value = values[index]!;
      if (Number.isFinite(value)) this.addNumber(value);
      else this.missing += 1;
    }
  }

  /** A finite number; `cell` (its text) is needed only when the column keeps text. */
  addNumber(value: number, cell?: string): void {
    this.numbers.push(value);
    if (this.keepText) this.codes.push(this.code(cell ?? String(value)));
  }

  /**
   * The code of a cell already classified as text (see {@link addCell}), for a reader that remembers
   * cells by their bytes; undefined for a cell not seen, or not text.
   */
  textCode(cell: string): number | undefined {
    const code = this.dictionary.get(cell);
    return code !== undefined && this.isText[code] === true ? code : undefined;
  }

  /** Another cell of the text whose code {@link textCode} gave. */
  addTextCode(code: number): void {
    this.text += 1;
    this.codes.push(code);
  }

  /** A non-missing cell that is not a number. */
  addText(cell: string): void {
    const code = this.code(cell);
    this.isText[code] = true;
    this.text += 1;
    this.codes.push(code);
  }

  private code(cell: string): number {
    let code = this.dictionary.get(cell);
    if (code === undefined) {
      this.memory?.charge(2 * cell.length + CSV_MEMORY_COSTS.dictionaryEntry);
      code = this.categories.length;
      this.categories.push(cell);
      this.dictionary.set(cell, code);
    }
    return code;
  }

  /** The finished column, its arrays cut to size; a spilled column's written out, and empty here. */
  finish(): CsvColumn {
    if (this.spill !== undefined) return this.finishSpilled(this.spill);
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

  /** Writes out the rest of a spilled column and its texts, lets its dictionary go, and records it. */
  private finishSpilled(spill: CsvSpillSink): CsvColumn {
    const numbers = this.numbers.finishSpilled(spill);
    const codes = this.codes.finishSpilled(spill);
    const categories = spill.appendTexts(this.categories, this.memory);
    spill.add({
      name: this.name,
      missingCount: this.missing,
      textCount: this.text,
      keepsText: this.keepText,
      numbers,
      codes,
      categories,
    });
    let held = 0;
    for (const category of this.categories) held += 2 * category.length + CSV_MEMORY_COSTS.dictionaryEntry;
    this.memory?.release(held);
    this.dictionary.clear();
    this.categories.length = 0;
    return emptyCsvColumn(this.name);
  }
}

/** How a read stores the columns of a header: see {@link csvColumnBuilderFor}. */
export interface CsvColumnsWanted {
  /** Columns held; all when undefined. */
  readonly only?: ReadonlySet<string>;
  /** Columns whose numeric cells keep their text too. */
  readonly keepText?: ReadonlySet<string>;
  /** Extra missing markers. */
  readonly naValues?: ReadonlySet<string>;
  readonly memory?: ReadMemory;
  /** Where the columns it names are spilled rather than held (see spill.ts). */
  readonly spill?: CsvSpillSink;
}

/**
 * The builder of a header's column for a read, the one decision every CSV reader makes per column:
 * held (a column of `only`, or any without it), spilled (one the spill names), or none (the column
 * is only checked for shape, and comes out empty).
 */
export function csvColumnBuilderFor(name: string, wanted: CsvColumnsWanted): CsvColumnBuilder | undefined {
  const keepText = wanted.keepText?.has(name) ?? false;
  if (wanted.only === undefined || wanted.only.has(name))
    return new CsvColumnBuilder(name, keepText, wanted.naValues, wanted.memory);
  if (wanted.spill?.wants(name))
    return new CsvColumnBuilder(name, keepText, wanted.naValues, wanted.memory, wanted.spill);
  return undefined;
}

/**
 * What a table read earlier holds, by the same estimate as a read's: the buffers of its arrays (a
 * view counts its whole buffer) and its distinct texts.
 */
export function tableHeldBytes(table: CsvColumnTable): number {
  let bytes = 0;
  for (const column of table.columns) {
    bytes += column.numbers.buffer.byteLength + column.codes.buffer.byteLength;
    for (const category of column.categories) bytes += 2 * category.length + CSV_MEMORY_COSTS.dictionaryEntry;
  }
  return bytes;
}
