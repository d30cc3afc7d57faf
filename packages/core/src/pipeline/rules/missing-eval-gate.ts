import { isTruthy } from '../document-view.js';
import { definePipelineRule, type StageData } from '../rule.js';

export const missingEvalGate = definePipelineRule<StageData>({
  meta: {
    id: 'MISSING_EVAL_GATE',
    severity: 'warning',
    strictSeverity: 'error',
    description: "An evaluate stage without a 'gate' (an error under --strict).",
    legacy: true,
    requires: 'stages',
    section: 'stage',
    examples: {
      bad: '{ "name": "eval", "type": "evaluate", "inputs": ["model"], "outputs": ["metrics"] }',
      good: '{ "name": "eval", "type": "evaluate", …, "gate": { "metric": "f1", "threshold": 0.85 } }',
    },
  },
  message: ({ stage }) =>
    `Evaluation stage '${stage}' has no quality gate defined. Models may deploy without validation.`,
  check(context, report) {
    for (const stage of context.stages)
      if (stage.type === 'evaluate' && !isTruthy(stage.raw.gate))
        report({
          path: `${stage.pointer}${stage.raw.gate === undefined ? '' : '/gate'}`,
          stage: stage.index,
          data: { stage: stage.label },
        });
  },
});
