import { definePipelineRule, type StageData } from '../rule.js';

export const duplicateStageName = definePipelineRule<StageData>({
  meta: {
    id: 'DUPLICATE_STAGE_NAME',
    severity: 'error',
    description: 'A stage name used by an earlier stage.',
    legacy: true,
    requires: 'stages',
    section: 'summary',
    examples: {
      bad: '{ "name": "load", "type": "data" }, { "name": "load", "type": "transform" }',
      good: '{ "name": "load", "type": "data" }, { "name": "featurize", "type": "transform" }',
    },
  },
  message: ({ stage }) => `Duplicate stage name: '${stage}'.`,
  check(context, report) {
    const seen = new Set<string>();
    for (const stage of context.stages) {
      if (seen.has(stage.label))
        report({
          path: `${stage.pointer}${stage.name === undefined ? '' : '/name'}`,
          data: { stage: stage.label },
        });
      seen.add(stage.label);
    }
  },
});
