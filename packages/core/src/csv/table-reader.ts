import { errorForThread, InputError } from '../errors.js';
import { sortAscendingInPlace } from '../stats/index.js';
import { resolveDataset } from '../table/dataset.js';
import { PART_OPENERS } from '../table/openers.js';
import { readTypedTable } from '../table/read.js';
import type { CsvColumnTable } from './columns.js';
import { MemoryBudgetError, type ReadMemory } from './memory.js';
import { readCsvColumns, readMemoryFor } from './read.js';
import { loadSpilledTable } from './spill.js';
import { isNamedPipe, ReadAbandoned, readCsvPipeTable } from './stream-read.js';
import type { CsvProgress, CsvTableRequest } from './table-request.js';
import {
  type CsvWorkerMessage,
  type CsvWorkerRead,
  type CsvWorkerTask,
  sameCsvRequest,
  startCsvWorkerRead,
  tableTransferList,
} from './worker-read.js';

/**
 * Reading CSV files into per-column storage, in this thread or in worker threads.
 *
 * A {@link CsvTableReader} reads one file; a drift check asks for two at once. The in-process reader
 * reads them one after the other; the threaded reader reads one in this thread and gives every other
 * its own worker thread, which also sorts the numeric columns, when asked, before handing them back
 * (the arrays are transferred, not copied), so two files take the time of one on a machine with two cores or more.
 */
export interface CsvTableReader {
  read(path: string, request: CsvTableRequest): Promise<CsvColumnTable>;
  /** Frees the workers, if any. */
  close(): Promise<void>;
}

/**
 * Sorts every column's numbers in place and marks them `numbersSorted` (a new table object around the
 * same arrays): for a table just read, whose file order no one needs. The columns share one scratch
 * array, as long as the largest (not one each, left for the garbage collector).
 */
export function sortTableNumbers(table: CsvColumnTable): CsvColumnTable {
  const largest = Math.max(
    0,
    ...table.columns.map((column) => (column.numbersSorted ? 0 : column.numbers.length)),
  );
  const scratch = new Float64Array(largest);
  return {
    ...table,
    columns: table.columns.map((column) =>
      column.numbersSorted
        ? column
        : { ...column, numbers: sortAscendingInPlace(column.numbers, scratch), numbersSorted: true },
    ),
  };
}

/**
 * Reads a file in this thread: {@link readCsvColumns}, then sorted if asked (the sort needs a scratch
 * copy of the largest column, charged to the read's memory too).
 */
export function readCsvTable(path: string, request: CsvTableRequest, progress?: CsvProgress): CsvColumnTable {
  const file = request.file ?? path;
  const memory = readMemoryFor(file, request);
  const table = readCsvColumns(path, {
    ...request,
    file,
    memory,
    onProgress: progress && ((bytesRead, totalBytes) => progress(file, bytesRead, totalBytes)),
  });
  return request.sortNumbers ? sortTableCharged(table, memory) : table;
}

/**
 * Reads a file or a dataset of any format (see table/format.ts): a CSV file through
 * {@link readCsvTable}; Parquet, Arrow and JSON Lines, one file or a folder or pattern of parts,
 * through their part readers (table/read.ts); or, with `fromSpill`, the columns an earlier read of
 * the file spilled (see spill.ts); sorted if asked, as readCsvTable sorts.
 *
 * @throws InputError as the format's reader does; MemoryBudgetError past the read's memory.
 */
export async function readTable(
  path: string,
  request: CsvTableRequest,
  progress?: CsvProgress,
): Promise<CsvColumnTable> {
  const file = request.file ?? path;
  if (request.fromSpill !== undefined) {
    const memory = readMemoryFor(file, request);
    const table = loadSpilledTable(request.fromSpill, request.only, memory);
    return request.sortNumbers ? sortTableCharged(table, memory) : table;
  }
  const dataset = resolveDataset(path, file, request.format);
  if (dataset.format === 'csv') return readCsvTable(path, request, progress);
  const open = PART_OPENERS[dataset.format];
  if (open === undefined) throw new InputError(`reading ${dataset.format} is not supported`, { file });
  const memory = readMemoryFor(file, request);
  const table = await readTypedTable(
    dataset,
    request,
    open,
    memory,
    progress && ((bytesRead, totalBytes) => progress(file, bytesRead, totalBytes)),
  );
  return request.sortNumbers ? sortTableCharged(table, memory) : table;
}

/** {@link sortTableNumbers}, charging the read's memory for the scratch copy of the largest column. */
function sortTableCharged(table: CsvColumnTable, memory: ReadMemory): CsvColumnTable {
  const scratch = Math.max(0, ...table.columns.map((column) => column.numbers.byteLength));
  memory.charge(scratch);
  const sorted = sortTableNumbers(table);
  memory.release(scratch);
  return sorted;
}

/**
 * Runs a read in this thread at the next turn of the event loop, unless the reader is closed by then:
 * a read asked for after one that fails is never started (the first error is reported, and nothing
 * blocks the exit). A named pipe is read through the event loop (see stream-read.ts), so waiting for
 * its writer blocks nothing.
 */
function readHereLater(
  path: string,
  request: CsvTableRequest,
  progress: CsvProgress | undefined,
  lifetime: AbortController,
  done: () => void = () => {},
): Promise<CsvColumnTable> {
  return new Promise((resolve, reject) => {
    setImmediate(() => {
      try {
        if (lifetime.signal.aborted) reject(new ReadAbandoned(request.file ?? path));
        else if (isNamedPipe(path))
          readCsvPipeTable(path, request, sortTableCharged, lifetime.signal).then(resolve, reject);
        else readTable(path, request, progress).then(resolve, reject);
      } catch (error) {
        reject(error);
      } finally {
        done();
      }
    });
  });
}

/**
 * The reader that works in this thread, one file after the other; `close` abandons the reads not
 * started yet, and a pipe still waiting for its writer.
 */
export function inProcessTableReader(progress?: CsvProgress): CsvTableReader {
  const lifetime = new AbortController();
  return {
    read: (path, request) => readHereLater(path, request, progress, lifetime),
    close: async () => lifetime.abort(),
  };
}

/** Where a file is read: in this thread, in a worker thread, or in one started early. */
export type CsvReadPlace = 'this thread' | 'worker' | 'early worker';

/**
 * The reader for more than one core: the first file asked for (of those not started early) is read in
 * this thread, and every other one in a worker thread of its own, running the script at
 * `workerScript` (the bundled `csv-worker.js` next to a bin; its body is {@link runCsvWorker}); or one
 * of `started` (reads begun ahead with startCsvWorkerRead, for the same path and an equal request) is
 * taken over; one for the same path whose request differs is stopped when that path is asked for.
 * The read in this thread waits for the next turn of the event loop, so that the reads
 * asked for with it have started their workers first; while it runs, other files go to workers.
 * `onStart` hears where each file is read; `close` stops every worker still running, those started
 * ahead and never asked for included.
 *
 * Reading one file here rather than in a worker saves a thread's start-up and keeps this thread busy
 * while it would otherwise wait (with the current file's worker started early by the drift bins,
 * measured on 2 cores at 100,000 rows: 0.88 and 0.94 of the time of a worker per file, paired runs).
 */
export function threadedTableReader(
  workerScript: URL,
  progress?: CsvProgress,
  started: readonly CsvWorkerRead[] = [],
  onStart?: (file: string, place: CsvReadPlace) => void,
): CsvTableReader {
  const waiting = [...started];
  const running = new Set<CsvWorkerRead>();
  const lifetime = new AbortController();
  let readingHere = false;
  return {
    read(path, request) {
      const file = request.file ?? path;
      // A named pipe is never given to a worker (a thread waiting in its open() could not be stopped):
      // it is read here, through the event loop.
      if (isNamedPipe(path)) {
        onStart?.(file, 'this thread');
        return readHereLater(path, request, undefined, lifetime);
      }
      const index = waiting.findIndex((read) => read.path === path && sameCsvRequest(read.request, request));
      // A read started early for this file with another request (a check in passes asks for groups of
      // columns) will never be taken over: stopped now, it holds no memory beside the passes' reads.
      if (index === -1)
        for (const unwanted of waiting.filter((read) => read.path === path)) {
          waiting.splice(waiting.indexOf(unwanted), 1);
          void unwanted.stop();
        }
      if (index === -1 && !readingHere) {
        readingHere = true;
        onStart?.(file, 'this thread');
        // While this thread reads, it cannot take the workers' messages: its own progress reports
        // also give theirs, from the figures they write into shared memory.
        const progressHere: CsvProgress | undefined =
          progress &&
          ((...report) => {
            progress(...report);
            for (const read of running) {
              const soFar = read.bytesSoFar();
              if (soFar) progress(read.request.file ?? read.path, ...soFar);
            }
          });
        return readHereLater(path, request, progressHere, lifetime, () => {
          readingHere = false;
        });
      }
      const read =
        index === -1 ? startCsvWorkerRead(workerScript, path, request) : waiting.splice(index, 1)[0]!;
      onStart?.(file, index === -1 ? 'worker' : 'early worker');
      running.add(read);
      read.follow(progress);
      read.keepAlive(true);
      return read.table.finally(() => running.delete(read));
    },
    async close() {
      lifetime.abort();
      await Promise.all([...running, ...waiting.splice(0)].map((read) => read.stop()));
    },
  };
}

/**
 * The body of a worker thread started by the worker reader (see worker-read.ts): reads the file named
 * in its task (sorted when the request says so), and posts the table back (transferring its arrays), or the error.
 */
export async function runCsvWorker(
  task: CsvWorkerTask,
  post: (message: CsvWorkerMessage, transfer?: ArrayBuffer[]) => void,
): Promise<void> {
  try {
    let lastReported = 0;
    const table = await readTable(task.path, task.request, (_file, bytesRead, totalBytes) => {
      if (task.progress) {
        task.progress[0] = bytesRead;
        task.progress[1] = totalBytes;
      }
      // Enough for a progress line, without flooding the channel.
      if (bytesRead - lastReported >= 16 * 1024 * 1024 || bytesRead === totalBytes) {
        lastReported = bytesRead;
        post({ kind: 'progress', bytesRead, totalBytes });
      }
    });
    post({ kind: 'table', table }, tableTransferList(table));
  } catch (error) {
    const memory = error instanceof MemoryBudgetError ? error.details : undefined;
    post({ kind: 'error', error: errorForThread(error), ...(memory ? { memory } : {}) });
  }
}
