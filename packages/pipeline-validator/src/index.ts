import { type CliContext, VERSION } from '@mlops/cli-kit';
import { Command } from 'commander';

/** Builds the `pipeline-validator` program; `mlops` mounts the same program as a sub-command. */
export function buildPipelineCommand(_context: CliContext): Command {
  return new Command('pipeline-validator')
    .description('Lint ML pipeline definitions (stages, gates, rollback, schedule).')
    .version(VERSION);
}
