import {
  addOutputOptions,
  type CliContext,
  checkReportOutputs,
  nonNegativeInteger,
  outputWordsOf,
  parseOptions,
  planOutputs,
  VERSION,
  writeJson,
  writeLines,
  writeReportOutputs,
} from '@mlops/cli-kit';
import {
  PIPELINE_CONFIG_FILENAME,
  PIPELINE_MAX_FILE_BYTES,
  PIPELINE_MAX_YAML_BYTES,
  type PipelineFileReport,
  pipelineConfigLookup,
  pipelineRules,
  pipelineSarifLog,
  readInputText,
  resolvePipelineFiles,
  UsageError,
  validatePipelineText,
} from '@mlops/core';
import { Command } from 'commander';
import * as z from 'zod';
import { formatGithubAnnotations } from '../format/github.js';
import { writeJsonInPieces, writeLinesInPieces } from '../format/json.js';
import { formatPipelineJunit } from '../format/junit.js';
import { formatMarkdownSummary } from '../format/markdown.js';
import { repositoryPath, sarifArtifactLocation } from '../format/sarif-location.js';
import { formatTextReport, formatTextSummary } from '../format/text.js';

export const PIPELINE_FORMATS = [
  'text',
  'json',
  'sarif',
  'github',
  'markdown',
  'codeclimate',
  'junit',
] as const;
export type PipelineFormat = (typeof PIPELINE_FORMATS)[number];

const optionsSchema = z.object({
  pipeline: z.string().optional(),
  strict: z.boolean().default(false),
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
  command
    .option('--pipeline <file>', 'pipeline file to validate (the legacy form of FILE)')
    .option('--strict', describeStrict());
  return addOutputOptions(command, {
    formats: PIPELINE_FORMATS,
    defaultFormat: 'text',
    formatHelp: 'output format (default: text); junit: JUnit XML for CI test reports',
    jsonHelp: 'same as --format json',
  })
    .option('--max-warnings <n>', 'fail (exit 1) when there are more than n warnings in all')
    .option(
      '--config <file>',
      `rule severities (default: the nearest ${PIPELINE_CONFIG_FILENAME} in each pipeline's folder or above)`,
    );
}

/**
 * Validates the files and writes the reports in the formats asked for (see cli-kit's
 * report-outputs.ts: `--format` and `-o FILE` in pairs). Exit status (through the context): 1 when
 * any file has an error or the warnings exceed --max-warnings; an unreadable file, a bad config or an
 * output that cannot be written is an InputError/UsageError (exit 2), before anything is printed or
 * written when it is about an input. `command` is the command that ran (the root or `validate`).
 */
export async function runValidate(
  context: CliContext,
  files: readonly string[],
  rawOptions: unknown,
  command: Command,
): Promise<void> {
  const options = parseOptions(optionsSchema, rawOptions);
  const outputs = planOutputs<PipelineFormat>(outputWordsOf(command), 'text');
  const args = [...(options.pipeline === undefined ? [] : [options.pipeline]), ...files];
  if (args.length === 0)
    throw new UsageError('no pipeline file given', {
      hint: "pass FILE…, a folder or a quoted pattern, or --pipeline FILE; see 'pipeline-validator --help'",
    });
  const { files: targets, isSet } = resolvePipelineFiles(args, context.cwd);

  // The config of each file (the nearest .mlops-pipeline.json, unless --config names one).
  const configs = pipelineConfigLookup({
    cwd: context.cwd,
    ...(options.config === undefined ? {} : { config: options.config }),
  });
  // Every file read, so that no output overwrites one: checked before any is read.
  const readFiles = [
    ...targets.map((target) => ({ path: target.path, label: target.name })),
    ...(options.config === undefined
      ? targets.flatMap((target) => {
          const found = configs.fileFor(target.name);
          return found === undefined ? [] : [{ path: found.path, label: found.name }];
        })
      : [{ path: options.config, label: `--config ${options.config}` }]),
  ];
  checkReportOutputs(outputs, { inputs: readFiles, cwd: context.cwd });
  const configFor = (file: string) => configs.configFor(file);

  // Every file is read and checked before anything is printed: an unreadable file stops the run
  // (exit 2) with no partial output. Only the reports are kept, not the texts.
  const reports: PipelineFileReport[] = targets.map(({ path, name, syntax }) => {
    const config = configFor(name);
    const text = readInputText(path, {
      what: syntax === 'yaml' ? 'YAML pipeline file' : 'pipeline file',
      display: name,
      maxBytes: syntax === 'yaml' ? PIPELINE_MAX_YAML_BYTES : PIPELINE_MAX_FILE_BYTES,
    });
    return {
      file: name,
      ...validatePipelineText(text, {
        syntax,
        strict: options.strict,
        ...(config ? { rules: config.rules } : {}),
      }),
    };
  });

  const warnings = reports.reduce((sum, report) => sum + report.warnings, 0);
  const limit =
    options.maxWarnings === undefined ? undefined : { maxWarnings: options.maxWarnings, warnings };
  const gitRoots = new Map<string, string | undefined>();
  // Loaded only when asked for: node:crypto (the fingerprints) costs every other run start-up time.
  const codeQuality = outputs.some((output) => output.format === 'codeclimate')
    ? await import('../format/codeclimate.js')
    : undefined;
  await writeReportOutputs(
    context,
    outputs,
    (format, target) => {
      switch (format) {
        case 'json':
          // One file named directly (`--pipeline FILE`, `validate one.json`): the legacy object; any
          // folder, pattern or several arguments: an array of those objects, each with its `file`.
          if (!isSet) {
            const { file: _file, ...report } = reports[0]!;
            writeJsonInPieces(target, report);
          } else writeJsonInPieces(target, reports);
          break;
        case 'sarif':
          writeJson(
            target,
            pipelineSarifLog(reports, {
              rules: pipelineRules,
              version: VERSION,
              locationOf: (file) => sarifArtifactLocation(file, context.cwd, gitRoots),
            }),
          );
          break;
        case 'codeclimate':
          writeJsonInPieces(
            target,
            codeQuality!.codeQualityReport(reports, (file) => repositoryPath(file, context.cwd, gitRoots)),
          );
          break;
        case 'github':
          writeLines(target, reports.flatMap(formatGithubAnnotations));
          break;
        case 'markdown':
          writeLines(target, formatMarkdownSummary(reports));
          break;
        case 'junit':
          writeLinesInPieces(target, formatPipelineJunit(reports, limit));
          break;
        default:
          writeLinesInPieces(target, [
            ...reports.flatMap((report, index) => [
              ...(index > 0 ? [''] : []),
              ...formatTextReport(report, target.color.stdout),
            ]),
            '',
            formatTextSummary(reports, target.color.stdout),
          ]);
      }
    },
    { inputs: readFiles },
  );

  if (reports.some((report) => !report.valid)) context.fail();
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
    .argument('[files...]', 'pipeline files, folders or quoted glob patterns');
  return addValidateOptions(command).action((files: string[], _options: unknown, self: Command) =>
    runValidate(context, files, self.optsWithGlobals(), self),
  );
}
