import { main } from '@mlops/cli-kit';
import type { DriftCommandOptions } from '@mlops/drift-detector';
import { buildMlopsCommand } from './index.js';

/** The `mlops` bin's program, loaded by cli.ts once the command line is more than `--version`. */
export async function runBin(drift: DriftCommandOptions): Promise<void> {
  await main((context) => buildMlopsCommand(context, { drift }));
}
