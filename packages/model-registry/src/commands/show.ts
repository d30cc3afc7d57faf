import { type CliContext, writeJson, writeLines } from '@mlops/cli-kit';
import { findRegistryAlias, findRegistryIndex, UsageError } from '@mlops/core';
import { Command } from 'commander';
import { formatEntry } from '../format.js';
import { globalSettings, readForDisplay, registryReports } from '../settings.js';

interface ShowOptions {
  name: string;
  version?: string;
  alias?: string;
}

/** `show`: one entry with its history. */
export function showCommand(context: CliContext): Command {
  return new Command('show')
    .description('Show one version, with its aliases and history.')
    .requiredOption('--name <name>', 'model name')
    .option('--version <version>', 'the version')
    .option('--alias <alias>', 'the version that carries this alias (champion, challenger…)')
    .action(async (options: ShowOptions, command: Command) => {
      const settings = globalSettings(command, context);
      if ((options.version === undefined) === (options.alias === undefined)) {
        throw new UsageError('show needs exactly one of --version and --alias');
      }
      const reports = registryReports(settings, context);
      const entries = await readForDisplay(settings, context);
      const entry =
        options.version !== undefined
          ? entries[findRegistryIndex(entries, options.name, options.version)]!
          : findRegistryAlias(entries, options.name, options.alias!);
      await reports.write((format, target) => {
        if (format === 'json')
          writeJson(target, { ...entry, aliases: entry.aliases ?? [], history: entry.history ?? [] });
        else writeLines(target, formatEntry(entry));
      });
    });
}
