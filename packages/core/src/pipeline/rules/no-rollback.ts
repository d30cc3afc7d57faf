import { isTruthy } from '../document-view.js';
import { definePipelineRule, type StageData } from '../rule.js';

export const noRollback = definePipelineRule<StageData>({
  meta: {
    id: 'NO_ROLLBACK',
    severity: 'warning',
    description: "A deploy stage without a 'rollback' (or with a false or empty one).",
    legacy: true,
    requires: 'stages',
    section: 'stage',
    examples: {
      bad: '{ "name": "ship", "type": "deploy", "inputs": ["model"], "outputs": ["endpoint"] }',
      good: '{ "name": "ship", "type": "deploy", …, "rollback": true }',
    },
  },
  message: ({ stage }) => `Deploy stage '${stage}' has no rollback configuration.`,
  check(context, report) {
    for (const stage of context.stages)
      if (stage.type === 'deploy' && !isTruthy(stage.raw.rollback))
        report({
          path: `${stage.pointer}${stage.raw.rollback === undefined ? '' : '/rollback'}`,
          stage: stage.index,
          data: { stage: stage.label },
        });
  },
});
