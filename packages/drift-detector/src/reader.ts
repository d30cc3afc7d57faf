import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CliContext } from '@mlops/cli-kit';
import {
  type CsvColumnTable,
  type CsvReadPlace,
  type CsvTableReader,
  type CsvWorkerRead,
  csvDelimiterForName,
  type DriftRunOptions,
  datasetBytes,
  delimiterName,
  escapeText,
  type InputFormat,
  inProcessTableReader,
  startColumnScoringThread,
  threadedTableReader,
} from '@mlops/core';
import { readsInWorkers } from './early-read.js';
import { progressLine } from './progress.js';

const PLACES: Record<CsvReadPlace, string> = {
  'this thread': 'in this thread',
  worker: 'in a worker thread',
  'early worker': 'in a worker thread started before the program loaded',
};

/**
 * The --debug line saying which delimiter a file was read with, and why: given with `--delimiter`,
 * found in the header, implied by a `.tsv` name, or the default.
 */
export function delimiterDebugLine(table: CsvColumnTable, given: boolean): string {
  const expected = csvDelimiterForName(table.file);
  const why = given
    ? 'given with --delimiter'
    : table.delimiterDetected
      ? `found in the header, which has no ${delimiterName(expected)}`
      : expected === '\t'
        ? 'from the .tsv name'
        : 'the default';
  return `${escapeText(table.file)}: fields separated by ${delimiterName(table.delimiter)} (${why})`;
}

/**
 * Below this many values in a check's compared columns (both files together), the check scores every
 * column in this thread: a scoring thread's start-up costs about what it saves there. Measured on 2
 * cores, paired runs against one thread: 1.11 of the time at 100,000 rows × 20 columns (4M values),
 * 1.01 at 400,000 (16M), 0.92 to 0.96 at 1M (40M; see docs/drift-detector.md, "How it reads data").
 */
export const SCORING_THREAD_MIN_VALUES = 24_000_000;

/**
 * The second thread a check may score columns on (see parallel-score.ts in core), running the bin's
 * score-worker.js (next to its csv-worker.js, `workerScript`), by the rule that puts reads in worker
 * threads (readsInWorkers: never with `MLOPS_DRIFT_THREADS=off` or on one core): for a check in one
 * pass of at least SCORING_THREAD_MIN_VALUES values, or of any size with `MLOPS_DRIFT_THREADS=on`;
 * `--debug` says how the columns were shared.
 */
export function scoringThread(
  context: CliContext,
  workerScript: URL | undefined,
): DriftRunOptions['scoring'] {
  if (!readsInWorkers(context.env, Number.POSITIVE_INFINITY, workerScript)) return undefined;
  const script = new URL('score-worker.js', workerScript);
  if (!existsSync(fileURLToPath(script))) return undefined;
  const always = (context.env.MLOPS_DRIFT_THREADS ?? '').toLowerCase() === 'on';
  return {
    start: () => startColumnScoringThread(script),
    minValues: always ? 0 : SCORING_THREAD_MIN_VALUES,
    onShare: context.debug
      ? (worker, columns) =>
          context.stderr.write(`debug: scoring ${worker} of ${columns} columns in a worker thread\n`)
      : undefined,
  };
}

/** Above this many bytes in both files, a terminal shows a progress line. */
export const PROGRESS_MIN_BYTES = 50 * 1024 * 1024;

/** A file or dataset to read: where it is, as typed (a folder, a pattern), and its format if forced. */
export interface DriftInput {
  readonly path: string;
  readonly name: string;
  readonly format?: InputFormat | undefined;
}

/**
 * How the drift check reads its two files: one in this thread and the other in a worker thread, or
 * both in this one (see readsInWorkers), taking over the read started early, if any (see
 * startEarlyDriftReads). Also returns the progress line, when there is one. Both decisions go by
 * the bytes of the inputs, every part of a folder or a pattern counted (see datasetBytes).
 */
export function chooseTableReader(
  context: CliContext,
  inputs: readonly DriftInput[],
  jsonToPipe: boolean,
  { workerScript, started = [] }: { workerScript?: URL; started?: readonly CsvWorkerRead[] } = {},
): { reader: CsvTableReader; progress?: ReturnType<typeof progressLine> } {
  const bytes = inputs.reduce((sum, input) => sum + datasetBytes(input.path, input.name, input.format), 0);
  const showProgress = context.stderr.isTTY === true && !jsonToPipe && bytes >= PROGRESS_MIN_BYTES;
  const progress = showProgress ? progressLine(context.stderr) : undefined;
  const onRead = progress?.reading;
  const debug = (line: string) => context.debug && context.stderr.write(`debug: ${line}\n`);
  if (readsInWorkers(context.env, bytes, workerScript)) {
    const onStart = (file: string, place: CsvReadPlace) =>
      debug(`reading ${escapeText(file)} ${PLACES[place]}`);
    return { reader: threadedTableReader(workerScript, onRead, started, onStart), progress };
  }
  for (const read of started) void read.stop();
  debug('reading the files in this thread');
  return { reader: inProcessTableReader(onRead), progress };
}
