// The entry of the CSV worker thread (bundled as csv-worker.js next to each bin that reads CSV files).
import { parentPort, workerData } from 'node:worker_threads';
import { type CsvWorkerTask, runCsvWorker } from './table-reader.js';

if (parentPort !== null) {
  const port = parentPort;
  runCsvWorker(workerData as CsvWorkerTask, (message, transfer) => port.postMessage(message, transfer ?? []));
}
