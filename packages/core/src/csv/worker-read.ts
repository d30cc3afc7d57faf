import { Worker } from 'node:worker_threads';
import { errorFromThread, type ThreadError } from '../errors.js';
import type { CsvColumnTable } from './columns.js';
import { type MemoryBudgetDetails, MemoryBudgetError } from './memory.js';
import type { CsvProgress, CsvTableRequest } from './table-request.js';

/**
 * Reading a CSV file in a worker thread of its own (the thread's body is `runCsvWorker` in
 * table-reader.ts, bundled as `csv-worker.js` next to each bin that reads CSV files).
 *
 * This module imports nothing heavy, so that a bin can start its reads from its very first lines,
 * before the rest of the program has loaded ({@link startCsvWorkerRead}); the threaded reader
 * (threadedTableReader in table-reader.ts) then takes over a read started that way when it is asked for
 * the same file with the same request ({@link sameCsvRequest}), and starts its own otherwise.
 */

/** What a worker sends back: progress, a table, or an error to rethrow here. */
export type CsvWorkerMessage =
  | { kind: 'progress'; bytesRead: number; totalBytes: number }
  | { kind: 'table'; table: CsvColumnTable }
  | { kind: 'error'; error: ThreadError; memory?: MemoryBudgetDetails };

/** What the main thread sends a worker. */
export interface CsvWorkerTask {
  path: string;
  request: CsvTableRequest;
  /**
   * Bytes read so far and the file's size, written by the worker after each chunk into shared
   * memory: readable while this thread is too busy to take messages (see CsvWorkerRead.bytesSoFar).
   */
  progress?: Float64Array;
}

/** The ArrayBuffers of a table's columns, to transfer rather than copy. */
export function tableTransferList(table: CsvColumnTable): ArrayBuffer[] {
  return table.columns.flatMap((column) => [column.numbers.buffer, column.codes.buffer] as ArrayBuffer[]);
}

// The budget's split, for a bin's first lines (see early-read.ts in drift-detector): they must ask for
// the same memory as the check will, for their read to be taken over.
export { memoryShare } from './memory.js';

/** One file being read by its own worker thread. */
export interface CsvWorkerRead {
  readonly path: string;
  readonly request: CsvTableRequest;
  /** The table, or the error, once the worker has answered. */
  readonly table: Promise<CsvColumnTable>;
  /** Receives the progress of the read from now on (the last report so far at once, if any). */
  follow(progress: CsvProgress | undefined): void;
  /** Bytes read so far and the file's size, as the worker last wrote them; undefined before its first chunk. */
  bytesSoFar(): [bytesRead: number, totalBytes: number] | undefined;
  /** Whether the read may keep the process alive: not until someone waits for it. */
  keepAlive(alive: boolean): void;
  /** Stops the worker, if it still runs. */
  stop(): Promise<void>;
}

/**
 * Starts a worker thread running `workerScript` that reads the file at `path` (sorted, see
 * runCsvWorker). Until {@link CsvWorkerRead.keepAlive} says otherwise, the worker does not keep the
 * process alive, and an error it reports stays unhandled-rejection-free: a read started ahead of time
 * may never be wanted.
 */
export function startCsvWorkerRead(workerScript: URL, path: string, request: CsvTableRequest): CsvWorkerRead {
  const file = request.file ?? path;
  const shared = new Float64Array(new SharedArrayBuffer(2 * Float64Array.BYTES_PER_ELEMENT));
  // A display figure: a torn read of a number being written is harmless (and never seen on x64).
  const readShared = (): [number, number] | undefined =>
    shared[1]! > 0 ? [shared[0]!, shared[1]!] : undefined;
  const worker = new Worker(workerScript, {
    workerData: { path, request, progress: shared } satisfies CsvWorkerTask,
  });
  worker.unref();
  let progress: CsvProgress | undefined;
  let lastProgress: [number, number] | undefined;
  let finished = false;
  const table = new Promise<CsvColumnTable>((resolve, reject) => {
    const settle = (action: () => void) => {
      if (finished) return;
      finished = true;
      action();
    };
    worker.on('message', (message: CsvWorkerMessage) => {
      if (message.kind === 'progress') {
        // The latest figures, not the message's: messages that waited behind a busy thread are stale.
        lastProgress = readShared() ?? [message.bytesRead, message.totalBytes];
        progress?.(file, ...lastProgress);
      } else if (message.kind === 'table') settle(() => resolve(message.table));
      else settle(() => reject(threadError(message)));
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) =>
      settle(() => reject(new Error(`the CSV worker reading ${file} stopped (exit code ${code})`))),
    );
  });
  table.catch(() => {}); // whoever takes the read over sees the error; nobody else must
  return {
    path,
    request,
    table,
    follow(next) {
      progress = next;
      if (next && lastProgress) next(file, ...lastProgress);
    },
    bytesSoFar: readShared,
    keepAlive(alive) {
      if (alive) worker.ref();
      else worker.unref();
    },
    async stop() {
      if (!finished) await worker.terminate();
    },
  };
}

/** The error a worker posted, rebuilt here (a read stopped by its memory limit keeps its class). */
function threadError(message: { error: ThreadError; memory?: MemoryBudgetDetails }): Error {
  if (message.memory === undefined) return errorFromThread(message.error);
  const { file, line, column, hint } = message.error.options ?? {};
  return new MemoryBudgetError(message.memory, { file, line, column, hint });
}

/** Whether two requests read a file the same way (the same table comes out). */
export function sameCsvRequest(left: CsvTableRequest, right: CsvTableRequest): boolean {
  const names = (set: ReadonlySet<string> | undefined) => (set === undefined ? undefined : [...set].sort());
  const canonical = (request: CsvTableRequest) =>
    JSON.stringify([
      request.file ?? null,
      request.delimiter ?? null,
      request.naValues ?? [],
      names(request.keepText) ?? [],
      names(request.only) ?? null,
      request.parser ?? 'auto',
      request.format ?? null,
      request.hivePartitioning ?? false,
      request.sortNumbers ?? false,
      request.maxMemoryBytes ?? null,
      request.memoryBudgetBytes ?? null,
      // A spill is a file of its own: never the same as another read's.
      request.spill === undefined ? null : [request.spill.fd, names(request.spill.columns)],
      request.fromSpill?.fd ?? null,
    ]);
  return canonical(left) === canonical(right);
}
