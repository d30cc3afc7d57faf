import { type CliContext, parseOptions, writeJson, writeLines } from '@mlops/cli-kit';
import { configuredRequirements, escapeText, registerVersion, updateRegistry } from '@mlops/core';
import { Command } from 'commander';
import { metricsText, versionText } from '../format.js';
import { registerOptionsSchema } from '../options.js';
import {
  changeContext,
  findProjectConfig,
  globalSettings,
  readProjectConfig,
  registryReports,
} from '../settings.js';

/** `register`: adds a version. */
export function registerCommand(context: CliContext): Command {
  return new Command('register')
    .description('Add a model version (stage development unless --stage says otherwise).')
    .requiredOption('--name <name>', 'model name')
    .requiredOption('--version <version>', 'version, free-form (1.2.0, v3)')
    .option('--metrics <json>', 'metrics as a JSON object of finite numbers, e.g. \'{"f1": 0.91}\'')
    .option('--params <json>', 'parameters as a JSON object')
    .option(
      '--stage <stage>',
      "development, staging, production, archived or retired (production archives the current production version; the project config's requirements for the stage apply)",
    )
    .option('--tags <list>', 'comma-separated tags')
    .option('--description <text>', 'free text')
    .option('--artifact <uri>', 'where the model artifact is (path or URI)')
    .option('--reason <text>', 'why, recorded in the history')
    .action(async (raw: unknown, command: Command) => {
      const settings = globalSettings(command, context);
      const options = parseOptions(registerOptionsSchema, raw);
      const configFile = findProjectConfig(command, context);
      const reports = registryReports(settings, context, configFile);
      const config = await readProjectConfig(configFile, context);
      const input = {
        name: options.name,
        version: options.version,
        stage: options.stage,
        // Entering a stage by registration passes the project's gate for it, as a promotion would.
        requirements: configuredRequirements(config, options.name, options.stage ?? 'development'),
        metrics: options.metrics,
        parameters: options.params,
        tags: options.tags,
        description: options.description,
        artifactPath: options.artifact,
        reason: options.reason,
      };
      const change = changeContext(context);
      const result = await updateRegistry(
        settings.location,
        (entries) => {
          const outcome = registerVersion(entries, input, change);
          return { entries: outcome.entries, result: outcome };
        },
        settings.lock,
      );
      const { entry } = result;
      await reports.write(
        (format, target) => {
          if (format === 'json') writeJson(target, entry);
          else
            writeLines(target, [
              `Registered: ${versionText(entry)} (stage: ${escapeText(entry.stage)})`,
              `  Metrics: ${metricsText(entry.metrics) || '(none)'}`,
              ...result.archived.map((old) => `Archived: ${versionText(old)}: production -> archived`),
            ]);
        },
        { changed: true },
      );
    });
}
