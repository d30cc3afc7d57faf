import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { InputError, type MlopsErrorOptions } from '../errors.js';
import { sortAscending } from '../stats/index.js';
import type { CsvColumnTable } from './columns.js';
import { type CsvReadOptions, readCsvColumns } from './read.js';

/**
 * Reading CSV files into per-column storage, in this thread or in worker threads.
 *
 * A {@link CsvTableReader} reads one file; a drift check asks for two at once. The in-process reader
 * reads them one after the other; the worker reader gives each file its own worker thread, which also
 * sorts the numeric columns before handing them back (the arrays are transferred, not copied), so two
 * files take the time of one on a machine with two cores or more.
 */
export interface CsvTableRequest extends CsvReadOptions {
  /** The file as the user named it, for messages. */
  file?: string;
  /** Sort every column's numbers ascending (and mark them `numbersSorted`). */
  sortNumbers?: boolean;
}

/** Progress of one file: bytes read so far, of the file's size. */
export type CsvProgress = (file: string, bytesRead: number, totalBytes: number) => void;

export interface CsvTableReader {
  read(path: string, request: CsvTableRequest): Promise<CsvColumnTable>;
  /** Frees the workers, if any. */
  close(): Promise<void>;
}

/** Sorts every column's numbers (new arrays; the table is otherwise shared). */
export function sortTableNumbers(table: CsvColumnTable): CsvColumnTable {
  return {
    ...table,
    columns: table.columns.map((column) =>
      column.numbersSorted
        ? column
        : { ...column, numbers: sortAscending(column.numbers), numbersSorted: true },
    ),
  };
}

/** Reads a file in this thread: {@link readCsvColumns}, then sorted if asked. */
export function readCsvTable(path: string, request: CsvTableRequest, progress?: CsvProgress): CsvColumnTable {
  const file = request.file ?? path;
  const table = readCsvColumns(path, {
    ...request,
    file,
    onProgress: progress && ((bytesRead, totalBytes) => progress(file, bytesRead, totalBytes)),
  });
  return request.sortNumbers ? sortTableNumbers(table) : table;
}

/** The reader that works in this thread, one file after the other. */
export function inProcessTableReader(progress?: CsvProgress): CsvTableReader {
  return {
    read: async (path, request) => readCsvTable(path, request, progress),
    close: async () => {},
  };
}

/** What a worker sends back: progress, a table, or an error to rethrow here. */
export type CsvWorkerMessage =
  | { kind: 'progress'; bytesRead: number; totalBytes: number }
  | { kind: 'table'; table: CsvColumnTable }
  | { kind: 'error'; input: boolean; message: string; options?: MlopsErrorOptions; stack?: string };

/** What the main thread sends a worker. */
export interface CsvWorkerTask {
  path: string;
  request: CsvTableRequest;
}

/** The ArrayBuffers of a table's columns, to transfer rather than copy. */
export function tableTransferList(table: CsvColumnTable): ArrayBuffer[] {
  return table.columns.flatMap((column) => [column.numbers.buffer, column.codes.buffer] as ArrayBuffer[]);
}

/** How many worker threads to use: one per file, at most the cores available. */
export function csvWorkerCount(files: number): number {
  return Math.max(1, Math.min(files, availableParallelism()));
}

/**
 * The reader that gives each file its own worker thread, running the script at `workerScript` (the
 * bundled `csv-worker.js` next to a bin; its body is {@link runCsvWorker}). Each `read` starts a
 * worker, which reads one file, sorts its numbers, hands the table over and exits.
 */
export function workerTableReader(workerScript: URL, progress?: CsvProgress): CsvTableReader {
  const running = new Set<Worker>();
  return {
    read(path, request) {
      const file = request.file ?? path;
      return new Promise<CsvColumnTable>((resolve, reject) => {
        const worker = new Worker(workerScript, { workerData: { path, request } satisfies CsvWorkerTask });
        running.add(worker);
        let settled = false;
        const settle = (action: () => void) => {
          if (settled) return;
          settled = true;
          running.delete(worker);
          action();
        };
        worker.on('message', (message: CsvWorkerMessage) => {
          if (message.kind === 'progress') progress?.(file, message.bytesRead, message.totalBytes);
          else if (message.kind === 'table') settle(() => resolve(message.table));
          else
            settle(() => {
              const error = message.input
                ? new InputError(message.message, message.options)
                : new Error(message.message);
              if (message.stack) error.stack = message.stack;
              reject(error);
            });
        });
        worker.on('error', (error) => settle(() => reject(error)));
        worker.on('exit', (code) =>
          settle(() => reject(new Error(`the CSV worker reading ${file} stopped (exit code ${code})`))),
        );
      });
    },
    async close() {
      await Promise.all([...running].map((worker) => worker.terminate()));
    },
  };
}

/**
 * The body of a worker thread started by {@link workerTableReader}: reads the file named in its
 * task, sorted, and posts the table back (transferring its arrays), or the error.
 */
export function runCsvWorker(
  task: CsvWorkerTask,
  post: (message: CsvWorkerMessage, transfer?: ArrayBuffer[]) => void,
): void {
  try {
    let lastReported = 0;
    const table = readCsvTable(
      task.path,
      { ...task.request, sortNumbers: true },
      (_file, bytesRead, totalBytes) => {
        // Enough for a progress line, without flooding the channel.
        if (bytesRead - lastReported >= 16 * 1024 * 1024 || bytesRead === totalBytes) {
          lastReported = bytesRead;
          post({ kind: 'progress', bytesRead, totalBytes });
        }
      },
    );
    post({ kind: 'table', table }, tableTransferList(table));
  } catch (error) {
    if (error instanceof InputError)
      post({
        kind: 'error',
        input: true,
        message: error.message,
        options: { file: error.file, line: error.line, column: error.column, hint: error.hint },
      });
    else
      post({
        kind: 'error',
        input: false,
        message: error instanceof Error ? error.message : String(error),
        stack: error instanceof Error ? error.stack : undefined,
      });
  }
}
