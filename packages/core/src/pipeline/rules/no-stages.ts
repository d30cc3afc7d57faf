import { isTruthy } from '../document-view.js';
import { definePipelineRule } from '../rule.js';

export const noStages = definePipelineRule<Record<string, never>>({
  meta: {
    id: 'NO_STAGES',
    severity: 'error',
    description: "The pipeline has no 'stages', or an empty list; no stage rule can run.",
    legacy: true,
    requires: 'object',
    section: 'pipeline',
    examples: {
      bad: '{ "name": "nothing", "stages": [] }',
      good: '{ "name": "p", "stages": [ { "name": "load", "type": "data", "outputs": ["rows"] }, … ] }',
    },
  },
  message: () => 'Pipeline has no stages defined.',
  check(context, report) {
    if (!isTruthy(context.document.raw.stages)) report({ path: '/stages', data: {} });
  },
});
