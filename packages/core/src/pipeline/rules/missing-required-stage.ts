import { definePipelineRule } from '../rule.js';

/** Stage types every pipeline needs, in the order their issues are reported. */
export const PIPELINE_REQUIRED_STAGE_TYPES = ['data', 'transform', 'train', 'evaluate'] as const;

export const missingRequiredStage = definePipelineRule<{ type: string }>({
  meta: {
    id: 'MISSING_REQUIRED_STAGE',
    severity: 'error',
    description:
      'No stage of one of the required types: data, transform, train, evaluate (one issue per type).',
    legacy: true,
    requires: 'stages',
    section: 'pipeline',
    examples: {
      bad: '"stages": [ { "name": "fit", "type": "train", … } ]',
      good: '"stages": [ { "type": "data", … }, { "type": "transform", … }, { "type": "train", … }, { "type": "evaluate", … } ]',
    },
  },
  message: ({ type }) => `Pipeline is missing a required '${type}' stage.`,
  check(context, report) {
    const types = new Set(context.stages.map((stage) => stage.type));
    for (const type of PIPELINE_REQUIRED_STAGE_TYPES)
      if (!types.has(type)) report({ path: '/stages', data: { type } });
  },
});
