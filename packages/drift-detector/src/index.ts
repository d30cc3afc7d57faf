import { type CliContext, VERSION } from '@mlops/cli-kit';
import { Command } from 'commander';

/** Builds the `drift-detector` program; `mlops` mounts the same program as a sub-command. */
export function buildDriftCommand(_context: CliContext): Command {
  return new Command('drift-detector')
    .description('Per-column data drift between a reference and a current CSV file.')
    .version(VERSION);
}
