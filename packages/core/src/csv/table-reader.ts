import { errorForThread } from '../errors.js';
import { sortAscending } from '../stats/index.js';
import type { CsvColumnTable } from './columns.js';
import { type CsvReadOptions, readCsvColumns } from './read.js';
import { type CsvWorkerMessage, type CsvWorkerTask, tableTransferList } from './worker-read.js';

/**
 * Reading CSV files into per-column storage, in this thread or in worker threads.
 *
 * A {@link CsvTableReader} reads one file; a drift check asks for two at once. The in-process reader
 * here reads them one after the other; the worker reader (worker-read.ts) gives each file its own
 * worker thread, which also sorts the numeric columns before handing them back (the arrays are
 * transferred, not copied), so two files take the time of one on a machine with two cores or more.
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

/**
 * The body of a worker thread started by the worker reader (see worker-read.ts): reads the file named
 * in its task, sorted, and posts the table back (transferring its arrays), or the error.
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
    post({ kind: 'error', error: errorForThread(error) });
  }
}
