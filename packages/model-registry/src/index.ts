import { type CliContext, VERSION } from '@mlops/cli-kit';
import { Command } from 'commander';
import { aliasCommand } from './commands/alias.js';
import { compareCommand } from './commands/compare.js';
import { getCommand } from './commands/get.js';
import { historyCommand } from './commands/history.js';
import { listCommand } from './commands/list.js';
import { promoteCommand } from './commands/promote.js';
import { registerCommand } from './commands/register.js';
import { rollbackCommand } from './commands/rollback.js';
import { showCommand } from './commands/show.js';
import { addGlobalOptions } from './settings.js';

/**
 * Builds the `model-registry` program; `mlops` mounts the same program as `mlops registry`.
 *
 * The global options (`--registry`, `--format`, `--json`, `--lock-timeout`, `--config`,
 * `--no-config`) are defined on the program and on each sub-command, so they are accepted before or
 * after the sub-command's name. Options are positional
 * (the program's own options only before the sub-command), so that `register --version 1.2.0` is the
 * model's version, not the program's `--version`.
 */
export function buildRegistryCommand(context: CliContext): Command {
  const program = addGlobalOptions(
    new Command('model-registry')
      .description('Model versions, metrics, parameters and lifecycle stages in a JSON file.')
      .version(VERSION)
      .enablePositionalOptions(),
  );
  for (const build of [
    registerCommand,
    promoteCommand,
    rollbackCommand,
    listCommand,
    showCommand,
    getCommand,
    compareCommand,
    historyCommand,
    aliasCommand,
  ]) {
    program.addCommand(addGlobalOptions(build(context)));
  }
  return program;
}
