import { type CliContext, VERSION } from '@mlops/cli-kit';
import { Command } from 'commander';
import { buildRulesCommand } from './commands/rules.js';
import { buildSchemaCommand } from './commands/schema.js';
import { addValidateOptions, buildValidateCommand, runValidate } from './commands/validate.js';

export { escapeGithubData, escapeGithubProperty, formatGithubAnnotations } from './format/github.js';
export { formatPipelineJunit } from './format/junit.js';
export { formatMarkdownSummary } from './format/markdown.js';
export { formatTextReport, formatTextSummary } from './format/text.js';

/**
 * Builds the `pipeline-validator` program; `mlops` mounts the same program as `mlops pipeline`.
 *
 * `pipeline-validator FILE…` or `--pipeline FILE` validates (as does `validate FILE…`); `rules [ID]`
 * lists or explains the rules; `schema` prints the JSON Schema of pipeline.json.
 */
export function buildPipelineCommand(context: CliContext): Command {
  const program = new Command('pipeline-validator')
    .description(
      'Lint ML pipeline definitions (stages, dependencies, gates, rollback, schedule) as a pre-merge gate.\n' +
        'Exit status: 0 no errors, 1 an error in any file (or more warnings than --max-warnings), 2 usage error or unreadable file.',
    )
    .version(VERSION)
    .enablePositionalOptions()
    .argument('[files...]', 'pipeline files, folders or quoted glob patterns to validate');
  addValidateOptions(program).action((files: string[], options: unknown, self: Command) =>
    runValidate(context, files, options, self),
  );
  program.addCommand(buildValidateCommand(context));
  program.addCommand(buildRulesCommand(context));
  program.addCommand(buildSchemaCommand(context));
  return program;
}
