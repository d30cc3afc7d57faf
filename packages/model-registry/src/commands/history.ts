import { type CliContext, tableColumns, writeJson, writeLines } from '@mlops/cli-kit';
import { registryHistory } from '@mlops/core';
import { Command } from 'commander';
import { formatHistory } from '../format.js';
import { globalSettings, readForDisplay, registryReports } from '../settings.js';

/** `history`: the audit trail, oldest first. */
export function historyCommand(context: CliContext): Command {
  return new Command('history')
    .description('Every register, promote, archive, rollback and alias change, oldest first.')
    .option('--name <name>', 'only this model')
    .option('--version <version>', 'only this version')
    .action(async (options: { name?: string; version?: string }, command: Command) => {
      const settings = globalSettings(command, context);
      const reports = registryReports(settings, context);
      const records = registryHistory(await readForDisplay(settings, context), options);
      await reports.write((format, target) => {
        if (format === 'json') writeJson(target, records);
        else writeLines(target, formatHistory(records, tableColumns(target.stdout)));
      });
    });
}
