import { type CliContext, writeJson } from '@mlops/cli-kit';
import { pipelineJsonSchema } from '@mlops/core';
import { Command } from 'commander';

/** `schema`: the JSON Schema of pipeline.json, generated from the zod schema. */
export function buildSchemaCommand(context: CliContext): Command {
  return new Command('schema')
    .description('print the JSON Schema of pipeline.json (for editors: add "$schema" to a pipeline file)')
    .action(() => writeJson(context, pipelineJsonSchema()));
}
