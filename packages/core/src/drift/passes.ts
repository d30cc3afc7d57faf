import { ByteDictionary } from '../csv/byte-dictionary.js';
import { MemoryBudgetError } from '../csv/memory.js';
import type { CsvSpill } from '../csv/spill.js';
import { SPILL_BUFFER_BYTES } from '../csv/spill.js';
import { CsvSpillSpace } from '../csv/spill-space.js';
import { estimateTable, type TableEstimate } from '../table/estimate.js';
import { type DriftSettings, planColumns } from './plan.js';
import type { DriftPassRead, DriftSource, PerFile } from './read.js';

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
 *
 * A CSV file is parsed once: the first pass that reads it also spills the columns of the later
 * passes to a file (csv/spill.ts), from which each later pass loads its columns ({@link runPasses}).
 * So the first pass of a CSV file also holds, per column it spills, a buffer or two and the
 * column's distinct texts ({@link spillReadBytes}), and its group is planned smaller by as much.
 */

/**
 * What the process holds besides the data read: about 100 MB for a check of two small files, and
 * more while large ones are decoded (the Parquet readers' short-lived pages, the heap's slack): with
 * 150 MB, the 10M-row Parquet pair under a budget of 1 GB peaked at 1,009 MB (2026-12-02).
 */
export const PROCESS_ALLOWANCE_BYTES = 200e6;

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
 * @example passFileTarget(1e9) // => 400000000
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
 * What the first pass over a CSV file holds for a column it spills rather than holds (see
 * csv/spill.ts): a buffer for its numbers and one for its codes, the byte-level reader's lookup
 * table, and its distinct texts (`textBytes`, with the margin), which it keeps until the read ends.
 *
 * @example spillReadBytes(0) // => 2211840
 */
export function spillReadBytes(textBytes: number): number {
  return Math.ceil(
    2 * SPILL_BUFFER_BYTES +
      ByteDictionary.byteSize() +
      textBytes +
      (textBytes * ESTIMATE_MARGIN_PERCENT) / 100,
  );
}

/**
 * The columns in groups, one group per pass: in the given order, each group as long as every file's
 * read of it stays within `fileTarget` (see {@link groupReadBytes}); a column that alone passes it
 * gets a group of its own (its read then decides whether it fits). One group when all fit.
 *
 * A file whose first pass spills the columns of the later ones (`spilled`) holds them too while it
 * reads the first group: the first group is then the longest run of columns that fits with the rest
 * spilled (holding a column may cost less than spilling it, so a longer run can fit where a shorter
 * one does not; all of them, with nothing spilled, when they fit).
 *
 * Cost: O(columns · files) without spills; O(columns² · files) with them (the first group).
 *
 * @param names - the columns to compare, in plan order.
 * @param files - per file, the bytes each column will hold (a column a file lacks counts nothing).
 * @param spilled - per file, what its first pass holds for each column it spills
 *   ({@link spillReadBytes}); none for a file that does not spill.
 * @example groupColumns(['a', 'b', 'c'], [new Map([['a', 100e6], ['b', 100e6], ['c', 100e6]])], 300e6)
 *   // => [['a', 'b'], ['c']]
 */
export function groupColumns(
  names: readonly string[],
  files: readonly ReadonlyMap<string, number>[],
  fileTarget: number,
  spilled: readonly (ReadonlyMap<string, number> | undefined)[] = [],
): string[][] {
  /** What a file that spills holds for the columns from `from` on, spilled while the first group is read. */
  const spilling = (file: number, from: number) => {
    const bytes = spilled[file];
    let sum = 0;
    if (bytes !== undefined) for (const name of names.slice(from)) sum += bytes.get(name) ?? 0;
    return sum;
  };
  const fits = (candidate: readonly string[], spilledFrom = names.length) =>
    files.every(
      (bytes, file) =>
        groupReadBytes(candidate.map((name) => bytes.get(name) ?? 0)) + spilling(file, spilledFrom) <=
        fileTarget,
    );
  if (names.length === 0) return [];
  let first = 1;
  if (spilled.some((bytes) => bytes !== undefined)) {
    for (let end = 2; end <= names.length; end += 1) if (fits(names.slice(0, end), end)) first = end;
  } else while (first < names.length && fits(names.slice(0, first + 1))) first += 1;
  const groups: string[][] = [names.slice(0, first)];
  let group: string[] = [];
  for (const name of names.slice(first)) {
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

/** The passes of a check: its groups of columns, and which files spill in the first pass. */
export interface PassPlan {
  /** The groups, in order: more than one. */
  readonly groups: readonly (readonly string[])[];
  /** Per file, whether its first pass spills the columns of the later ones (a CSV file: see above). */
  readonly spill: { readonly reference: boolean; readonly current: boolean };
}

/** Whether a file's first pass spills the later passes' columns: a CSV file (typed formats read columns). */
function spills(estimate: TableEstimate): boolean {
  return estimate.format === 'csv';
}

/**
 * The passes of a check, when its budget cannot hold every column at once; undefined for one pass
 * (no budget, everything fits, or no estimate of a file: see table/estimate.ts). The columns are
 * planned from the estimated header; a plan that fails here is left to the read, which reports it
 * in its own order.
 */
export async function planPassRun(
  source: DriftSource,
  settings: DriftSettings,
): Promise<PassPlan | undefined> {
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
  const spilled = [reference, current].map((estimate) =>
    spills(estimate)
      ? new Map([...estimate.textBytes].map(([name, bytes]) => [name, spillReadBytes(bytes)]))
      : undefined,
  );
  const groups = groupColumns(
    names,
    [reference.columnBytes, current.columnBytes],
    passFileTarget(budget),
    spilled,
  );
  if (groups.length < 2) return undefined;
  return { groups, spill: { reference: spills(reference), current: spills(current) } };
}

/**
 * The groups of a check's columns, one per pass ({@link planPassRun}'s), or undefined for one pass.
 */
export async function planPasses(
  source: DriftSource,
  settings: DriftSettings,
): Promise<string[][] | undefined> {
  return (await planPassRun(source, settings))?.groups.map((group) => [...group]);
}

/** What the passes of a check did. */
export interface PassesRun {
  /** How many passes read columns (a group tried again in halves counts each try). */
  readonly passes: number;
  /** What each file spilled in its first pass and the later ones loaded, if anything. */
  readonly spills: readonly CsvSpill[];
}

/** How {@link runPasses} runs. */
export interface PassesRunOptions {
  /** Called between two passes (see DriftRunOptions.betweenPasses). */
  betweenPasses?: () => Promise<void>;
  /** Where spill files are made: the system's temporary folder (TMPDIR) by default. */
  tempFolder?: string;
}

/**
 * Runs the passes of a check: each group, in order, read from both files by `readPass` (which
 * scores it too, lets the data go, and says what it spilled), then the next. A group whose read stops at the budget (the estimate was short) is
 * tried again in halves, down to one column, which then stops the check.
 *
 * A file that spills (a CSV file: see {@link PassPlan}) is read once: its first pass spills the
 * columns of every later group to a spill file, and the later passes load theirs from it. A spilling
 * pass that stops at the budget with a single column is tried again without spilling, and the file
 * is then read again by every pass, as a typed file is. The spill files are closed (and their space
 * freed) when the passes end, whichever way.
 *
 * @throws whatever `readPass` throws but a MemoryBudgetError that a smaller group can avoid; InputError
 *   when a spill file cannot be made or written (see csv/spill-space.ts, csv/spill.ts).
 */
export async function runPasses(
  plan: PassPlan,
  readPass: (pass: DriftPassRead) => Promise<PerFile<CsvSpill>>,
  options: PassesRunOptions = {},
): Promise<PassesRun> {
  const queue = plan.groups.map((group) => [...group]);
  let spilling = plan.spill.reference || plan.spill.current;
  const space = spilling ? new CsvSpillSpace(options.tempFolder) : undefined;
  let spilled: DriftPassRead['spilled'];
  let passes = 0;
  try {
    while (queue.length > 0) {
      const group = queue.shift()!;
      if (passes > 0) await options.betweenPasses?.();
      passes += 1;
      const later = new Set(queue.flat());
      // The first pass that reads the files spills the columns of the later ones.
      let spill: DriftPassRead['spill'];
      if (spilling && spilled === undefined && later.size > 0) {
        const roles = (['reference', 'current'] as const).filter((role) => plan.spill[role]);
        const files = space!.open(later, roles);
        spill = Object.fromEntries(roles.map((role, index) => [role, files[index]]));
      }
      try {
        const spilledNow = await readPass({ group: new Set(group), space, spill, spilled });
        if (spill !== undefined) spilled = spilledNow;
      } catch (error) {
        if (!(error instanceof MemoryBudgetError)) throw error;
        const halves = splitGroup(group);
        if (halves.length > 0) queue.unshift(...halves);
        else if (spill !== undefined) {
          // One column and what is spilled do not fit: without spilling, as a typed file.
          spilling = false;
          queue.unshift(group);
        } else throw error.details.wholeFileBytes === undefined ? error.forColumn(group[0]!) : error;
      }
    }
  } finally {
    space?.close();
  }
  const spills = [spilled?.reference, spilled?.current].filter(
    (spill): spill is CsvSpill => spill !== undefined && spill.spilled.length > 0,
  );
  return { passes, spills };
}
