import {
  type CsvColumn,
  type CsvColumnTable,
  type CsvTableReader,
  type CsvTableRequest,
  delimiterMismatch,
  memoryShare,
  tableHeldBytes,
} from '../csv/index.js';
import { type CsvSpill, type CsvSpillRequest, spillHolds } from '../csv/spill.js';
import type { CsvSpillSpace } from '../csv/spill-space.js';
import type { InputFormat } from '../table/format.js';
import type { FeatureKind } from './feature.js';
import { type ColumnPlan, type DriftSettings, planColumns } from './plan.js';

/**
 * The second step of a drift check: both files read into per-column storage, the columns planned from
 * the reference's header (see plan.ts) and each column's kind settled.
 */

/** Where the two files are and how to read them. */
export interface DriftSource {
  /** Paths to read. */
  referencePath: string;
  currentPath: string;
  /** The names to show in messages and in the report (as the user typed them); default the paths. */
  referenceName?: string;
  currentName?: string;
  delimiter?: string;
  /** Extra missing-value markers. */
  naValues?: readonly string[];
  /**
   * The files' format (both): by default each file's by its name (`.parquet`, `.arrow`, `.jsonl`, else
   * CSV), or a folder's by its files' names (see table/format.ts).
   */
  format?: InputFormat;
  /** A dataset's Hive partition folders (`day=2026-11-30`) become columns (not by default). */
  hivePartitioning?: boolean;
  /** Which CSV parser reads the files (see CsvReadOptions.parser); the report is the same either way. */
  parser?: 'auto' | 'csv-parse';
  /**
   * The memory the data read may hold, in bytes (no limit when undefined). Each file gets half, as
   * both are held together (see memoryShare); a read that would pass its half stops with a
   * MemoryBudgetError. What counts is described in csv/memory.ts.
   */
  maxMemoryBytes?: number;
}

/** A planned column whose kind is settled. */
export interface SettledColumn extends ColumnPlan {
  readonly kind: FeatureKind;
}

/** Both files as read, and the columns to compare. */
export interface DriftInputs {
  readonly reference: CsvColumnTable;
  readonly current: CsvColumnTable;
  readonly columns: readonly SettledColumn[];
}

/** Per file of a check: the reference's and the current's. */
export interface PerFile<T> {
  readonly reference?: T;
  readonly current?: T;
}

/** How one pass of a check in passes reads its files (see passes.ts, runPasses). */
export interface DriftPassRead {
  /** The planned columns this pass reads and scores. */
  readonly group: ReadonlySet<string>;
  /** The spill files of the check: every read that writes or loads one is told to it. */
  readonly space?: CsvSpillSpace;
  /** Per file, the spill file this pass's read writes the later passes' columns to. */
  readonly spill?: PerFile<CsvSpillRequest>;
  /** Per file, what an earlier pass spilled: this pass loads its columns from there when it can. */
  readonly spilled?: PerFile<CsvSpill>;
}

/** The share of numeric reference values above which the legacy inference calls a column numeric. */
export const NUMERIC_SHARE = 0.8;

/**
 * The legacy type inference: numeric when more than 80% of the column's non-missing reference cells
 * are numbers (Python `float()` rules), else categorical.
 */
export function inferFeatureKind(column: CsvColumn): FeatureKind {
  const present = column.numbers.length + column.textCount;
  return present > 0 && column.numbers.length / present > NUMERIC_SHARE ? 'numeric' : 'categorical';
}

/** The column of that name, or undefined when the table's header lacks it. */
export function columnNamed(table: CsvColumnTable, name: string): CsvColumn | undefined {
  const index = table.header.indexOf(name);
  return index === -1 ? undefined : table.columns[index];
}

/**
 * Each planned column with its kind: the forced one, else inferred from the reference's data.
 *
 * @example settleKinds([{ name: 'a', method: 'legacy' }], referenceTable)[0].kind // => 'numeric'
 */
export function settleKinds(plans: readonly ColumnPlan[], reference: CsvColumnTable): SettledColumn[] {
  return plans.map((plan) => ({
    ...plan,
    kind: plan.kind ?? inferFeatureKind(columnNamed(reference, plan.name)!),
  }));
}

/**
 * Reads both files (at once, when the reader has threads), plans the columns from the reference's
 * header and settles each column's kind. With `sortNumbers` (the default), numbers come sorted, as
 * most methods and the charts need them (a reader in a worker thread sorts them there); without, in
 * file order (see needsSortedNumbers). A column compared as categories that also holds
 * numbers needs those numbers' text: such columns are then read a second time, keeping it (only they
 * are stored; rare: only for columns of numbers treated as categories). Errors come in a fixed order
 * whatever finishes first: the reference's, then the columns' (from the reference's header), then the
 * current's. With `pass`, only the planned columns of its group are read and returned (one pass
 * of a check in passes, see passes.ts), from the files or from what an earlier pass spilled, and
 * spilling the later passes' columns when asked; every name is still checked against the whole
 * header. Columns read again with their text are read from the file, whatever was spilled.
 *
 * @throws InputError for unreadable or malformed files, or files whose delimiters disagree;
 *   MemoryBudgetError (an InputError) for a read that would pass its share of `maxMemoryBytes`;
 *   UsageError from {@link planColumns}.
 */
export async function readDriftInputs(
  source: DriftSource,
  settings: DriftSettings,
  reader: CsvTableReader,
  onTable?: (table: CsvColumnTable) => void,
  pass?: DriftPassRead,
  sortNumbers = true,
): Promise<DriftInputs> {
  const group = pass?.group;
  const referenceName = source.referenceName ?? source.referencePath;
  const currentName = source.currentName ?? source.currentPath;
  const budget = source.maxMemoryBytes;
  const fileShare = budget === undefined ? undefined : memoryShare(budget, 2);
  const base: CsvTableRequest = {
    delimiter: source.delimiter,
    naValues: source.naValues,
    only: group ?? (settings.columns === undefined ? undefined : new Set(settings.columns)),
    parser: source.parser,
    format: source.format,
    hivePartitioning: source.hivePartitioning,
    keepText: settings.keepText,
    sortNumbers,
    ...(budget === undefined ? {} : { maxMemoryBytes: fileShare, memoryBudgetBytes: budget }),
  };
  // A file's pass: loaded from its spill, or read (spilling, when asked).
  const read = (path: string, file: string, role: keyof PerFile<unknown>) => {
    const spilled = pass?.spilled?.[role];
    const spill = pass?.spill?.[role];
    const request: CsvTableRequest =
      spilled !== undefined && group !== undefined && spillHolds(spilled, group)
        ? { ...base, file, fromSpill: spilled }
        : { ...base, file, ...(spill === undefined ? {} : { spill }) };
    const table = reader.read(path, request);
    const fd = request.fromSpill?.fd ?? request.spill?.fd;
    if (fd !== undefined) pass?.space?.use(fd, table);
    return table;
  };
  const referenceRead = read(source.referencePath, referenceName, 'reference');
  const currentRead = read(source.currentPath, currentName, 'current');
  // An error of the reference or of the columns is thrown at once, without waiting for the current
  // file; the current's own error, if any, only after them, whichever read ends first.
  currentRead.catch(() => {});
  let reference = await referenceRead;
  onTable?.(reference);
  const planned = planColumns(settings, reference.header, referenceName);
  const columns = settleKinds(
    group === undefined ? planned : planned.filter((column) => group.has(column.name)),
    reference,
  );
  let current = await currentRead;
  onTable?.(current);
  // A delimiter found in one header must be the other file's too (a file read with the wrong one
  // would be one column of whole lines).
  if (
    source.delimiter === undefined &&
    (reference.delimiterDetected || current.delimiterDetected) &&
    reference.delimiter !== current.delimiter
  )
    throw delimiterMismatch(reference, current);
  const categorical = columns.filter((column) => column.kind === 'categorical').map((column) => column.name);
  // Read again, keeping their text, only the categorical columns that hold numbers read without it;
  // the table keeps every other column as first read.
  const withText = async (path: string, file: string, table: CsvColumnTable): Promise<CsvColumnTable> => {
    const wanted = new Set(
      categorical.filter((name) => {
        const column = columnNamed(table, name);
        return column !== undefined && !column.keepsText && column.numbers.length > 0;
      }),
    );
    if (wanted.size === 0) return table;
    // The first table stays held while these columns are read again: the read gets what is left of
    // the file's share.
    const left =
      fileShare === undefined ? {} : { maxMemoryBytes: Math.max(0, fileShare - tableHeldBytes(table)) };
    const again = await reader.read(path, { ...base, ...left, only: wanted, file, keepText: wanted });
    return {
      ...table,
      columns: table.columns.map((column, index) =>
        wanted.has(column.name) ? again.columns[index]! : column,
      ),
    };
  };
  [reference, current] = await Promise.all([
    withText(source.referencePath, referenceName, reference),
    withText(source.currentPath, currentName, current),
  ]);
  return { reference, current, columns };
}
