import { constants as bufferConstants } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, statSync } from 'node:fs';
import { Socket } from 'node:net';
import type { CsvColumnTable } from './columns.js';
import type { ReadMemory } from './memory.js';
import {
  csvSourceFromBytes,
  parseCsvColumns,
  readError,
  readMemoryFor,
  tooLargeForOneBuffer,
} from './read.js';
import type { CsvTableRequest } from './table-request.js';

/**
 * Reading a named pipe (a FIFO: `mkfifo`, `<(…)`, `/dev/stdin` fed by a pipe) without ever blocking a
 * thread.
 *
 * Opening a FIFO for reading blocks until a writer opens it, and reading blocks until it writes: a
 * thread stuck there cannot be stopped, and Node.js cannot even exit while one is (the process waits
 * for its threads). So a FIFO is opened non-blocking and read through the event loop (a pipe handle:
 * epoll), which waits for its writer and its data like `cat` would, but can be abandoned at any time:
 * an error in the other file is reported at once, and the process exits.
 */

/** True for a named pipe (checked without opening it, which could block). */
export function isNamedPipe(path: string): boolean {
  try {
    return statSync(path).isFIFO();
  } catch {
    return false;
  }
}

/** The error for a read given up because the reader was closed (never shown: nobody waits for it). */
export class ReadAbandoned extends Error {
  constructor(file: string) {
    super(`the read of ${file} was abandoned`);
  }
}

/**
 * Reads a whole named pipe through the event loop, charging `memory` for every piece as it arrives
 * (then for the joined buffer), until its writer closes it.
 *
 * @throws InputError when it cannot be opened; MemoryBudgetError past the memory limit (the pipe is
 *   then closed); ReadAbandoned when `signal` aborts.
 */
export function readPipeBytes(
  path: string,
  file: string,
  memory: ReadMemory,
  signal?: AbortSignal,
): Promise<Buffer> {
  if (signal?.aborted) return Promise.reject(new ReadAbandoned(file));
  let descriptor: number;
  try {
    // O_NONBLOCK: the open returns at once, writer or not.
    descriptor = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return Promise.reject(readError(error, file));
  }
  if (!fstatSync(descriptor).isFIFO()) {
    closeSync(descriptor);
    return Promise.reject(readError(Object.assign(new Error('not a pipe'), { code: 'ENOTFIFO' }), file));
  }
  const pipe = new Socket({ fd: descriptor, readable: true, writable: false });
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let settled = false;
    const finish = (action: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', abandon);
      action();
    };
    const abandon = () =>
      finish(() => {
        pipe.destroy();
        reject(new ReadAbandoned(file));
      });
    signal?.addEventListener('abort', abandon, { once: true });
    pipe.on('data', (chunk: Buffer) => {
      try {
        memory.charge(chunk.length);
      } catch (error) {
        finish(() => {
          pipe.destroy();
          reject(error);
        });
        return;
      }
      chunks.push(chunk);
      total += chunk.length;
      memory.bytesRead = total;
    });
    pipe.on('error', (error) => finish(() => reject(readError(error, file))));
    pipe.on('end', () =>
      finish(() => {
        try {
          if (total > bufferConstants.MAX_LENGTH) throw tooLargeForOneBuffer(file);
          memory.charge(total);
          const joined = Buffer.concat(chunks, total);
          memory.release(total);
          resolve(joined);
        } catch (error) {
          reject(error);
        } finally {
          pipe.destroy();
        }
      }),
    );
  });
}

/**
 * Reads a named pipe into per-column storage: its bytes through the event loop (see
 * {@link readPipeBytes}), then parsed as any file held whole (gunzipped for `.gz`, checked, its
 * delimiter found); sorted when asked, as readCsvTable does.
 */
export async function readCsvPipeTable(
  path: string,
  request: CsvTableRequest,
  sort: (table: CsvColumnTable, memory: ReadMemory) => CsvColumnTable,
  signal?: AbortSignal,
): Promise<CsvColumnTable> {
  const file = request.file ?? path;
  const memory = readMemoryFor(file, request);
  const raw = await readPipeBytes(path, file, memory, signal);
  const source = csvSourceFromBytes(raw, path, { file, delimiter: request.delimiter, memory });
  const table = parseCsvColumns(source, request, memory);
  return request.sortNumbers ? sort(table, memory) : table;
}
