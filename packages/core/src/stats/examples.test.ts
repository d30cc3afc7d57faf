import { describe, expect, it } from 'vitest';
import { assertShares } from './assertShares.js';
import { assertSortedSample } from './assertSortedSample.js';
import { cdfGapIntegral } from './cdfGapIntegral.js';
import { countTotals } from './countTotals.js';
import { exactMean } from './exactMean.js';
import { exactPartials, roundPartials } from './exactSum.js';
import { extremes } from './extremes.js';
import * as stats from './index.js';
import { kolmogorovDurbinMatrixCdf } from './kolmogorovDurbinMatrixCdf.js';
import { kolmogorovPelzGoodCdf } from './kolmogorovPelzGoodCdf.js';
import { kolmogorovPomeranzCdf } from './kolmogorovPomeranzCdf.js';
import { ksExactProbability } from './ksExactProbability.js';
import { ksLargestGaps } from './ksLargestGaps.js';
import { pooledTies } from './pooledTies.js';
import { relativeEntropy } from './relativeEntropy.js';
import { scaledSumOfSquaredDeviations } from './scaledSumOfSquaredDeviations.js';
import { smirnovSurvival } from './smirnovSurvival.js';
import { sumOfSquaredDeviations } from './sumOfSquaredDeviations.js';

const f = (values: number[]) => Float64Array.from(values);

// Every @example of the TSDoc blocks, with the value it shows, so the documentation cannot drift from
// the code. (The scipy values quoted next to some examples are asserted to 1e-9 in the fixture tests.)
const examples: [string, () => unknown, unknown][] = [
  ['sortAscending', () => stats.sortAscending(f([3, -1, -0, 2.5])), f([-1, 0, 2.5, 3])],
  ['roundHalfEven tie', () => stats.roundHalfEven(0.03125), 0.0312],
  ['roundHalfEven 2.675', () => stats.roundHalfEven(2.675, 2), 2.67],
  ['roundHalfEven near-tie', () => stats.roundHalfEven(-1.00005), -1.0001],
  ['mean', () => stats.mean([1, 2, 3, 4]), 2.5],
  ['mean cancellation', () => stats.mean([1e16, 1, -1e16]), 0.3333333333333333],
  ['exactMean', () => exactMean([0.1, 0.2]), 0.15000000000000002],
  ['exactPartials', () => exactPartials([1e16, 1, -1e16]), [1, 0]],
  ['roundPartials', () => roundPartials(exactPartials([0.1, 0.2, 0.3])), 0.6],
  ['sumOfSquaredDeviations', () => sumOfSquaredDeviations([1, 2, 3, 4]), 5],
  ['scaledSumOfSquaredDeviations', () => scaledSumOfSquaredDeviations([1, 2, 3, 4]), { sum: 5, exponent: 0 }],
  [
    'scaledSumOfSquaredDeviations 1e300',
    () => scaledSumOfSquaredDeviations([-1e300, 1e300]),
    { sum: 4.4594226259032155, exponent: 996 },
  ],
  [
    'sampleStandardDeviation 1e300',
    () => stats.sampleStandardDeviation([1e300, -1e300]),
    1.4142135623730952e300,
  ],
  [
    'sampleStandardDeviation',
    () => stats.sampleStandardDeviation([2, 4, 4, 4, 5, 5, 7, 9]),
    2.138089935299395,
  ],
  ['populationStandardDeviation', () => stats.populationStandardDeviation([2, 4, 4, 4, 5, 5, 7, 9]), 2],
  [
    'pooledTies',
    () => pooledTies(f([1, 2, 2]), f([2, 3])),
    { distinctCount: 3, firstCounts: f([1, 2, 0]), secondCounts: f([0, 1, 1]) },
  ],
  ['studentTSurvival', () => stats.studentTSurvival(2, 10), 0.03669401738537003],
  [
    'studentTTest',
    () => stats.studentTTest(f([1, 2, 3, 4]), f([3, 4, 5, 6])),
    { statistic: -2.1908902300206643, pValue: 0.07098765432098746, degreesOfFreedom: 6 },
  ],
  [
    'mannWhitneyU',
    () => stats.mannWhitneyU(f([1, 2, 3]), f([4, 5, 6])),
    { statistic: 0, pValue: 0.1, mode: 'exact' },
  ],
  [
    'andersonKSample',
    () => stats.andersonKSample(f([1, 2, 3, 4, 5]), f([6, 7, 8, 9, 10])),
    { statistic: 4.726015467264128, pValue: 0.004355977966506485, limit: 'none' },
  ],
  [
    'cramerVonMisesTwoSample',
    () => stats.cramerVonMisesTwoSample(f([1, 2, 3]), f([4, 5, 6])),
    { statistic: 0.5277777777777778, pValue: 0.1, mode: 'exact' },
  ],
  [
    'eppsSingletonTwoSample',
    () => stats.eppsSingletonTwoSample(f([1, 2, 3, 4, 5, 6]), f([4, 5, 6, 7, 8, 9])).pValue,
    0.3921255596591975,
  ],
  ['ksStatistic', () => stats.ksStatistic(f([1, 2, 3]), f([2, 3, 4])), 0.3333333333333333],
  ['ksLargestGaps', () => ksLargestGaps(f([1, 2, 3]), f([2, 3, 4])).largestIntegerGap, 3],
  ['extremes', () => extremes(f([2, -0, 7]), ...extremes(f([3]))), [0, 7]],
  [
    'ksLargestGapsUnsorted',
    () => stats.ksLargestGapsUnsorted(f([3, 1, 2]), f([4, 2, 3])).largestIntegerGap,
    3,
  ],
  [
    'ksTwoSample',
    () => stats.ksTwoSample(f([1, 2, 3]), f([2, 3, 4])),
    { statistic: 0.3333333333333333, pValue: 1, mode: 'exact' },
  ],
  ['ksExactProbability', () => ksExactProbability(3, 3, 3, 1), 1],
  ['kolmogorovSurvival tail', () => stats.kolmogorovSurvival(0.1, 1000), 3.703687096817698e-9],
  ['kolmogorovSurvival body', () => stats.kolmogorovSurvival(0.02, 1000), 0.8108971656895577],
  ['kolmogorovDurbinMatrixCdf', () => kolmogorovDurbinMatrixCdf(10, 0.274), 0.6284796154565043],
  ['kolmogorovPomeranzCdf', () => kolmogorovPomeranzCdf(10, 0.5), 0.9922225900000009],
  ['kolmogorovPelzGoodCdf', () => kolmogorovPelzGoodCdf(1000, 0.04), 0.9206604394099978],
  ['smirnovSurvival', () => smirnovSurvival(100, 0.1), 0.12659065845628176],
  ['legacyPsi', () => stats.legacyPsi(f([1, 2, 3, 4]), f([3, 4, 5, 6])), 12.429220196836381],
  ['legacyPsiUnsorted', () => stats.legacyPsiUnsorted(f([4, 2, 3, 1]), f([6, 5, 4, 3])), 12.429220196836381],
  [
    'legacyChiSquare',
    () =>
      stats.legacyChiSquare(
        new Map([
          ['a', 50],
          ['b', 50],
        ]),
        new Map([
          ['a', 80],
          ['b', 10],
          ['c', 10],
        ]),
      ),
    0.5000000000000001,
  ],
  [
    'chiSquareContingency',
    () => stats.chiSquareContingency([10, 20, 30], [30, 20, 10]),
    { statistic: 20, pValue: 0.00004539992976248469, dof: 2 },
  ],
  ['chiSquareSurvival 0.05', () => stats.chiSquareSurvival(3.841458820694124, 1), 0.05000000000000007],
  ['chiSquareSurvival tail', () => stats.chiSquareSurvival(1000, 3), 1.7994208765313645e-216],
  ['regularizedUpperGamma', () => stats.regularizedUpperGamma(1, 2), 0.1353352832366122],
  ['logGamma 0.5', () => stats.logGamma(0.5), 0.5723649429247004],
  ['logGamma 10', () => stats.logGamma(10), 12.80182748008147],
  ['normalSurvival 0.025', () => stats.normalSurvival(1.959963984540054), 0.025000000000000036],
  ['normalSurvival tail', () => stats.normalSurvival(30), 4.906713927148133e-198],
  [
    'twoProportionZTest',
    () => stats.twoProportionZTest(50, 100, 70, 100),
    { statistic: 2.886751345948128, pValue: 0.003892417122778636 },
  ],
  [
    'quantileBinEdges',
    () => stats.quantileBinEdges(f([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])),
    f([2, 3, 4, 5, 6, 7, 8, 9, 10]),
  ],
  ['binCounts', () => stats.binCounts(f([1, 2, 2, 3, 9]), f([2, 5])), f([3, 1, 1])],
  ['binCounts, side right', () => stats.binCounts(f([1, 2, 2, 3, 9]), f([2, 5]), 'right'), f([1, 3, 1])],
  ['floorEmptyShares', () => stats.floorEmptyShares([0.5, 0, 0.5]), f([0.5, 0.0001, 0.5])],
  [
    'populationStabilityIndex',
    () => stats.populationStabilityIndex([0.5, 0.5], [0.25, 0.75]),
    0.27465307216702745,
  ],
  ['relativeEntropy', () => relativeEntropy([1, 1], [1, 3]), 0.14384103622589042],
  ['klDivergence', () => stats.klDivergence([0.5, 0.5], [0.25, 0.75]), 0.14384103622589042],
  ['jensenShannonDistance', () => stats.jensenShannonDistance([1, 0], [0, 1]), 0.8325546111576977],
  ['hellingerDistance', () => stats.hellingerDistance([0.5, 0.5], [0.25, 0.75]), 0.18459191128251462],
  ['hellingerDistance identical', () => stats.hellingerDistance(Array(10).fill(0.1), Array(10).fill(0.1)), 0],
  ['wassersteinDistance', () => stats.wassersteinDistance(f([0, 1, 3]), f([5, 6, 8])), 5],
  ['mersenneTwister', () => stats.mersenneTwister(0).nextUint32(), 2357136044],
  [
    'numpyLegacyShuffle',
    () => stats.numpyLegacyShuffle(Int32Array.from([0, 1, 2, 3, 4]), stats.mersenneTwister(0)),
    Int32Array.from([2, 0, 1, 3, 4]),
  ],
  [
    'scaledReferenceCounts',
    () => stats.scaledReferenceCounts([1, 2, 3], 16),
    f([2.6666666666666665, 5.333333333333333, 8]),
  ],
  [
    'chiSquareGoodnessOfFit',
    () => stats.chiSquareGoodnessOfFit([5, 8, 3], [16 / 6, 32 / 6, 8]),
    { statistic: 6.500000000000001, pValue: 0.038774207831721856, dof: 2 },
  ],
  [
    'gTestGoodnessOfFit',
    () => stats.gTestGoodnessOfFit([4, 6, 8], [5, 5, 8]),
    { statistic: 0.40271027101377754, pValue: 0.8176220133798446, dof: 2 },
  ],
  [
    'fisherExactTwoSided',
    () =>
      stats.fisherExactTwoSided([
        [6, 0],
        [3, 3],
      ]),
    0.1818181818181818,
  ],
  ['hypergeometricSample', () => stats.hypergeometricSample(10, 10, 4, stats.mersenneTwister(0)), 4],
  ['totalVariationDistance', () => stats.totalVariationDistance([1, 2, 3], [5, 8, 3]), 0.3125],
  [
    'tvdPermutationTest',
    () => stats.tvdPermutationTest([16, 18, 16, 14, 12, 12], [10, 24, 12, 16, 8, 16]),
    { statistic: 0.1511627906976744, pValue: 0.309 },
  ],
  ['energyDistance', () => stats.energyDistance(f([0, 1, 3]), f([5, 6, 8])), 2.7080128015453204],
  [
    'empiricalMmdTest',
    () => stats.empiricalMmdTest(f([0.3, 0.9, 1.7, 2.2]), f([2.6, 2.8, 3.1, 3.3, 4])),
    {
      statistic: 0.6056663091537884,
      pValue: 0.01,
      sigma: 0.5656854249492379,
      referenceSize: 4,
      currentSize: 5,
    },
  ],
  ['bonferroni', () => stats.bonferroni([0.01, 0.04, 0.5]), [0.03, 0.12, 1]],
  ['benjaminiHochberg', () => stats.benjaminiHochberg([0.5, 0.6, 0.1, 0.001]), [0.6, 0.6, 0.2, 0.004]],
  ['pairwiseSum', () => stats.pairwiseSum([0.1, 0.2, 0.3]), 0.6000000000000001],
  ['sturgesBinEdges', () => stats.sturgesBinEdges(0, 9, 10), f([0, 1.8, 3.6, 5.4, 7.2, 9])],
  [
    'sturgesBinEdgesRefusal',
    () => stats.sturgesBinEdgesRefusal(-1e308, 1e308, 100),
    'the values span more than the largest double (-1e+308 to 1e+308), so numpy cannot bin them',
  ],
  ['histogramCounts', () => stats.histogramCounts(f([0, 1, 1, 2, 3]), f([0, 1, 2, 3])), f([1, 2, 2])],
  ['evidentlyFillEmptyShares', () => stats.evidentlyFillEmptyShares([0.5, 0, 0.5]), f([0.5, 0.0001, 0.5])],
  [
    'evidentlyFillEmptyShares, min/1e6',
    () => stats.evidentlyFillEmptyShares([0.99995, 0, 0.00005]),
    f([0.99995, 0.00005 / 1e6, 0.00005]),
  ],
  [
    'evidentlyBinnedShares',
    () => stats.evidentlyBinnedShares(f([1, 2, 2]), f([2, 3])),
    { reference: f([1 / 3, 2 / 3, 0]), current: f([0, 0.5, 0.5]) },
  ],
  [
    'hellingerHistogramDistance',
    () => stats.hellingerHistogramDistance(f([0, 1, 2, 3]), f([2, 3, 4, 5])),
    Math.SQRT1_2,
  ],
  ['distinctValueCount', () => stats.distinctValueCount(f([1, 1, 2]), f([2, 5])), 3],
  ['assertShares', () => assertShares('hellingerDistance', [0.5, 0.5], [0.4, 0.6]), undefined],
  ['cdfGapIntegral', () => cdfGapIntegral(new Float64Array([0, 1, 3]), new Float64Array([5, 6, 8]), 1), 5],
  [
    'countTotals',
    () => countTotals('totalVariationDistance', [1, 2], [3, 0]),
    { referenceTotal: 3, currentTotal: 3 },
  ],
  ['assertSortedSample', () => assertSortedSample('ksStatistic', 'sortedReference', f([1, 2])), undefined],
];

describe('documented examples', () => {
  it.each(examples)('%s', (_, compute, expected) => {
    expect(compute()).toEqual(expected);
  });
});
