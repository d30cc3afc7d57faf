import { isTruthy } from '../document-view.js';
import { definePipelineRule } from '../rule.js';

export const missingName = definePipelineRule<Record<string, never>>({
  meta: {
    id: 'MISSING_NAME',
    severity: 'error',
    description: "The pipeline has no 'name', or it is empty.",
    legacy: true,
    requires: 'object',
    section: 'pipeline',
    examples: { bad: '{ "stages": [ … ] }', good: '{ "name": "fraud_detection_training", "stages": [ … ] }' },
  },
  message: () => "Pipeline is missing a 'name' field.",
  check(context, report) {
    const { raw } = context.document;
    if (!isTruthy(raw.name)) report({ path: '/name', data: {} });
  },
});
