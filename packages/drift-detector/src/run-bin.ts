import { main } from '@mlops/cli-kit';
import type { CsvWorkerRead } from '@mlops/core';
import { buildDriftCommand } from './index.js';

/** The `drift-detector` bin's program, loaded by cli.ts once the command line is more than `--version`. */
export async function runBin(workerScript: URL, started: readonly CsvWorkerRead[]): Promise<void> {
  await main((context) => buildDriftCommand(context, { workerScript, started }));
}
