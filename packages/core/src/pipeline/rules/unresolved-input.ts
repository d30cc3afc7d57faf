import type { PipelineListItem, PipelineStageView } from '../document-view.js';
import { type PipelineReachQuery, pipelineReachedFrom } from '../graph.js';
import { definePipelineRule } from '../rule.js';

export const unresolvedInput = definePipelineRule<{ stage: string; input: string; untraced?: true }>({
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
  // The legacy message, word for word; the rare untraced case says so.
  message: ({ stage, input, untraced }) =>
    `Stage '${stage}' requires input '${input}' which is not produced by any earlier stage.${
      untraced
        ? ' (Its depends_on were not followed: the pipeline has too many dependency paths to trace them all.)'
        : ''
    }`,
  check(context, report) {
    // Pass 1, in list order (the legacy rule): the inputs no earlier stage outputs. (Indexed loops:
    // this runs once over every input of 100,000 stages.)
    const { stages } = context;
    const candidateStages: PipelineStageView[] = [];
    const candidateInputs: PipelineListItem[] = [];
    const earlierOutputs = new Set<string>();
    for (let index = 0; index < stages.length; index++) {
      const stage = stages[index]!;
      if (stage.index > 0)
        for (let at = 0; at < stage.inputs.length; at++) {
          const input = stage.inputs[at]!;
          if (earlierOutputs.has(input.value)) continue;
          candidateStages.push(stage);
          candidateInputs.push(input);
        }
      const outputs = stage.outputs ?? [];
      for (let at = 0; at < outputs.length; at++) earlierOutputs.add(outputs[at]!.value);
    }
    if (candidateInputs.length === 0) return;

    // Pass 2: with depends_on, a stage the consumer depends on may come later in the list and still
    // produce the input. All candidates are answered in one batch, linear in stages and edges for the
    // usual shapes (see pipelineReachedFrom).
    const graph = context.graph();
    const queries: PipelineReachQuery[] = [];
    const queryOf = new Int32Array(candidateInputs.length).fill(-1);
    if (graph.hasDependsOn)
      for (let index = 0; index < candidateInputs.length; index++) {
        const sources = graph.producers.get(candidateInputs[index]!.value);
        if (sources === undefined) continue;
        queryOf[index] = queries.length;
        queries.push({ sources, target: candidateStages[index]!.index });
      }
    const reached = pipelineReachedFrom(graph, queries);
    for (let index = 0; index < candidateInputs.length; index++) {
      const query = queryOf[index]!;
      const answer = query === -1 ? false : reached[query];
      if (answer === true) continue;
      const stage = candidateStages[index]!;
      const input = candidateInputs[index]!;
      const data: { stage: string; input: string; untraced?: true } = {
        stage: stage.label,
        input: input.value,
      };
      if (answer === undefined) data.untraced = true;
      report({ path: `${stage.pointer}/inputs/${input.index}`, stage: stage.index, data });
    }
  },
});
