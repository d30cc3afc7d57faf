import { type CliContext, parseOptions, writeJson, writeLines } from '@mlops/cli-kit';
import { compareRegistryVersions, configuredDirections } from '@mlops/core';
import { Command } from 'commander';
import { formatComparison } from '../format.js';
import { compareOptionsSchema } from '../options.js';
import {
  findProjectConfig,
  globalSettings,
  readForDisplay,
  readProjectConfig,
  registryReports,
} from '../settings.js';

/** `compare`: versions side by side, the best value of each metric marked. */
export function compareCommand(context: CliContext): Command {
  return new Command('compare')
    .description(
      'Compare versions side by side; the best value of each metric is marked (which way is better: the flags, else the project config, else the name: lower for loss, error, fpr, latency…).',
    )
    .requiredOption('--name <name>', 'model name')
    .requiredOption('--versions <versions...>', 'two or more versions')
    .option(
      '--lower-is-better <metrics>',
      'comma-separated metrics for which lower is better (over the project config and the name rule)',
    )
    .option(
      '--higher-is-better <metrics>',
      'comma-separated metrics for which higher is better (over the project config and the name rule)',
    )
    .action(async (raw: unknown, command: Command) => {
      const settings = globalSettings(command, context);
      const options = parseOptions(compareOptionsSchema, raw);
      const configFile = findProjectConfig(command, context);
      const reports = registryReports(settings, context, configFile);
      const config = await readProjectConfig(configFile, context);
      const entries = await readForDisplay(settings, context);
      const comparison = compareRegistryVersions(entries, {
        name: options.name,
        versions: options.versions,
        // The flags over the config's directions, the config's over the name rule.
        directions: new Map([
          ...configuredDirections(config, options.name),
          ...(options.lowerIsBetter ?? []).map((metric) => [metric, 'lower'] as const),
          ...(options.higherIsBetter ?? []).map((metric) => [metric, 'higher'] as const),
        ]),
      });
      await reports.write((format, target) => {
        if (format === 'json') writeJson(target, comparison);
        else writeLines(target, formatComparison(comparison, target));
      });
    });
}
