import { type CliContext, parseOptions, writeJson, writeLines } from '@mlops/cli-kit';
import { escapeText, selectRegistryEntry, UsageError } from '@mlops/core';
import { Command } from 'commander';
import { getOptionsSchema } from '../options.js';
import { globalSettings, readForDisplay, registryReports } from '../settings.js';

/**
 * `get`: the version a deploy script should use. Text: the version alone on one line
 * (`VERSION=$(model-registry get --name fraud --stage production)`); `--format json`: the entry, as
 * `show --format json` prints it. Nothing found is exit 1.
 */
export function getCommand(context: CliContext): Command {
  return new Command('get')
    .description(
      'Print the version in a stage, with an alias, or by name (text: the version; json: the entry); exit 1 when none matches.',
    )
    .requiredOption('--name <name>', 'model name')
    .option('--stage <stage>', 'the version in this stage (the most recently updated, if several)')
    .option('--alias <alias>', 'the version that carries this alias (champion, challenger…)')
    .option('--version <version>', 'this version, if it exists')
    .action(async (raw: { stage?: string; alias?: string; version?: string }, command: Command) => {
      const settings = globalSettings(command, context);
      const given = [raw.stage, raw.alias, raw.version].filter((value) => value !== undefined);
      if (given.length !== 1) throw new UsageError('get needs exactly one of --stage, --alias and --version');
      const options = parseOptions(getOptionsSchema, raw);
      const { stage } = options;
      const reports = registryReports(settings, context);
      const entries = await readForDisplay(settings, context);
      const { entry, matches } = selectRegistryEntry(entries, options);
      if (matches.length > 1) {
        const others = matches.slice(1).map((other) => escapeText(other.version));
        context.stderr.write(
          `note: ${matches.length} versions of ${escapeText(entry.name)} are in ${stage}; printed the most recently updated, ${escapeText(entry.version)} (also: ${others.join(', ')})\n`,
        );
      }
      await reports.write((format, target) => {
        if (format === 'json')
          writeJson(target, { ...entry, aliases: entry.aliases ?? [], history: entry.history ?? [] });
        else writeLines(target, [escapeText(entry.version)]);
      });
    });
}
