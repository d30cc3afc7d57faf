import { pipelineResolvedAncestors } from '../graph.js';
import { definePipelineRule, type PipelineRuleContext } from '../rule.js';

export const unresolvedInput = definePipelineRule<{ stage: string; input: string }>({
  meta: {
    id: 'UNRESOLVED_INPUT',
    severity: 'warning',
    description:
      "An input of a stage other than the first that no earlier stage outputs (nor a stage it depends on through 'depends_on').",
    legacy: true,
    requires: 'stages',
    section: 'stage',
    examples: {
      bad: '{ "name": "load", "outputs": ["rows"] }, { "name": "fit", "inputs": ["features"] }',
      good: '{ "name": "load", "outputs": ["rows"] }, { "name": "fit", "inputs": ["rows"] }',
    },
  },
  message: ({ stage, input }) =>
    `Stage '${stage}' requires input '${input}' which is not produced by any earlier stage.`,
  check(context, report) {
    const earlierOutputs = new Set<string>();
    for (const stage of context.stages) {
      if (stage.index > 0) {
        let ancestorOutputs: Set<string> | undefined;
        for (const input of stage.inputs) {
          if (earlierOutputs.has(input.value)) continue;
          // With depends_on, a stage it depends on may come later in the list and still produce it.
          if (context.graph().hasDependsOn) {
            ancestorOutputs ??= outputsOf(context, pipelineResolvedAncestors(context.graph(), stage.index));
            if (ancestorOutputs.has(input.value)) continue;
          }
          report({
            path: `${stage.pointer}/inputs/${input.index}`,
            stage: stage.index,
            data: { stage: stage.label, input: input.value },
          });
        }
      }
      for (const output of stage.outputs ?? []) earlierOutputs.add(output.value);
    }
  },
});

function outputsOf(context: PipelineRuleContext, indices: Set<number>): Set<string> {
  const outputs = new Set<string>();
  for (const index of indices)
    for (const output of context.document.stages[index]?.outputs ?? []) outputs.add(output.value);
  return outputs;
}
