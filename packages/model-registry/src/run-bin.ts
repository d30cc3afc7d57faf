import { main } from '@mlops/cli-kit';
import { buildRegistryCommand } from './index.js';

/** The `model-registry` bin's program, loaded by cli.ts once the command line is more than `--version`. */
export async function runBin(): Promise<void> {
  await main(buildRegistryCommand);
}
