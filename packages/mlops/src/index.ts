import { type CliContext, VERSION, withExamples } from '@mlops/cli-kit';
import { buildDriftCommand, type DriftCommandOptions } from '@mlops/drift-detector';
import { buildRegistryCommand } from '@mlops/model-registry';
import { buildPipelineCommand } from '@mlops/pipeline-validator';
import { Command } from 'commander';

/**
 * The umbrella program: each tool's own program mounted under a short name, so
 * `mlops registry …`, `mlops drift …` and `mlops pipeline …` behave exactly like
 * `model-registry …`, `drift-detector …` and `pipeline-validator …`.
 */
export function buildMlopsCommand(
  context: CliContext,
  options: { drift?: DriftCommandOptions } = {},
): Command {
  return withExamples(
    new Command('mlops')
      .description('ML platform toolkit: model registry, data-drift detection and pipeline validation.')
      .version(VERSION)
      // mlops's own options only before the tool's name: `mlops registry register --version 1.2.0` passes
      // --version (the model's version) to the registry instead of printing mlops's version.
      .enablePositionalOptions()
      .addCommand(buildRegistryCommand(context).name('registry'))
      .addCommand(buildDriftCommand(context, options.drift).name('drift'))
      .addCommand(buildPipelineCommand(context).name('pipeline')),
    [
      { args: 'drift --reference train.csv --current today.csv', does: 'data drift between two datasets' },
      { args: 'pipeline validate pipeline.json --strict', does: 'lint a pipeline definition' },
      { args: 'registry list --name churn', does: "a model's versions in the registry" },
    ],
  );
}
