import { isTruthy } from '../document-view.js';
import { definePipelineRule } from '../rule.js';
import { pipelineGateProblems } from './gate.js';

export const invalidGate = definePipelineRule<{ stage: string; detail: string }>({
  meta: {
    id: 'INVALID_GATE',
    severity: 'error',
    description:
      "A gate without a string 'metric' or a finite numeric 'threshold', a threshold outside [0, 1] for accuracy, precision, recall, f1, auc or roc_auc, or a 'direction' other than min/max.",
    legacy: false,
    requires: 'stages',
    section: 'stage',
    examples: {
      bad: '"gate": { "metric": "f1", "threshold": "0.85" }  or  "gate": { "metric": "auc", "threshold": 85 }',
      good: '"gate": { "metric": "f1", "threshold": 0.85 }  or  "gate": { "metric": "rmse", "threshold": 12.5, "direction": "min" }',
    },
  },
  message: ({ stage, detail }) => `Gate of stage '${stage}' ${detail}.`,
  check(context, report) {
    for (const stage of context.stages) {
      // An empty or false gate is a missing gate: MISSING_EVAL_GATE's business.
      if (!isTruthy(stage.raw.gate)) continue;
      for (const problem of pipelineGateProblems(stage.raw.gate))
        report({
          path: `${stage.pointer}/gate${problem.at}`,
          stage: stage.index,
          data: { stage: stage.label, detail: problem.detail },
        });
    }
  },
});
