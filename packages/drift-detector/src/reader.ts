import type { CliContext } from '@mlops/cli-kit';
import {
  type CsvReadPlace,
  type CsvTableReader,
  type CsvWorkerRead,
  csvDelimiterForName,
  delimiterName,
  escapeText,
  inProcessTableReader,
  threadedTableReader,
} from '@mlops/core';
import { readsInWorkers, totalBytes } from './early-read.js';
import { progressLine } from './progress.js';

const PLACES: Record<CsvReadPlace, string> = {
  'this thread': 'in this thread',
  worker: 'in a worker thread',
  'early worker': 'in a worker thread started before the program loaded',
};

/**
 * Wraps a reader to say on stderr (with --debug) which delimiter each file was read with, and why:
 * once per file, after its first read.
 */
function debuggingDelimiters(reader: CsvTableReader, debug: (line: string) => void): CsvTableReader {
  const told = new Set<string>();
  return {
    async read(path, request) {
      const table = await reader.read(path, request);
      if (!told.has(path)) {
        told.add(path);
        const why =
          request.delimiter !== undefined
            ? 'given with --delimiter'
            : table.delimiterDetected
              ? `found in the header, which has no ${delimiterName(csvDelimiterForName(path))}`
              : csvDelimiterForName(path) === '\t'
                ? 'from the .tsv name'
                : 'the default';
        debug(`${escapeText(table.file)}: fields separated by ${delimiterName(table.delimiter)} (${why})`);
      }
      return table;
    },
    close: () => reader.close(),
  };
}

/** Above this many bytes in both files, a terminal shows a progress line. */
export const PROGRESS_MIN_BYTES = 50 * 1024 * 1024;

/**
 * How the drift check reads its two files: one in this thread and the other in a worker thread, or
 * both in this one (see readsInWorkers), taking over the read started early, if any (see
 * startEarlyDriftReads). Also returns the progress line, when there is one.
 */
export function chooseTableReader(
  context: CliContext,
  paths: readonly string[],
  jsonToPipe: boolean,
  { workerScript, started = [] }: { workerScript?: URL; started?: readonly CsvWorkerRead[] } = {},
): { reader: CsvTableReader; progress?: ReturnType<typeof progressLine> } {
  const showProgress =
    context.stderr.isTTY === true && !jsonToPipe && totalBytes(paths) >= PROGRESS_MIN_BYTES;
  const progress = showProgress ? progressLine(context.stderr) : undefined;
  const onRead = progress?.reading;
  const debug = (line: string) => context.debug && context.stderr.write(`debug: ${line}\n`);
  const told = (reader: CsvTableReader) => (context.debug ? debuggingDelimiters(reader, debug) : reader);
  if (readsInWorkers(context.env, paths, workerScript)) {
    const onStart = (file: string, place: CsvReadPlace) => debug(`reading ${file} ${PLACES[place]}`);
    return { reader: told(threadedTableReader(workerScript, onRead, started, onStart)), progress };
  }
  for (const read of started) void read.stop();
  debug('reading the files in this thread');
  return { reader: told(inProcessTableReader(onRead)), progress };
}
