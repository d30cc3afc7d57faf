import { isTruthy } from '../document-view.js';
import { definePipelineRule } from '../rule.js';

export const stageMissingName = definePipelineRule<{ number: number }>({
  meta: {
    id: 'STAGE_MISSING_NAME',
    severity: 'error',
    description: "A stage has no 'name' (other messages call it stage_<index>, zero-based).",
    legacy: true,
    requires: 'stages',
    section: 'stage',
    examples: {
      bad: '{ "type": "data", "outputs": ["rows"] }',
      good: '{ "name": "load", "type": "data", "outputs": ["rows"] }',
    },
  },
  // The legacy tool numbers stages from 1 here and from 0 in stage_<index>.
  message: ({ number }) => `Stage #${number} is missing a name.`,
  check(context, report) {
    for (const stage of context.stages)
      if (!isTruthy(stage.raw.name))
        report({
          path: `${stage.pointer}${stage.raw.name === undefined ? '' : '/name'}`,
          stage: stage.index,
          data: { number: stage.index + 1 },
        });
  },
});
