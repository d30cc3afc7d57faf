import { pipelineDownstream } from '../graph.js';
import { definePipelineRule, type StageData } from '../rule.js';
import { pipelineGateProblems } from './gate.js';

export const deployWithoutGate = definePipelineRule<StageData>({
  meta: {
    id: 'DEPLOY_WITHOUT_GATE',
    severity: 'warning',
    strictSeverity: 'error',
    description:
      "A deploy stage that is not downstream (through inputs/outputs or 'depends_on') of an evaluate stage with a valid gate (an error under --strict).",
    legacy: false,
    requires: 'stages',
    section: 'stage',
    examples: {
      bad: '{ "name": "eval", "type": "evaluate", "inputs": ["model"], "outputs": ["metrics"], "gate": {…} }, { "name": "ship", "type": "deploy", "inputs": ["model"] }',
      good: '…, { "name": "ship", "type": "deploy", "inputs": ["model", "metrics"] }  or  "depends_on": ["eval"]',
    },
  },
  message: ({ stage }) =>
    `Deploy stage '${stage}' is not downstream of an evaluate stage with a valid gate, so no quality gate protects it.`,
  check(context, report) {
    const deploys = context.stages.filter((stage) => stage.type === 'deploy');
    if (deploys.length === 0) return;
    const gated = context.stages
      .filter((stage) => stage.type === 'evaluate' && pipelineGateProblems(stage.raw.gate).length === 0)
      .map((stage) => stage.index);
    const protectedStages = pipelineDownstream(context.graph(), gated);
    for (const stage of deploys)
      if (!protectedStages.has(stage.index))
        report({ path: stage.pointer, stage: stage.index, data: { stage: stage.label } });
  },
});
