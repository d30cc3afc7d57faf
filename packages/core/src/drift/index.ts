export {
  DRIFT_CORRECTIONS,
  type DriftColumnConfig,
  type DriftConfig,
  type DriftCorrection,
  driftColumnConfigSchema,
  driftConfigSchema,
  parseDriftConfig,
  readDriftConfig,
} from './config.js';
export { adjustPValues } from './correction.js';
export {
  type DriftRequest,
  type DriftRunOptions,
  detectDrift,
  inferFeatureKind,
  NUMERIC_SHARE,
} from './detect.js';
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
  alertMessage,
  buildDriftReport,
  DRIFT_RECOMMENDATIONS,
  type DriftFeatureReport,
  type DriftReport,
  sortDriftFeatures,
} from './report.js';
