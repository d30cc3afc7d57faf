import { dirname, join, resolve } from 'node:path';
import {
  type CliContext,
  nonNegativeInteger,
  parseOptions,
  VERSION,
  writeJson,
  writeLines,
} from '@mlops/cli-kit';
import {
  findPipelineConfig,
  PIPELINE_CONFIG_FILENAME,
  PIPELINE_MAX_FILE_BYTES,
  type PipelineConfig,
  type PipelineFileReport,
  pipelineRules,
  pipelineSarifLog,
  readInputText,
  readPipelineConfig,
  UsageError,
  validatePipelineText,
} from '@mlops/core';
import { Command, Option } from 'commander';
import * as z from 'zod';
import { formatGithubAnnotations } from '../format/github.js';
import { writeJsonInPieces, writeLinesInPieces } from '../format/json.js';
import { formatMarkdownSummary } from '../format/markdown.js';
import { repositoryPath, sarifArtifactLocation } from '../format/sarif-location.js';
import { formatTextReport } from '../format/text.js';

export const PIPELINE_FORMATS = ['text', 'json', 'sarif', 'github', 'markdown', 'codeclimate'] as const;

const optionsSchema = z.object({
  pipeline: z.string().optional(),
  strict: z.boolean().default(false),
  json: z.boolean().default(false),
  format: z.enum(PIPELINE_FORMATS).optional(),
  maxWarnings: nonNegativeInteger({
    expected: 'a whole number of warnings (0 or more, decimal digits only)',
  }).optional(),
  config: z.string().optional(),
});

/**
 * What --strict does, from the rules themselves (so the help cannot drift from them): the rules it
 * adds, the warnings it turns into errors, and that every other warning still passes.
 */
export function describeStrict(): string {
  const added = pipelineRules
    .filter((rule) => rule.meta.strictOnly)
    .map((rule) => `${rule.meta.id} (${rule.meta.severity})`);
  const raised = pipelineRules
    .filter((rule) => !rule.meta.strictOnly && rule.meta.strictSeverity === 'error')
    .map((rule) => rule.meta.id);
  return (
    `strict mode: also runs ${added.join(' and ')}; ${raised.join(' and ')} become errors. ` +
    'Other warnings stay warnings and do not fail the run: add --max-warnings 0 to fail on any warning'
  );
}

/** Adds the validation options; the root program and `validate` share them. */
export function addValidateOptions(command: Command): Command {
  return command
    .option('--pipeline <file>', 'pipeline file to validate (the legacy form of FILE)')
    .option('--strict', describeStrict())
    .option('--json', 'same as --format json')
    .addOption(
      new Option('--format <format>', 'output format (default: text)').choices([...PIPELINE_FORMATS]),
    )
    .option('--max-warnings <n>', 'fail (exit 1) when there are more than n warnings in all')
    .option(
      '--config <file>',
      `rule severities (default: ${PIPELINE_CONFIG_FILENAME} next to each pipeline)`,
    );
}

/**
 * Validates the files and prints the reports in the chosen format. Exit status (through the context):
 * 1 when any file has an error or the warnings exceed --max-warnings; an unreadable file or a bad
 * config is an InputError/UsageError (exit 2) before anything is printed.
 */
export async function runValidate(
  context: CliContext,
  files: readonly string[],
  rawOptions: unknown,
): Promise<void> {
  const options = parseOptions(optionsSchema, rawOptions);
  if (options.json && options.format !== undefined && options.format !== 'json')
    throw new UsageError(`--json and --format ${options.format} ask for different outputs: give one`);
  const format = options.json ? 'json' : (options.format ?? 'text');
  const paths = [...(options.pipeline === undefined ? [] : [options.pipeline]), ...files];
  if (paths.length === 0)
    throw new UsageError('no pipeline file given', {
      hint: "pass FILE… or --pipeline FILE; see 'pipeline-validator --help'",
    });

  const explicitConfig =
    options.config === undefined
      ? undefined
      : readPipelineConfig(resolve(context.cwd, options.config), options.config);
  const configs = new Map<string, PipelineConfig | undefined>();
  const configFor = (file: string): PipelineConfig | undefined => {
    if (explicitConfig) return explicitConfig;
    const folder = dirname(resolve(context.cwd, file));
    if (!configs.has(folder)) {
      const found = findPipelineConfig(resolve(context.cwd, file));
      configs.set(
        folder,
        found === undefined
          ? undefined
          : readPipelineConfig(found, join(dirname(file), PIPELINE_CONFIG_FILENAME)),
      );
    }
    return configs.get(folder);
  };

  // Read everything first: an unreadable file stops the run before any output.
  const inputs = paths.map((file) => ({
    file,
    text: readInputText(resolve(context.cwd, file), {
      what: 'pipeline file',
      display: file,
      maxBytes: PIPELINE_MAX_FILE_BYTES,
    }),
    config: configFor(file),
  }));
  const reports: PipelineFileReport[] = inputs.map(({ file, text, config }) => ({
    file,
    ...validatePipelineText(text, { strict: options.strict, ...(config ? { rules: config.rules } : {}) }),
  }));

  switch (format) {
    case 'json':
      if (reports.length === 1) {
        const { file: _file, ...report } = reports[0]!;
        writeJsonInPieces(context, report);
      } else writeJsonInPieces(context, reports);
      break;
    case 'sarif': {
      const gitRoots = new Map<string, string | undefined>();
      writeJson(
        context,
        pipelineSarifLog(reports, {
          rules: pipelineRules,
          version: VERSION,
          locationOf: (file) => sarifArtifactLocation(file, context.cwd, gitRoots),
        }),
      );
      break;
    }
    case 'codeclimate': {
      // Loaded here: node:crypto (the fingerprints) costs every other run start-up time.
      const { codeQualityReport } = await import('../format/codeclimate.js');
      const gitRoots = new Map<string, string | undefined>();
      writeJsonInPieces(
        context,
        codeQualityReport(reports, (file) => repositoryPath(file, context.cwd, gitRoots)),
      );
      break;
    }
    case 'github':
      writeLines(context, reports.flatMap(formatGithubAnnotations));
      break;
    case 'markdown':
      writeLines(context, formatMarkdownSummary(reports));
      break;
    default:
      writeLinesInPieces(
        context,
        reports.flatMap((report, index) => [
          ...(index > 0 ? [''] : []),
          ...formatTextReport(report, context.color.stdout),
        ]),
      );
  }

  if (reports.some((report) => !report.valid)) context.fail();
  const warnings = reports.reduce((sum, report) => sum + report.warnings, 0);
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    context.stderr.write(
      `pipeline-validator: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${options.maxWarnings} allows\n`,
    );
    context.fail();
  }
}

/** `validate FILE… [--pipeline FILE] [--strict] [--format F] …`: the same as the root program. */
export function buildValidateCommand(context: CliContext): Command {
  const command = new Command('validate')
    .description('validate pipeline files (the same as giving them to the program directly)')
    .argument('[files...]', 'pipeline JSON files');
  return addValidateOptions(command).action((files: string[], _options: unknown, self: Command) =>
    runValidate(context, files, self.optsWithGlobals()),
  );
}
