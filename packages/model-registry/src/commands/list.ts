import { type CliContext, parseOptions, tableColumns, writeJson, writeLines } from '@mlops/cli-kit';
import { listRegistryEntries } from '@mlops/core';
import { Command } from 'commander';
import { formatList } from '../format.js';
import { listOptionsSchema } from '../options.js';
import { globalSettings, readForDisplay, registryReports } from '../settings.js';

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
      const reports = registryReports(settings, context);
      const entries = await readForDisplay(settings, context);
      const listed = listRegistryEntries(entries, options);
      await reports.write((format, target) => {
        if (format === 'json') writeJson(target, listed);
        else if (listed.length === 0)
          writeLines(target, [entries.length === 0 ? 'Registry is empty.' : 'No matching versions.']);
        else writeLines(target, formatList(listed, tableColumns(target.stdout)));
      });
    });
}
