import { type CliContext, writeJson, writeLines } from '@mlops/cli-kit';
import { escapeText, rollbackVersion, updateRegistry } from '@mlops/core';
import { Command } from 'commander';
import { versionText } from '../format.js';
import { changeContext, globalSettings, registryReports } from '../settings.js';

interface RollbackOptions {
  name: string;
  to?: string;
  reason?: string;
}

/** `rollback`: puts the previous production version back. */
export function rollbackCommand(context: CliContext): Command {
  return new Command('rollback')
    .description(
      'Put back in production the version that held production before the current one (or --to VERSION); the current one is archived.',
    )
    .requiredOption('--name <name>', 'model name')
    .option(
      '--to <version>',
      'the version to put back (default: the previous production version, from the history)',
    )
    .option('--reason <text>', 'why, recorded in the history')
    .action(async (options: RollbackOptions, command: Command) => {
      const settings = globalSettings(command, context);
      const reports = registryReports(settings, context);
      const change = changeContext(context);
      const result = await updateRegistry(
        settings.location,
        (entries) => {
          const outcome = rollbackVersion(
            entries,
            { name: options.name, to: options.to, reason: options.reason },
            change,
          );
          return { entries: outcome.entries, result: outcome };
        },
        settings.lock,
      );
      const replaced = result.archived.map((old) => escapeText(old.version)).join(', ') || '(none)';
      await reports.write(
        (format, target) => {
          if (format === 'json') writeJson(target, result.entry);
          else
            writeLines(target, [
              `Rolled back: ${escapeText(result.entry.name)} production: ${replaced} -> ${escapeText(result.entry.version)}`,
              ...result.archived.map((old) => `Archived: ${versionText(old)}: production -> archived`),
            ]);
        },
        { changed: true },
      );
    });
}
