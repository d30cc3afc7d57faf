import { definePipelineRule } from '../rule.js';

export const unusedOutput = definePipelineRule<{ stage: string; output: string }>({
  meta: {
    id: 'UNUSED_OUTPUT',
    severity: 'info',
    description:
      'An output that no stage reads, except the outputs of the last stage of each branch (a stage nothing depends on).',
    legacy: false,
    requires: 'stages',
    section: 'stage',
    examples: {
      bad: '{ "name": "featurize", "outputs": ["features", "debug_dump"] }, { "name": "fit", "inputs": ["features"] }',
      good: '{ "name": "featurize", "outputs": ["features"] }, { "name": "fit", "inputs": ["features"] }',
    },
  },
  message: ({ stage, output }) => `Output '${output}' of stage '${stage}' is not used by any other stage.`,
  check(context, report) {
    const graph = context.graph();
    for (const stage of context.stages) {
      if (graph.successors[stage.index]!.length === 0) continue; // the end of a branch
      const consumed = graph.consumedOutputs[stage.index]!;
      const seen = new Set<string>();
      for (const output of stage.outputs ?? []) {
        if (seen.has(output.value)) continue;
        seen.add(output.value);
        if (!consumed.has(output.value))
          report({
            path: `${stage.pointer}/outputs/${output.index}`,
            stage: stage.index,
            data: { stage: stage.label, output: output.value },
          });
      }
    }
  },
});
