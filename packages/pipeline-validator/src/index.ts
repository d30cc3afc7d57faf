import { type CliContext, type CommandExample, VERSION, withExamples } from '@mlops/cli-kit';
import { Command } from 'commander';
import { buildRulesCommand } from './commands/rules.js';
import { buildSchemaCommand } from './commands/schema.js';
import { addValidateOptions, buildValidateCommand, runValidate } from './commands/validate.js';

export { escapeGithubData, escapeGithubProperty, formatGithubAnnotations } from './format/github.js';
export { formatPipelineJunit } from './format/junit.js';
export { formatMarkdownSummary } from './format/markdown.js';
export { formatTextReport, formatTextSummary } from './format/text.js';

/** The examples at the end of the program's and `validate`'s helps. */
const VALIDATE_EXAMPLES: readonly CommandExample[] = [
  { args: 'pipeline.json --strict', does: 'one file, the legacy strict checks too; exit 1 on an error' },
  { args: "pipelines/ 'jobs/**/*.yaml'", does: 'every pipeline file below a folder, and a quoted pattern' },
  {
    args: 'pipelines/ --format sarif -o pipelines.sarif --format text',
    does: 'SARIF for code scanning, the text report on the terminal',
  },
];

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
  withExamples(program, VALIDATE_EXAMPLES);
  program.addCommand(withExamples(buildValidateCommand(context), VALIDATE_EXAMPLES));
  program.addCommand(
    withExamples(buildRulesCommand(context), [
      { args: '', does: 'every rule, with its severity and what it checks' },
      { args: 'MISSING_EVAL_GATE', does: 'one rule explained, with an example that breaks it' },
      { args: '--json', does: 'every rule as JSON' },
    ]),
  );
  program.addCommand(
    withExamples(buildSchemaCommand(context), [
      { args: '', does: 'the JSON Schema of a pipeline file, for editors' },
      {
        args: '> pipeline.schema.json',
        does: 'saved, for a "$schema" key or a yaml-language-server comment',
      },
    ]),
  );
  return program;
}
