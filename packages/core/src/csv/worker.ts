// The entry of the CSV worker thread (bundled as csv-worker.js next to each bin that reads CSV files).
import { parentPort, workerData } from 'node:worker_threads';
import { runCsvWorker } from './table-reader.js';
import type { CsvWorkerTask } from './worker-read.js';

if (parentPort !== null) {
  const port = parentPort;
  void runCsvWorker(workerData as CsvWorkerTask, (message, transfer) =>
    port.postMessage(message, transfer ?? []),
  );
}
