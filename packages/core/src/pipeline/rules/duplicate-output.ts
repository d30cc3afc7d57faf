import { definePipelineRule } from '../rule.js';

export const duplicateOutput = definePipelineRule<{ output: string }>({
  meta: {
    id: 'DUPLICATE_OUTPUT',
    severity: 'warning',
    description: 'An output already produced by an earlier stage (or earlier in the same list).',
    legacy: true,
    requires: 'stages',
    section: 'stage',
    examples: {
      bad: '{ "name": "train", "outputs": ["model"] }, { "name": "eval", "outputs": ["model"] }',
      good: '{ "name": "train", "outputs": ["model"] }, { "name": "eval", "outputs": ["metrics"] }',
    },
  },
  message: ({ output }) => `Output '${output}' is produced by multiple stages.`,
  check(context, report) {
    const seen = new Set<string>();
    for (const stage of context.stages)
      for (const output of stage.outputs ?? []) {
        if (seen.has(output.value))
          report({
            path: `${stage.pointer}/outputs/${output.index}`,
            stage: stage.index,
            data: { output: output.value },
          });
        seen.add(output.value);
      }
  },
});
