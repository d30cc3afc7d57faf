import type { PipelineRule } from '../rule.js';
import { dependencyCycle } from './dependency-cycle.js';
import { deployWithoutGate } from './deploy-without-gate.js';
import { duplicateOutput } from './duplicate-output.js';
import { duplicateStageName } from './duplicate-stage-name.js';
import { invalidGate } from './invalid-gate.js';
import { invalidJson } from './invalid-json.js';
import { invalidSchedule } from './invalid-schedule.js';
import { invalidYaml } from './invalid-yaml.js';
import { missingEvalGate } from './missing-eval-gate.js';
import { missingName } from './missing-name.js';
import { missingRecommendedStage } from './missing-recommended-stage.js';
import { missingRequiredStage } from './missing-required-stage.js';
import { noNotifications } from './no-notifications.js';
import { noOutputs } from './no-outputs.js';
import { noRollback } from './no-rollback.js';
import { noStages } from './no-stages.js';
import { noTimeout } from './no-timeout.js';
import { schema } from './schema.js';
import { stageMissingName } from './stage-missing-name.js';
import { stageOrder } from './stage-order.js';
import { unknownDependency } from './unknown-dependency.js';
import { unknownStageType } from './unknown-stage-type.js';
import { unresolvedInput } from './unresolved-input.js';
import { unusedOutput } from './unused-output.js';

export { PIPELINE_BOUNDED_METRICS, type PipelineGateProblem, pipelineGateProblems } from './gate.js';
export { PIPELINE_RECOMMENDED_STAGE_TYPES } from './missing-recommended-stage.js';
export { PIPELINE_REQUIRED_STAGE_TYPES } from './missing-required-stage.js';
export { PIPELINE_STAGE_ORDER } from './stage-order.js';

const all = [
  dependencyCycle,
  deployWithoutGate,
  duplicateOutput,
  duplicateStageName,
  invalidGate,
  invalidJson,
  invalidSchedule,
  invalidYaml,
  missingEvalGate,
  missingName,
  missingRecommendedStage,
  missingRequiredStage,
  noNotifications,
  noOutputs,
  noRollback,
  noStages,
  noTimeout,
  schema,
  stageMissingName,
  stageOrder,
  unknownDependency,
  unknownStageType,
  unresolvedInput,
  unusedOutput,
] as PipelineRule[];

/** Every rule, sorted by id. */
export const pipelineRules: readonly PipelineRule[] = [...all].sort((a, b) =>
  a.meta.id.localeCompare(b.meta.id),
);

/** The rule ids, sorted. */
export const PIPELINE_RULE_IDS: readonly string[] = pipelineRules.map((rule) => rule.meta.id);

/** Looks a rule up by id (exact, upper case). */
export function findPipelineRule(id: string): PipelineRule | undefined {
  return pipelineRules.find((rule) => rule.meta.id === id);
}

/**
 * The order in which issues appear within a report section: the legacy tool's emission order for its
 * rules, the new rules after them. Every rule id appears exactly once (a test checks it).
 */
export const PIPELINE_RULE_REPORT_ORDER: readonly string[] = [
  'INVALID_JSON',
  'INVALID_YAML',
  'SCHEMA',
  'MISSING_NAME',
  'NO_STAGES',
  'MISSING_REQUIRED_STAGE',
  'MISSING_RECOMMENDED_STAGE',
  'STAGE_MISSING_NAME',
  'UNKNOWN_STAGE_TYPE',
  'NO_OUTPUTS',
  'UNRESOLVED_INPUT',
  'DUPLICATE_OUTPUT',
  'MISSING_EVAL_GATE',
  'NO_ROLLBACK',
  'NO_TIMEOUT',
  'UNKNOWN_DEPENDENCY',
  'INVALID_GATE',
  'DEPLOY_WITHOUT_GATE',
  'UNUSED_OUTPUT',
  'STAGE_ORDER',
  'DUPLICATE_STAGE_NAME',
  'INVALID_SCHEDULE',
  'NO_NOTIFICATIONS',
  'DEPENDENCY_CYCLE',
];
