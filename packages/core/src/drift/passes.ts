import { estimateTable } from '../table/estimate.js';
import { type DriftSettings, planColumns } from './plan.js';
import type { DriftSource } from './read.js';

/**
 * A drift check under a memory budget reads its columns in passes: as many columns at once as the
 * budget holds, scored, let go, then the next group. Each column is read and scored on its own data
 * whatever group it is in, so the report is the one a single pass gives (see detect.ts). The
 * grouping is pure; {@link planPasses} estimates the files first (table/estimate.ts).
 *
 * Memory, per file (both files are read at the same time, each with half the budget):
 * - the columns read, by the estimate of table/estimate.ts, with a margin ({@link ESTIMATE_MARGIN_PERCENT});
 * - the largest of them again by half ({@link LARGEST_COLUMN_EXTRA}): the sort's scratch, as long as
 *   the largest column but charged while the arrays are cut to size, or the last growth of an array
 *   while it is read (both arrays are held while values are copied);
 * - the reader's own buffers ({@link READ_OVERHEAD_BYTES}: an 8 MiB chunk of a CSV file, a Parquet
 *   row group decoded).
 * And for the process: Node.js itself, the code, a worker thread and the report's strings
 * ({@link PROCESS_ALLOWANCE_BYTES}), which the reads do not count.
 */

/** What the process holds besides the data read (measured: about 100 MB for a check of two small files). */
export const PROCESS_ALLOWANCE_BYTES = 150e6;

/** Each column's estimate is taken this many percent larger (a CSV's rows are extrapolated). */
export const ESTIMATE_MARGIN_PERCENT = 10;

/** The largest column of a group counts again by this share: a sort's scratch, or an array growing by half. */
export const LARGEST_COLUMN_EXTRA = 0.5;

/** The buffers of a read besides its columns. */
export const READ_OVERHEAD_BYTES = 16e6;

/**
 * The bytes each file's read of one pass is planned to hold: the budget less the process's
 * allowance (at most half of the budget goes to it), halved between the two files.
 *
 * @example passFileTarget(1e9) // => 425000000
 */
export function passFileTarget(budgetBytes: number): number {
  return Math.floor(Math.max(budgetBytes / 2, budgetBytes - PROCESS_ALLOWANCE_BYTES) / 2);
}

/**
 * What reading these columns of one file is planned to hold: each column's bytes with the margin,
 * the largest once more, and the reader's buffers. A column without an estimate counts nothing.
 *
 * @example groupReadBytes([100e6, 50e6]) // => 236000000
 */
export function groupReadBytes(columnBytes: readonly number[]): number {
  let total = 0;
  let largest = 0;
  for (const bytes of columnBytes) {
    const held = bytes + (bytes * ESTIMATE_MARGIN_PERCENT) / 100;
    total += held;
    largest = Math.max(largest, held);
  }
  return Math.ceil(total + largest * LARGEST_COLUMN_EXTRA + READ_OVERHEAD_BYTES);
}

/**
 * The columns in groups, one group per pass: in the given order, each group as long as every file's
 * read of it stays within `fileTarget` (see {@link groupReadBytes}); a column that alone passes it
 * gets a group of its own (its read then decides whether it fits). One group when all fit.
 *
 * Cost: O(columns · files).
 *
 * @param names - the columns to compare, in plan order.
 * @param files - per file, the bytes each column will hold (a column a file lacks counts nothing).
 * @example groupColumns(['a', 'b', 'c'], [new Map([['a', 100e6], ['b', 100e6], ['c', 100e6]])], 300e6)
 *   // => [['a', 'b'], ['c']]
 */
export function groupColumns(
  names: readonly string[],
  files: readonly ReadonlyMap<string, number>[],
  fileTarget: number,
): string[][] {
  const groups: string[][] = [];
  let group: string[] = [];
  const fits = (candidate: readonly string[]) =>
    files.every((bytes) => groupReadBytes(candidate.map((name) => bytes.get(name) ?? 0)) <= fileTarget);
  for (const name of names) {
    if (group.length > 0 && !fits([...group, name])) {
      groups.push(group);
      group = [];
    }
    group.push(name);
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

/**
 * A group whose read stopped at the budget, split for another try: its two halves, in order; none
 * for a single column (which cannot be split: the check then stops).
 *
 * @example splitGroup(['a', 'b', 'c']) // => [['a'], ['b', 'c']]
 */
export function splitGroup(group: readonly string[]): string[][] {
  if (group.length < 2) return [];
  const half = Math.floor(group.length / 2);
  return [group.slice(0, half), group.slice(half)];
}

/**
 * The groups of a check's columns, one per pass, when its budget cannot hold them all at once;
 * undefined for one pass (no budget, everything fits, or no estimate of a file: see
 * table/estimate.ts). The columns are planned from the estimated header; a plan that fails here is
 * left to the read, which reports it in its own order.
 */
export async function planPasses(
  source: DriftSource,
  settings: DriftSettings,
): Promise<string[][] | undefined> {
  const budget = source.maxMemoryBytes;
  if (budget === undefined) return undefined;
  const referenceName = source.referenceName ?? source.referencePath;
  const request = {
    delimiter: source.delimiter,
    naValues: source.naValues,
    format: source.format,
    hivePartitioning: source.hivePartitioning,
    keepText: settings.keepText,
  };
  const [reference, current] = await Promise.all([
    estimateTable(source.referencePath, { ...request, file: referenceName }),
    estimateTable(source.currentPath, { ...request, file: source.currentName ?? source.currentPath }),
  ]);
  if (reference === undefined || current === undefined) return undefined;
  let names: string[];
  try {
    names = planColumns(settings, reference.header, referenceName).map((column) => column.name);
  } catch {
    return undefined;
  }
  const groups = groupColumns(names, [reference.columnBytes, current.columnBytes], passFileTarget(budget));
  return groups.length > 1 ? groups : undefined;
}
