import { checkPipelineCron } from '../cron.js';
import { definePipelineRule } from '../rule.js';

export const invalidSchedule = definePipelineRule<{ schedule: string; reason?: string }>({
  meta: {
    id: 'INVALID_SCHEDULE',
    severity: 'warning',
    description:
      "The 'schedule' is not a valid five-field cron expression (with value ranges checked) or a macro such as @daily.",
    legacy: true,
    requires: 'pipeline',
    section: 'summary',
    examples: { bad: '"schedule": "99 99 * * *"', good: '"schedule": "*/15 2 * * MON-FRI"' },
  },
  // The shape message is the legacy tool's, word for word; a field problem adds the reason.
  message: ({ schedule, reason }) =>
    reason === undefined
      ? `Schedule '${schedule}' does not match cron format.`
      : `Schedule '${schedule}' does not match cron format: ${reason}.`,
  check(context, report) {
    const { schedule } = context.document.raw;
    if (typeof schedule !== 'string' || schedule === '') return;
    const problem = checkPipelineCron(schedule);
    if (problem)
      report({
        path: '/schedule',
        data: problem.kind === 'shape' ? { schedule } : { schedule, reason: problem.reason },
      });
  },
});
