import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
// The modules themselves, not the package's index: only they load before the rest (see above).
import { type CsvWorkerRead, memoryShare, startCsvWorkerRead } from '@mlops/core/csv/worker-read';
import { assertNotAnInput } from '@mlops/core/io/write-output';
import { defaultMemoryBudget } from './memory-budget.js';

/**
 * Reading the current file before the rest of the program has loaded.
 *
 * Loading the command-line machinery, the statistics and the report code takes a good part of a
 * small check's time, and the files do not depend on any of it in the common case. So the bin's
 * first lines hand the arguments to {@link startEarlyDriftReads}: when they are a plain check
 * (`--reference A --current B` and only flags that do not change how a file is read), the worker
 * thread for the current file starts at once (the reference is read in the main thread, see
 * threadedTableReader). The check then asks for its files as usual, and the reader takes over
 * a read started here only when the path and the whole request are the same (see sameCsvRequest);
 * anything else (a different request, a usage error, `--help`) reads anew or stops the early read, so
 * what comes out never depends on this module's guess. This module imports nothing heavy.
 */

/** Whether `path` is a regular file (stat does not open it, so a pipe does not block here). */
function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Below this many bytes in both files together, a worker's start-up costs more than it saves (its
 * measured cost: docs/drift-detector.md, "Inner costs").
 */
export const PARALLEL_MIN_BYTES = 8 * 1024 * 1024;

/** The bytes of the files together (a missing one counts 0: the reader reports it). */
export function totalBytes(paths: readonly string[]): number {
  let total = 0;
  for (const path of paths) {
    try {
      total += statSync(path).size;
    } catch {}
  }
  return total;
}

/**
 * Whether the drift check reads its files in worker threads running `workerScript` (the bundled
 * `csv-worker.js` next to the bin's dist/cli.js; the bin says where, since only its own module knows:
 * the rest of the program is in chunks elsewhere). None when there is no such script (the program run
 * from its sources, as in tests). `MLOPS_DRIFT_THREADS` decides: `auto` (the default) when the files
 * (`bytes`, both together) are large enough and the machine has more than one core, `on` always,
 * `off` never.
 */
export function readsInWorkers(
  env: NodeJS.ProcessEnv,
  bytes: number,
  workerScript: URL | undefined,
): workerScript is URL {
  const setting = (env.MLOPS_DRIFT_THREADS ?? 'auto').toLowerCase();
  if (setting === 'off' || workerScript === undefined || !existsSync(fileURLToPath(workerScript)))
    return false;
  if (setting === 'on') return true;
  return availableParallelism() > 1 && bytes >= PARALLEL_MIN_BYTES;
}

/** Flags that take no value and do not change how the files are read. */
const SWITCHES = new Set(['--json', '--debug']);
/** Flags whose value does not change how the files are read, and the two files. */
const VALUED = new Set([
  '--reference',
  '--current',
  '--format',
  '--threshold',
  '--method',
  '--correction',
  '--drift-share',
  '--html',
  '-o',
  '--output',
]);
/**
 * The methods that sort no numbers: those that score numbers in any order (DriftMethod.anyOrder) and
 * those that score categories alone. A check with one of them (or none: legacy) and no charts reads
 * its numbers unsorted (core's needsSortedNumbers); early-read.test.ts holds this list to the registry.
 */
export const UNSORTED_METHODS: ReadonlySet<string> = new Set([
  'legacy',
  'ks',
  'ks_stat',
  'missing_share',
  'chisquare',
  'fisher_exact',
  'g_test',
  'new_category_share',
  'TVD',
  'z',
  'ztest',
]);
/** Those of them that may be given more than once (the reports, see cli-kit's report-outputs.ts). */
const REPEATABLE = new Set(['--format', '-o', '--output']);
/** The flags that name an output file. */
const OUTPUTS = ['--html', '-o', '--output'];

/** Whether an output names one of the files (the check then refuses it before reading anything). */
function outputIsAnInput(output: string, paths: readonly string[], cwd: string): boolean {
  try {
    const inputs = paths.map((path) => ({ path, label: path }));
    assertNotAnInput(output, inputs, { what: 'report', cwd });
    return false;
  } catch {
    return true; // an input, or a path that cannot be examined: the check will say which
  }
}

/**
 * Starts the worker thread that reads the current file of a plain drift check (see above), or none.
 * `argv` are the check's own arguments (after `drift` for `mlops drift`); `stdoutIsTty` whether the
 * text report would go to a terminal (with its charts, which need the numbers sorted).
 */
export function startEarlyDriftReads(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
  workerScript: URL,
  stdoutIsTty = false,
): CsvWorkerRead[] {
  const values = new Map<string, string[]>();
  const switches = new Set<string>();
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    const equals = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = equals === -1 ? arg : arg.slice(0, equals);
    if (SWITCHES.has(flag) && equals === -1) {
      switches.add(flag);
      continue;
    }
    if (!VALUED.has(flag) || (values.has(flag) && !REPEATABLE.has(flag))) return [];
    const value = equals === -1 ? argv[++index] : arg.slice(equals + 1);
    if (value === undefined || value === '') return [];
    values.set(flag, [...(values.get(flag) ?? []), value]);
  }
  const names = [values.get('--reference')?.[0], values.get('--current')?.[0]];
  if (names[0] === undefined || names[1] === undefined) return [];
  const paths = names.map((name) => resolve(cwd, name!));
  // An output that is an input is refused before any read.
  const outputs = OUTPUTS.flatMap((flag) => values.get(flag) ?? []);
  if (outputs.some((output) => outputIsAnInput(output, paths, cwd))) return [];
  if (!readsInWorkers(env, totalBytes(paths), workerScript)) return [];
  // Only a regular file: a worker waiting in the open() of a named pipe could never be stopped, and
  // the process could not exit (the reader reads pipes through the event loop instead).
  if (!isRegularFile(paths[1]!)) return [];
  const parser = env.MLOPS_CSV_PARSER === 'csv-parse' ? 'csv-parse' : 'auto';
  // Sorted when charts are drawn (an HTML report; the text report in a terminal) or a method may need
  // it. A wrong guess only means the read is done again (see above).
  const formats = values.get('--format') ?? [];
  const charts =
    values.has('--html') ||
    (stdoutIsTty && !switches.has('--json') && (formats.length === 0 || formats.includes('text')));
  const method = values.get('--method')?.[0];
  // The request readDriftInputs makes for a check without --columns, --delimiter, --na-values,
  // --categorical, --config or --max-memory: the default budget, half of it for each file.
  const budget = defaultMemoryBudget();
  return [
    startCsvWorkerRead(workerScript, paths[1]!, {
      file: names[1]!,
      parser,
      keepText: new Set(),
      sortNumbers: charts || (method !== undefined && !UNSORTED_METHODS.has(method)),
      maxMemoryBytes: memoryShare(budget, 2),
      memoryBudgetBytes: budget,
    }),
  ];
}
