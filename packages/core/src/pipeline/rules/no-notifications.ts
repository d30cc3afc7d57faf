import { isTruthy } from '../document-view.js';
import { definePipelineRule } from '../rule.js';

export const noNotifications = definePipelineRule<Record<string, never>>({
  meta: {
    id: 'NO_NOTIFICATIONS',
    severity: 'warning',
    description: "The pipeline has no 'notifications', or an empty object.",
    legacy: true,
    requires: 'pipeline',
    section: 'summary',
    examples: {
      bad: '"notifications": {}',
      good: '"notifications": { "on_failure": "ml-team@example.com" }',
    },
  },
  message: () => 'Pipeline has no notification configuration for failures.',
  check(context, report) {
    if (!isTruthy(context.document.raw.notifications)) report({ path: '/notifications', data: {} });
  },
});
