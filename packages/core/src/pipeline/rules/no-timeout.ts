import { isTruthy } from '../document-view.js';
import { definePipelineRule, type StageData } from '../rule.js';

export const noTimeout = definePipelineRule<StageData>({
  meta: {
    id: 'NO_TIMEOUT',
    severity: 'info',
    strictOnly: true,
    description: "Under --strict: a stage without 'timeout_minutes'.",
    legacy: true,
    requires: 'stages',
    section: 'stage',
    examples: {
      bad: '{ "name": "fit", "type": "train", … }',
      good: '{ "name": "fit", "type": "train", …, "timeout_minutes": 120 }',
    },
  },
  message: ({ stage }) => `Stage '${stage}' has no timeout configured.`,
  check(context, report) {
    for (const stage of context.stages)
      if (!isTruthy(stage.raw.timeout_minutes))
        report({
          path: `${stage.pointer}${stage.raw.timeout_minutes === undefined ? '' : '/timeout_minutes'}`,
          stage: stage.index,
          data: { stage: stage.label },
        });
  },
});
