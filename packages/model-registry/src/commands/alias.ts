import { type CliContext, parseOptions, writeJson, writeLines } from '@mlops/cli-kit';
import { escapeText, removeRegistryAlias, setRegistryAlias, UsageError, updateRegistry } from '@mlops/core';
import { Command } from 'commander';
import { versionText } from '../format.js';
import { aliasOptionsSchema } from '../options.js';
import { changeContext, globalSettings, registryReports } from '../settings.js';

/** The flags that decide which form of the command this is. */
interface AliasOptions {
  version?: string;
  alias?: string;
  remove?: string;
}

/** `alias`: sets or removes a named pointer (champion, challenger) to one version of a model. */
export function aliasCommand(context: CliContext): Command {
  return new Command('alias')
    .description(
      'Point an alias at a version (--version V --alias A; moves it from another version) or remove it (--remove A).',
    )
    .requiredOption('--name <name>', 'model name')
    .option('--version <version>', 'the version to point the alias at')
    .option('--alias <alias>', 'the alias to set')
    .option('--remove <alias>', 'the alias to remove')
    .option('--reason <text>', 'why, recorded in the history')
    .action(async (raw: AliasOptions, command: Command) => {
      const settings = globalSettings(command, context);
      const setting = raw.alias !== undefined;
      if (setting === (raw.remove !== undefined) || (setting && raw.version === undefined)) {
        throw new UsageError('alias needs either --version V --alias A, or --remove A');
      }
      if (!setting && raw.version !== undefined) {
        throw new UsageError('alias --remove takes no --version (an alias names one version per model)');
      }
      // The alias is checked here too (the core checks it again), so that a bad --remove is named so.
      const options = parseOptions(aliasOptionsSchema, raw);
      const reports = registryReports(settings, context);
      const change = changeContext(context);
      const result = await updateRegistry(
        settings.location,
        (entries) => {
          const outcome = setting
            ? setRegistryAlias(
                entries,
                {
                  name: options.name,
                  version: options.version!,
                  alias: options.alias!,
                  reason: options.reason,
                },
                change,
              )
            : removeRegistryAlias(
                entries,
                { name: options.name, alias: options.remove!, reason: options.reason },
                change,
              );
          return { entries: outcome.entries, result: outcome };
        },
        settings.lock,
      );
      const { entry } = result;
      const moved =
        result.previousVersion === undefined
          ? ''
          : result.previousVersion === entry.version
            ? ' (unchanged)'
            : ` (moved from ${escapeText(result.previousVersion)})`;
      await reports.write(
        (format, target) => {
          if (format === 'json') writeJson(target, entry);
          else if (!setting)
            writeLines(target, [`Removed alias ${escapeText(options.remove!)}: ${versionText(entry)}`]);
          else writeLines(target, [`Alias ${escapeText(options.alias!)}: ${versionText(entry)}${moved}`]);
        },
        // Setting an alias where it already is writes the registry as it was.
        { changed: !setting || result.previousVersion !== entry.version },
      );
    });
}
