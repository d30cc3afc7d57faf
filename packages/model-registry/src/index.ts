import { type CliContext, type CommandExample, VERSION, withExamples } from '@mlops/cli-kit';
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

/** Two to four examples per command, shown at the end of its help. */
const REGISTRY_EXAMPLES: Readonly<Record<string, readonly CommandExample[]>> = {
  register: [
    {
      args: `--name churn --version 1.4.0 --metrics '{"auc": 0.91, "log_loss": 0.32}' --params '{"lr": 0.05}'`,
      does: 'record a new version with its metrics and parameters',
    },
    {
      args: '--name churn --version 1.4.0 --stage staging --artifact s3://models/churn/1.4.0',
      does: 'straight into staging, with where the model lives',
    },
  ],
  promote: [
    { args: '--name churn --version 1.4.0 --stage production', does: 'put a version in production' },
    {
      args: '--name churn --version 1.4.0 --stage production --require "auc>=0.9"',
      does: 'only if its metrics pass (exit 1 when refused)',
    },
  ],
  rollback: [
    { args: '--name churn', does: 'put the previous production version back' },
    { args: '--name churn --to 1.2.0 --reason "latency regression"', does: 'a chosen one, saying why' },
  ],
  list: [
    { args: '', does: 'every version, most recently updated first' },
    { args: '--name churn --stage production --format json', does: 'one model in production, as JSON' },
    {
      args: '--format json -o versions.json --format text',
      does: 'the JSON to a file for a script, the table on the terminal',
    },
  ],
  show: [
    { args: '--name churn --version 1.4.0', does: 'one version, field by field, with its history' },
    { args: '--name churn --alias champion', does: 'the version an alias points to' },
  ],
  get: [
    {
      args: '--name churn --stage production --format json',
      does: "the production version's entry, for a script",
    },
    { args: '--name churn --alias champion', does: 'the version an alias points to' },
  ],
  compare: [
    { args: '--name churn --versions 1.3.0 1.4.0', does: 'two versions side by side, the best value marked' },
    {
      args: '--name churn --versions 1.3.0 1.4.0 1.5.0 --lower-is-better latency_ms',
      does: 'three, saying which way a metric is better',
    },
  ],
  history: [
    { args: '', does: 'every stage change and alias move, oldest first' },
    { args: '--name churn --version 1.4.0', does: "one version's history" },
  ],
  alias: [
    { args: '--name churn --version 1.4.0 --alias champion', does: 'point an alias at a version' },
    { args: '--name churn --remove champion', does: 'remove it' },
  ],
};

/**
 * Builds the `model-registry` program; `mlops` mounts the same program as `mlops registry`.
 *
 * The global options (`--registry`, `--json`, `-f, --format`, `-o, --output`, `--lock-timeout`,
 * `--config`, `--no-config`) are defined on the program and on each sub-command, so they are
 * accepted before or after the sub-command's name (`--format` and `-o` pair across both, the
 * program's first: see settings.ts, globalSettings). Options are positional
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
    const command = addGlobalOptions(build(context));
    program.addCommand(withExamples(command, REGISTRY_EXAMPLES[command.name()] ?? []));
  }
  return program;
}
