import { type CliContext, parseOptions, writeJson, writeLines } from '@mlops/cli-kit';
import {
  configuredRequirements,
  escapeText,
  type PromotionRefusal,
  PromotionRefusedError,
  promoteVersion,
  RefusedError,
  type RegistryOperationResult,
  updateRegistry,
  withGivenRequirements,
} from '@mlops/core';
import { Command } from 'commander';
import { versionText } from '../format.js';
import { promoteOptionsSchema } from '../options.js';
import {
  changeContext,
  collect,
  findProjectConfig,
  globalSettings,
  readProjectConfig,
  registryReports,
} from '../settings.js';

/**
 * `promote`: moves a version to a stage, optionally only if its metrics meet requirements. Under
 * `--format json` (or `--json`), prints the promoted entry, or, when refused (exit 1), a
 * PromotionRefusal, on stdout and in each JSON `-o` file; a refusal writes no text report.
 */
export function promoteCommand(context: CliContext): Command {
  return new Command('promote')
    .description('Move a version to a stage; production archives the previous production version.')
    .requiredOption('--name <name>', 'model name')
    .requiredOption('--version <version>', 'the version to move')
    .requiredOption('--stage <stage>', 'development, staging, production, archived or retired')
    .option('--reason <text>', 'why, recorded in the history')
    .option(
      '--require <condition>',
      'a condition on the version\'s metrics, e.g. "f1>=0.85" (>=, >, <=, <); repeatable; refused unless all hold, and those of the project config for the stage (a condition given replaces the config\'s on the same metric)',
      collect,
    )
    .action(async (raw: unknown, command: Command) => {
      const settings = globalSettings(command, context);
      const options = parseOptions(promoteOptionsSchema, raw);
      const { stage } = options;
      // The project's conditions for this stage, a --require on the same metric replacing them.
      const configFile = findProjectConfig(command, context);
      const reports = registryReports(settings, context, configFile);
      const config = await readProjectConfig(configFile, context);
      const requirements = withGivenRequirements(
        configuredRequirements(config, options.name, stage),
        options.require ?? [],
      );
      const change = changeContext(context);
      let result: RegistryOperationResult;
      try {
        result = await updateRegistry(
          settings.location,
          (entries) => {
            const outcome = promoteVersion(
              entries,
              { name: options.name, version: options.version, stage, reason: options.reason, requirements },
              change,
            );
            return { entries: outcome.entries, result: outcome };
          },
          settings.lock,
        );
      } catch (error) {
        // A refusal in JSON is also data: on stdout and in each JSON file, the error line and exit 1
        // following as usual. A text report has nothing to add to the error line: none is written.
        if (error instanceof RefusedError) {
          const refusal: PromotionRefusal =
            error instanceof PromotionRefusedError
              ? error.refusal
              : {
                  promoted: false,
                  name: options.name,
                  version: options.version,
                  stage,
                  unmet: [],
                  reason: error.message,
                };
          await reports.write((_json, target) => writeJson(target, refusal), { only: 'json' });
        }
        throw error;
      }
      await reports.write(
        (format, target) => {
          if (format === 'json') writeJson(target, result.entry);
          else
            writeLines(target, [
              `Promoted: ${versionText(result.entry)}: ${escapeText(String(result.fromStage))} -> ${escapeText(result.entry.stage)}`,
              ...result.archived.map((old) => `Archived: ${versionText(old)}: production -> archived`),
            ]);
        },
        { changed: true },
      );
    });
}
