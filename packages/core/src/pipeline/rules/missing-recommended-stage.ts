import { definePipelineRule } from '../rule.js';

/** Stage types --strict recommends, in the order their issues are reported. */
export const PIPELINE_RECOMMENDED_STAGE_TYPES = ['deploy', 'monitor'] as const;

export const missingRecommendedStage = definePipelineRule<{ type: string }>({
  meta: {
    id: 'MISSING_RECOMMENDED_STAGE',
    severity: 'warning',
    strictOnly: true,
    description: 'Under --strict: no deploy or no monitor stage (one issue per type).',
    legacy: true,
    requires: 'stages',
    section: 'pipeline',
    examples: {
      bad: '"stages": [ …, { "type": "deploy", … } ]',
      good: '"stages": [ …, { "type": "deploy", … }, { "type": "monitor", … } ]',
    },
  },
  message: ({ type }) => `Pipeline is missing recommended '${type}' stage.`,
  check(context, report) {
    const types = new Set(context.stages.map((stage) => stage.type));
    for (const type of PIPELINE_RECOMMENDED_STAGE_TYPES)
      if (!types.has(type)) report({ path: '/stages', data: { type } });
  },
});
