import type { CliContext } from '@mlops/cli-kit';
import {
  type CsvColumnTable,
  type CsvReadPlace,
  type CsvTableReader,
  type CsvWorkerRead,
  csvDelimiterForName,
  datasetBytes,
  delimiterName,
  escapeText,
  type InputFormat,
  inProcessTableReader,
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
