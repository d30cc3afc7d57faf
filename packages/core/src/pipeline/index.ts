export {
  findPipelineConfig,
  PIPELINE_CONFIG_FILENAME,
  PIPELINE_MAX_FILE_BYTES,
  PIPELINE_MAX_YAML_BYTES,
  type PipelineConfig,
  type PipelineConfigLookup,
  type PipelineConfigLookupOptions,
  parsePipelineConfig,
  pipelineConfigLookup,
  pipelineConfigSchema,
  readPipelineConfig,
} from './config.js';
export { checkPipelineCron, PIPELINE_CRON_MACROS, type PipelineCronProblem } from './cron.js';
export {
  type PipelineDocumentView,
  type PipelineListItem,
  type PipelineStagesState,
  type PipelineStageView,
  pipelineDocumentView,
} from './document-view.js';
export {
  PIPELINE_FILE_ENDINGS,
  PIPELINE_MAX_FILES,
  type PipelineFileSet,
  type PipelineFileTarget,
  pipelineSyntaxOf,
  resolvePipelineFiles,
} from './files.js';
export {
  buildPipelineGraph,
  findPipelineCycles,
  PIPELINE_EDGE_KINDS,
  PIPELINE_REACH_STEP_LIMIT,
  type PipelineEdgeIndex,
  type PipelineEdgeKind,
  type PipelineGraph,
  type PipelineReachQuery,
  pipelineDownstream,
  pipelineReachedFrom,
  pipelineResolvedAncestors,
} from './graph.js';
export {
  type PipelineFileReport,
  type PipelineIssue,
  type PipelineReport,
  pipelineReport,
} from './report.js';
export {
  definePipelineRule,
  type PipelineRule,
  type PipelineRuleContext,
  type PipelineRuleMeta,
  type PipelineRuleReport,
  type PipelineRuleRequirement,
  type PipelineRuleSection,
  type PipelineRuleSetting,
  type PipelineSeverity,
  type PipelineSyntax,
} from './rule.js';
export {
  findPipelineRule,
  PIPELINE_BOUNDED_METRICS,
  PIPELINE_RECOMMENDED_STAGE_TYPES,
  PIPELINE_REQUIRED_STAGE_TYPES,
  PIPELINE_RULE_IDS,
  PIPELINE_RULE_REPORT_ORDER,
  PIPELINE_STAGE_ORDER,
  type PipelineGateProblem,
  pipelineGateProblems,
  pipelineRules,
} from './rules/index.js';
export { type PipelineSarifOptions, pipelineSarifLog } from './sarif.js';
export {
  checkPipelineSchema,
  PIPELINE_STAGE_TYPES,
  type PipelineFile,
  type PipelineSchemaProblem,
  pipelineFileSchema,
  pipelineGateSchema,
  pipelineJsonSchema,
  pipelineStageSchema,
} from './schema.js';
export { pipelineRuleSetting, type ValidatePipelineOptions, validatePipelineText } from './validate.js';
