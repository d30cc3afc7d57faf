// The statistics of the drift detector: one function per file, each documented in its own TSDoc.
export { type AndersonKSampleResult, andersonKSample } from './andersonKSample.js';
export { benjaminiHochberg } from './benjaminiHochberg.js';
export { binCounts } from './binCounts.js';
export { bonferroni } from './bonferroni.js';
export { type ChiSquareContingencyResult, chiSquareContingency } from './chiSquareContingency.js';
export {
  chiSquareGoodnessOfFit,
  type GoodnessOfFitResult,
} from './chiSquareGoodnessOfFit.js';
export { chiSquareSurvival } from './chiSquareSurvival.js';
export {
  CRAMER_VON_MISES_EXACT_MAX_SIZE,
  type CramerVonMisesTwoSampleResult,
  cramerVonMisesTwoSample,
} from './cramerVonMisesTwoSample.js';
export {
  type EmpiricalMmdTestOptions,
  type EmpiricalMmdTestResult,
  empiricalMmdTest,
  MMD_MAX_SAMPLE_SIZE,
} from './empiricalMmdTest.js';
export { energyDistance } from './energyDistance.js';
export { type EppsSingletonTwoSampleResult, eppsSingletonTwoSample } from './eppsSingletonTwoSample.js';
export {
  EVIDENTLY_DISTINCT_VALUES_LIMIT,
  type EvidentlyBinnedShares,
  evidentlyBinnedShares,
} from './evidentlyBinnedShares.js';
export { evidentlyFillEmptyShares } from './evidentlyFillEmptyShares.js';
export { extremes } from './extremes.js';
export { fisherExactTwoSided } from './fisherExactTwoSided.js';
export { EMPTY_SHARE_FLOOR, floorEmptyShares } from './floorEmptyShares.js';
export { gTestGoodnessOfFit } from './gTestGoodnessOfFit.js';
export { hellingerDistance } from './hellingerDistance.js';
export { distinctValueCount, hellingerHistogramDistance } from './hellingerHistogramDistance.js';
export { histogramCounts } from './histogramCounts.js';
export { hypergeometricSample } from './hypergeometricSample.js';
export { jensenShannonDistance } from './jensenShannonDistance.js';
export { klDivergence } from './klDivergence.js';
export { kolmogorovSurvival } from './kolmogorovSurvival.js';
export { type KsGaps, ksGapsOf, ksLargestGaps } from './ksLargestGaps.js';
export { ksLargestGapsUnsorted } from './ksLargestGapsUnsorted.js';
export { ksStatistic } from './ksStatistic.js';
export {
  KS_EXACT_MAX_SIZE,
  type KsTwoSampleResult,
  ksTwoSample,
  ksTwoSampleAndStatistic,
  ksTwoSampleFromGaps,
} from './ksTwoSample.js';
export { legacyChiSquare } from './legacyChiSquare.js';
export {
  LEGACY_BIN_COUNT,
  type LegacyBinning,
  legacyBinning,
  legacyPsi,
  legacyPsiFromBinCounts,
  legacyPsiUnsorted,
} from './legacyPsi.js';
export { logGamma } from './logGamma.js';
export { MANN_WHITNEY_EXACT_MAX_SIZE, type MannWhitneyUResult, mannWhitneyU } from './mannWhitneyU.js';
export { mean } from './mean.js';
export { mersenneTwister, type Uint32Source } from './mersenneTwister.js';
export { normalSurvival } from './normalSurvival.js';
export { numpyLegacyShuffle } from './numpyLegacyShuffle.js';
export { pairwiseSum } from './pairwiseSum.js';
export { populationStabilityIndex } from './populationStabilityIndex.js';
export { populationStandardDeviation } from './populationStandardDeviation.js';
export { quantileBinEdges } from './quantileBinEdges.js';
export { regularizedUpperGamma } from './regularizedUpperGamma.js';
export { roundHalfEven } from './roundHalfEven.js';
export { sampleStandardDeviation } from './sampleStandardDeviation.js';
export { scaledReferenceCounts } from './scaledReferenceCounts.js';
export { sortAscending, sortAscendingInPlace } from './sortAscending.js';
export { studentTSurvival } from './studentTSurvival.js';
export { type StudentTTestResult, studentTTest } from './studentTTest.js';
export { sturgesBinEdges, sturgesBinEdgesRefusal } from './sturgesBinEdges.js';
export { totalVariationDistance } from './totalVariationDistance.js';
export {
  TVD_SHUFFLE_MAX_ROWS,
  type TvdPermutationTestOptions,
  type TvdPermutationTestResult,
  tvdPermutationTest,
} from './tvdPermutationTest.js';
export { type TwoProportionZTestResult, twoProportionZTest } from './twoProportionZTest.js';
export { wassersteinDistance } from './wassersteinDistance.js';
