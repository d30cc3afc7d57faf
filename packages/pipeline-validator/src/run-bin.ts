import { main } from '@mlops/cli-kit';
import { buildPipelineCommand } from './index.js';

/** The `pipeline-validator` bin's program, loaded by cli.ts once the command line is more than `--version`. */
export async function runBin(): Promise<void> {
  await main(buildPipelineCommand);
}
