import { isTruthy } from '../document-view.js';
import { definePipelineRule, type StageData } from '../rule.js';

export const noOutputs = definePipelineRule<StageData>({
  meta: {
    id: 'NO_OUTPUTS',
    severity: 'warning',
    description: "A stage has no 'outputs', or an empty list.",
    legacy: true,
    requires: 'stages',
    section: 'stage',
    examples: {
      bad: '{ "name": "load", "type": "data" }',
      good: '{ "name": "load", "type": "data", "outputs": ["rows"] }',
    },
  },
  message: ({ stage }) => `Stage '${stage}' has no outputs.`,
  check(context, report) {
    for (const stage of context.stages)
      if (!isTruthy(stage.raw.outputs))
        report({
          path: `${stage.pointer}${stage.raw.outputs === undefined ? '' : '/outputs'}`,
          stage: stage.index,
          data: { stage: stage.label },
        });
  },
});
