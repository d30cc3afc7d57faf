import { definePipelineRule } from '../rule.js';

export const unknownDependency = definePipelineRule<{ stage: string; dependency: string }>({
  meta: {
    id: 'UNKNOWN_DEPENDENCY',
    severity: 'error',
    description: "A 'depends_on' entry that names no stage of the pipeline.",
    legacy: false,
    requires: 'stages',
    section: 'stage',
    examples: {
      bad: '{ "name": "fit", "depends_on": ["featurise"] }  (no stage has that name)',
      good: '{ "name": "fit", "depends_on": ["featurize"] }',
    },
  },
  message: ({ stage, dependency }) =>
    `Stage '${stage}' depends on '${dependency}', which is not the name of any stage.`,
  check(context, report) {
    for (const { stage, item } of context.graph().unknownDependencies)
      report({
        path: `/stages/${stage}/depends_on/${item.index}`,
        stage,
        data: { stage: context.document.stages[stage]!.label, dependency: item.value },
      });
  },
});
