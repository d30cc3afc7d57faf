import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CliContext } from '@mlops/cli-kit';
import { type CsvTableReader, csvWorkerCount, inProcessTableReader, workerTableReader } from '@mlops/core';
import { progressLine } from './progress.js';

/** The worker script, bundled next to the bin's own dist/cli.js by scripts/build.mjs. */
const WORKER_SCRIPT = new URL('./csv-worker.js', import.meta.url);

/** Below this many bytes in both files together, a worker's start-up (~40 ms) costs more than it saves. */
export const PARALLEL_MIN_BYTES = 8 * 1024 * 1024;

/** Above this many bytes in both files, a terminal shows a progress line. */
export const PROGRESS_MIN_BYTES = 50 * 1024 * 1024;

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0; // the reader reports the missing file
  }
}

/**
 * How the drift check reads its two files. `MLOPS_DRIFT_THREADS` decides: `auto` (the default) reads
 * each file in its own worker thread when the files are large enough and the machine has more than
 * one core, `on` always does, `off` never does. Also returns the progress line, when there is one.
 */
export function chooseTableReader(
  context: CliContext,
  paths: readonly string[],
  jsonToPipe: boolean,
): { reader: CsvTableReader; progress?: ReturnType<typeof progressLine> } {
  const totalBytes = paths.reduce((sum, path) => sum + sizeOf(path), 0);
  const showProgress = context.stderr.isTTY === true && !jsonToPipe && totalBytes >= PROGRESS_MIN_BYTES;
  const progress = showProgress ? progressLine(context.stderr) : undefined;
  const setting = (context.env.MLOPS_DRIFT_THREADS ?? 'auto').toLowerCase();
  const workersAvailable = existsSync(fileURLToPath(WORKER_SCRIPT));
  const useWorkers =
    workersAvailable &&
    (setting === 'on' ||
      (setting !== 'off' && csvWorkerCount(paths.length) > 1 && totalBytes >= PARALLEL_MIN_BYTES));
  const onRead = progress?.reading;
  return {
    reader: useWorkers ? workerTableReader(WORKER_SCRIPT, onRead) : inProcessTableReader(onRead),
    progress,
  };
}
