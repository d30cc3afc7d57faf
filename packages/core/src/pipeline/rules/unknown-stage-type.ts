import { definePipelineRule } from '../rule.js';
import { PIPELINE_STAGE_TYPES } from '../schema.js';

const KNOWN = new Set<string>(PIPELINE_STAGE_TYPES);

export const unknownStageType = definePipelineRule<{ stage: string; type: string }>({
  meta: {
    id: 'UNKNOWN_STAGE_TYPE',
    severity: 'warning',
    description: `A stage's type is not one of ${PIPELINE_STAGE_TYPES.join(', ')} (a missing type counts as 'unknown').`,
    legacy: true,
    requires: 'stages',
    section: 'stage',
    examples: {
      bad: '{ "name": "fit", "type": "training", … }',
      good: '{ "name": "fit", "type": "train", … }',
    },
  },
  message: ({ stage, type }) => `Stage '${stage}' has unknown type '${type}'.`,
  check(context, report) {
    for (const stage of context.stages)
      if (stage.type !== undefined && !KNOWN.has(stage.type))
        report({
          path: `${stage.pointer}${stage.raw.type === undefined ? '' : '/type'}`,
          stage: stage.index,
          data: { stage: stage.label, type: stage.type },
        });
  },
});
