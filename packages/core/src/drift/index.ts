export type { DriftCheck, DriftFileSummary, DriftRunOptions, DriftSpillSummary } from './check.js';
export {
  DRIFT_CORRECTIONS,
  type DriftColumnConfig,
  type DriftConfig,
  type DriftCorrection,
  driftColumnConfigSchema,
  driftConfigSchema,
  type PlannedTest,
  parseDriftConfig,
  readDriftConfig,
  TEST_COMBINATIONS,
  type TestCombination,
} from './config.js';
export { adjustPValues, correctFeatures } from './correction.js';
export { type DateValueType, formatSeconds, isoFromEpochSeconds } from './dates.js';
export { type DriftRequest, detectDrift, runDriftCheck } from './detect.js';
export {
  runSqlDriftCheck,
  type SqlConnection,
  type SqlDriftOptions,
} from './engines/sql-legacy.js';
export { type BinShares, type CategoryCounts, DriftFeature, type FeatureKind } from './feature.js';
export {
  compareCodePoints,
  type LegacyCategoricalStatistics,
  type LegacyNumericStatistics,
  type LegacyStatistics,
  legacyStatistics,
} from './legacy-statistics.js';
export { type DriftMethod, isDriftScore, type MethodOutcome, type ScoreKind } from './method.js';
export {
  AUTO_SMALL_SAMPLE,
  autoMethodName,
  DRIFT_METHOD_CHOICES,
  DRIFT_METHOD_NAMES,
  DRIFT_METHODS,
  type DriftMethodChoice,
  type DriftMethodName,
} from './method-registry.js';
export {
  type ColumnScoringThread,
  runScoreWorker,
  startColumnScoringThread,
} from './parallel-score.js';
export {
  type ColumnPlan,
  DEFAULT_DRIFT_METHOD,
  DEFAULT_DRIFT_SHARE,
  type DriftSettings,
  type DriftSettingsRequest,
  planColumns,
  resolveDriftSettings,
} from './plan.js';
export {
  columnNamed,
  type DriftInputs,
  type DriftSource,
  inferFeatureKind,
  NUMERIC_SHARE,
  readDriftInputs,
  type SettledColumn,
  settleKinds,
} from './read.js';
export {
  alertMessage,
  buildDriftReport,
  DRIFT_RECOMMENDATIONS,
  type DriftFeatureReport,
  type DriftReport,
  type DriftTestReport,
  featureReport,
  sortDriftFeatures,
} from './report.js';
export {
  type ColumnScore,
  chooseMethod,
  methodsFor,
  type NamedDriftMethod,
  type ScoredColumn,
  type ScoredTest,
  scoreColumn,
  scoreColumns,
} from './score.js';
