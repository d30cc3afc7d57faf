import { type PipelineReachQuery, pipelineReachedFrom } from '../graph.js';
import type { PipelineListItem, PipelineStageView } from '../model.js';
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
    // Pass 1, in list order (the legacy rule): the inputs no earlier stage outputs.
    const candidates: { stage: PipelineStageView; input: PipelineListItem }[] = [];
    const earlierOutputs = new Set<string>();
    for (const stage of context.stages) {
      if (stage.index > 0)
        for (const input of stage.inputs)
          if (!earlierOutputs.has(input.value)) candidates.push({ stage, input });
      for (const output of stage.outputs ?? []) earlierOutputs.add(output.value);
    }
    if (candidates.length === 0) return;

    // Pass 2: with depends_on, a stage the consumer depends on may come later in the list and still
    // produce the input. All candidates are answered in one batch, linear in stages and edges for the
    // usual shapes (see pipelineReachedFrom).
    const graph = context.graph();
    const queries: PipelineReachQuery[] = [];
    const queryOf: number[] = [];
    for (const { stage, input } of candidates) {
      const producers = graph.hasDependsOn ? graph.producers.get(input.value) : undefined;
      queryOf.push(producers === undefined ? -1 : queries.length);
      if (producers !== undefined) queries.push({ sources: producers, target: stage.index });
    }
    const reached = pipelineReachedFrom(graph, queries);
    candidates.forEach(({ stage, input }, index) => {
      const query = queryOf[index]!;
      const answer = query === -1 ? false : reached[query];
      if (answer === true) return;
      report({
        path: `${stage.pointer}/inputs/${input.index}`,
        stage: stage.index,
        data: {
          stage: stage.label,
          input: input.value,
          ...(answer === undefined ? { untraced: true as const } : {}),
        },
      });
    });
  },
});
