import { Worker } from 'node:worker_threads';
import type { CsvColumn } from '../csv/columns.js';
import { errorForThread, errorFromThread, type ThreadError } from '../errors.js';
import { columnNamed, type DriftInputs, type SettledColumn } from './read.js';
import { type DriftFeatureReport, featureReport } from './report.js';
import { scoreColumn } from './score.js';

/**
 * Scoring a check's columns on two threads: this one and a worker thread (the bin's
 * score-worker.js, whose body is {@link runScoreWorker}). Each column is scored on its own data, so where
 * it is scored does not change its report entry; the entries are put back in plan order, and the
 * error thrown is the one the first failing column in plan order gives, as when one thread scores
 * them all. Only report entries come back: a check that draws charts keeps every column here.
 *
 * A large check spends about half its time scoring after both files are read (1M rows × 20
 * columns: about a second); split, each thread takes about half. The worker's columns move to it
 * without a copy (their arrays are transferred), unless an array shares its memory with another.
 */

/** One column to score, with both samples (none for the current when its file lacks the column). */
export interface ScoreTaskColumn {
  readonly column: SettledColumn;
  readonly reference: CsvColumn;
  readonly current?: CsvColumn;
}

/** What the worker is sent. */
export interface ScoreTask {
  readonly columns: readonly ScoreTaskColumn[];
  readonly listTests: boolean;
}

/** What it sends back: the entries of the columns scored, in order, up to the first that failed. */
export interface ScoreReply {
  readonly reports: DriftFeatureReport[];
  readonly error?: { readonly at: number; readonly error: ThreadError };
}

/**
 * Scores a task's columns in order (see scoreColumn, featureReport); stops at the first that throws,
 * giving its place and error.
 */
export function scoreTask(task: ScoreTask): ScoreReply {
  const reports: DriftFeatureReport[] = [];
  for (const [at, { column, reference, current }] of task.columns.entries()) {
    try {
      reports.push(featureReport(scoreColumn(column, reference, current), task.listTests));
    } catch (error) {
      return { reports, error: { at, error: errorForThread(error) } };
    }
  }
  return { reports };
}

/** A worker thread that scores columns, task after task. */
export interface ColumnScoringThread {
  score(task: ScoreTask, transfer: ArrayBuffer[]): Promise<ScoreReply>;
  /** Stops the thread. */
  close(): Promise<void>;
}

/**
 * Starts a worker thread running `workerScript` (the bin's score-worker.js, whose body is
 * {@link runScoreWorker}) to score columns. The thread does not keep the process alive, and is
 * stopped by {@link ColumnScoringThread.close}.
 */
export function startColumnScoringThread(workerScript: URL): ColumnScoringThread {
  const worker = new Worker(workerScript);
  worker.unref();
  let failure: Error | undefined;
  const waiting: { resolve: (reply: ScoreReply) => void; reject: (error: Error) => void }[] = [];
  const fail = (error: Error) => {
    failure ??= error;
    for (const task of waiting.splice(0)) task.reject(failure);
  };
  worker.on('message', (reply: ScoreReply) => waiting.shift()?.resolve(reply));
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the scoring thread stopped (exit code ${code})`)));
  return {
    score(task, transfer) {
      if (failure !== undefined) return Promise.reject(failure);
      return new Promise((resolve, reject) => {
        waiting.push({ resolve, reject });
        worker.postMessage(task, transfer);
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}

/** The body of a scoring worker: each task it is sent, scored, and the reply posted back. */
export function runScoreWorker(port: {
  on(event: 'message', listener: (task: ScoreTask) => void): unknown;
  postMessage(reply: ScoreReply): void;
}): void {
  port.on('message', (task) => port.postMessage(scoreTask(task)));
}

/** A column's work, for sharing it out: its values in both files. */
function columnWork(column: CsvColumn | undefined): number {
  return column === undefined ? 0 : column.numbers.length + column.codes.length;
}

/** The values of a check's planned columns, in both files: what decides whether to score on two threads. */
export function scoringWork(inputs: DriftInputs): number {
  let work = 0;
  for (const column of inputs.columns)
    work +=
      columnWork(columnNamed(inputs.reference, column.name)) +
      columnWork(columnNamed(inputs.current, column.name));
  return work;
}

/**
 * Which planned columns the worker scores: the heaviest first, each to the thread with less work so
 * far, the worker starting with a twentieth of the whole (its start-up, and the replies' way back).
 */
export function shareColumns(work: readonly number[]): Set<number> {
  const total = work.reduce((sum, each) => sum + each, 0);
  let here = 0;
  let there = total / 20;
  const worker = new Set<number>();
  const heaviestFirst = work
    .map((each, index) => [each, index] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [each, index] of heaviestFirst)
    if (there < here) {
      worker.add(index);
      there += each;
    } else here += each;
  return worker;
}

/**
 * The columns to send, with the arrays to transfer: each array whose memory is its own (no other
 * array of either table uses it) as it is; one that shares its memory with another (a view into a
 * file's bytes) as a copy of its values, transferred instead.
 */
function forTransfer(
  columns: readonly ScoreTaskColumn[],
  inputs: DriftInputs,
): { columns: ScoreTaskColumn[]; transfer: ArrayBuffer[] } {
  const uses = new Map<ArrayBufferLike, number>();
  for (const table of [inputs.reference, inputs.current])
    for (const column of table.columns)
      for (const array of [column.numbers, column.codes])
        uses.set(array.buffer, (uses.get(array.buffer) ?? 0) + 1);
  const transfer = new Set<ArrayBuffer>();
  const own = <T extends Float64Array | Int32Array>(array: T): T => {
    const mine =
      uses.get(array.buffer) === 1 && array.buffer instanceof ArrayBuffer ? array : (array.slice() as T);
    transfer.add(mine.buffer as ArrayBuffer);
    return mine;
  };
  const moved = (column: CsvColumn): CsvColumn => ({
    ...column,
    numbers: own(column.numbers),
    codes: own(column.codes),
  });
  return {
    columns: columns.map(({ column, reference, current }) =>
      current === undefined
        ? { column, reference: moved(reference) }
        : { column, reference: moved(reference), current: moved(current) },
    ),
    transfer: [...transfer],
  };
}

/**
 * Scores every planned column of `inputs`, some here and some on `thread` (see shareColumns), and
 * gives their report entries in plan order; `onColumn` hears after each column scored here, and
 * after the worker's all at once; `onShare`, first, how many the worker scores. The arrays of the worker's columns are moved to it: `inputs`
 * must not be used for them afterwards.
 *
 * @throws the error of the first column in plan order whose scoring fails (UsageError for a method
 *   that does not fit it), as scoreColumn throws it.
 */
export async function scoreReportsOnTwoThreads(
  inputs: DriftInputs,
  listTests: boolean,
  thread: ColumnScoringThread,
  onColumn?: (done: number, total: number) => void,
  onShare?: (worker: number, columns: number) => void,
): Promise<DriftFeatureReport[]> {
  const planned = inputs.columns.map((column) => ({
    column,
    reference: columnNamed(inputs.reference, column.name)!,
    current: columnNamed(inputs.current, column.name),
  }));
  const there = shareColumns(planned.map((task) => columnWork(task.reference) + columnWork(task.current)));
  const sent = forTransfer(
    planned.filter((_, index) => there.has(index)),
    inputs,
  );
  onShare?.(sent.columns.length, planned.length);
  const replied = thread.score({ columns: sent.columns, listTests }, sent.transfer);
  // Scored here meanwhile, in plan order, up to the first failure.
  const reports: (DriftFeatureReport | undefined)[] = new Array(planned.length);
  let failedHere: { index: number; error: unknown } | undefined;
  let done = 0;
  for (const [index, task] of planned.entries()) {
    if (there.has(index)) continue;
    try {
      reports[index] = featureReport(scoreColumn(task.column, task.reference, task.current), listTests);
    } catch (error) {
      failedHere = { index, error };
      break;
    }
    done += 1;
    onColumn?.(done, planned.length);
  }
  const reply = await replied;
  const sentIndices = [...there].sort((a, b) => a - b);
  reply.reports.forEach((report, at) => {
    reports[sentIndices[at]!] = report;
  });
  if (reply.reports.length > 0) {
    done += reply.reports.length;
    onColumn?.(done, planned.length);
  }
  const failedThere =
    reply.error === undefined ? undefined : { index: sentIndices[reply.error.at]!, error: reply.error.error };
  if (failedThere !== undefined && (failedHere === undefined || failedThere.index < failedHere.index))
    throw errorFromThread(failedThere.error);
  if (failedHere !== undefined) throw failedHere.error;
  return reports as DriftFeatureReport[];
}
