// The statistics of the drift detector: one function per file, each documented in its own TSDoc.
export { type AndersonKSampleResult, andersonKSample } from './andersonKSample.js';
export { benjaminiHochberg } from './benjaminiHochberg.js';
export { binCounts } from './binCounts.js';
export { bonferroni } from './bonferroni.js';
export { type ChiSquareContingencyResult, chiSquareContingency } from './chiSquareContingency.js';
export { chiSquareSurvival } from './chiSquareSurvival.js';
export {
  CRAMER_VON_MISES_EXACT_MAX_SIZE,
  type CramerVonMisesTwoSampleResult,
  cramerVonMisesTwoSample,
} from './cramerVonMisesTwoSample.js';
export { type EppsSingletonTwoSampleResult, eppsSingletonTwoSample } from './eppsSingletonTwoSample.js';
export {
  EVIDENTLY_DISTINCT_VALUES_LIMIT,
  type EvidentlyBinnedShares,
  evidentlyBinnedShares,
} from './evidentlyBinnedShares.js';
export { evidentlyFillEmptyShares } from './evidentlyFillEmptyShares.js';
export { EMPTY_SHARE_FLOOR, floorEmptyShares } from './floorEmptyShares.js';
export { hellingerDistance } from './hellingerDistance.js';
export { distinctValueCount, hellingerHistogramDistance } from './hellingerHistogramDistance.js';
export { histogramCounts } from './histogramCounts.js';
export { jensenShannonDistance } from './jensenShannonDistance.js';
export { klDivergence } from './klDivergence.js';
export { kolmogorovSurvival } from './kolmogorovSurvival.js';
export { ksStatistic } from './ksStatistic.js';
export {
  KS_EXACT_MAX_SIZE,
  type KsTwoSampleResult,
  ksTwoSample,
  ksTwoSampleAndStatistic,
} from './ksTwoSample.js';
export { legacyChiSquare } from './legacyChiSquare.js';
export { legacyPsi } from './legacyPsi.js';
export { logGamma } from './logGamma.js';
export { MANN_WHITNEY_EXACT_MAX_SIZE, type MannWhitneyUResult, mannWhitneyU } from './mannWhitneyU.js';
export { mean } from './mean.js';
export { normalSurvival } from './normalSurvival.js';
export { pairwiseSum } from './pairwiseSum.js';
export { populationStabilityIndex } from './populationStabilityIndex.js';
export { populationStandardDeviation } from './populationStandardDeviation.js';
export { quantileBinEdges } from './quantileBinEdges.js';
export { regularizedUpperGamma } from './regularizedUpperGamma.js';
export { roundHalfEven } from './roundHalfEven.js';
export { sampleStandardDeviation } from './sampleStandardDeviation.js';
export { sortAscending, sortAscendingInPlace } from './sortAscending.js';
export { studentTSurvival } from './studentTSurvival.js';
export { type StudentTTestResult, studentTTest } from './studentTTest.js';
export { sturgesBinEdges, sturgesBinEdgesRefusal } from './sturgesBinEdges.js';
export { type TwoProportionZTestResult, twoProportionZTest } from './twoProportionZTest.js';
export { wassersteinDistance } from './wassersteinDistance.js';
