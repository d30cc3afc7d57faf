import { type CliContext, VERSION } from '@mlops/cli-kit';
import { Command } from 'commander';

/** Builds the `model-registry` program; `mlops` mounts the same program as a sub-command. */
export function buildRegistryCommand(_context: CliContext): Command {
  return new Command('model-registry')
    .description('Model versions, metrics, parameters and lifecycle stages in a JSON file.')
    .version(VERSION);
}
