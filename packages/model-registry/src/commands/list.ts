import { type CliContext, parseOptions, tableColumns, writeJson, writeLines } from '@mlops/cli-kit';
import { listRegistryEntries } from '@mlops/core';
import { Command } from 'commander';
import { formatList } from '../format.js';
import { listOptionsSchema } from '../options.js';
import { globalSettings, readForDisplay } from '../settings.js';

/** `list`: the entries, most recently updated first. */
export function listCommand(context: CliContext): Command {
  return new Command('list')
    .description('List versions, most recently updated first.')
    .option('--name <name>', 'only this model')
    .option('--stage <stage>', 'only this stage')
    .option('--tag <tag>', 'only versions with this tag')
    .action(async (raw: unknown, command: Command) => {
      const settings = globalSettings(command, context);
      const options = parseOptions(listOptionsSchema, raw);
      const entries = await readForDisplay(settings, context);
      const listed = listRegistryEntries(entries, options);
      if (settings.format === 'json') return writeJson(context, listed);
      if (listed.length === 0) {
        return writeLines(context, [entries.length === 0 ? 'Registry is empty.' : 'No matching versions.']);
      }
      writeLines(context, formatList(listed, tableColumns(context.stdout)));
    });
}
