import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as simpleStatistics from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { chiSquareSurvival } from './chiSquareSurvival.js';
import libraries from './fixtures/libraries.json' with { type: 'json' };
import meanFixture from './fixtures/mean_exact.json' with { type: 'json' };
import momentsFixture from './fixtures/moments.json' with { type: 'json' };
import { logGamma } from './logGamma.js';
import { mean } from './mean.js';
import { normalSurvival } from './normalSurvival.js';
import { populationStandardDeviation } from './populationStandardDeviation.js';
import { quantileBinEdges } from './quantileBinEdges.js';
import { sampleStandardDeviation } from './sampleStandardDeviation.js';
import { type SampleRecipe, sampleFromRecipe } from './testing/lcg.js';

// Why @mlops/core computes these itself instead of calling simple-statistics or jstat: each library
// function that could stand in for one of ours, measured against the same scipy/numpy/Python values over
// the range the drift detector uses (fixtures/libraries.json, from scripts/fixtures/stats_libraries.py;
// the exact calls are in its "//" field). The figures are the ones in README.md's table, which this test
// reads: if a library release gets exact enough, the figure changes, this fails, and the table (and the
// decision) gets revisited.

/** The calls of jstat measured here (it ships no types). */
interface JStat {
  normal: { cdf(x: number, mean: number, standardDeviation: number): number };
  chisquare: { cdf(x: number, degreesOfFreedom: number): number };
  gammaln(x: number): number;
  mean(values: number[]): number;
  stdev(values: number[], sample?: boolean): number;
  percentile(values: number[], quantile: number): number;
  quantiles(values: number[], quantiles: number[], alphap: number, betap: number): number[];
}
const jStatModule = createRequire(import.meta.url)('jstat') as JStat & { jStat?: JStat };
const jStat = jStatModule.jStat ?? jStatModule;

const DECILES = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
/** Where drift thresholds live: p-values from 1e-6 up. Below it, what matters is whether 0 comes back. */
const CENTRAL = 1e-6;

/** |got − want| / |want|, Infinity for NaN. */
function relativeError(got: number, want: number): number {
  if (Object.is(got, want)) return 0;
  const error = Math.abs(got - want) / Math.abs(want);
  return Number.isNaN(error) ? Number.POSITIVE_INFINITY : error;
}

/** Two significant digits, as the README writes them: 2.8e-12. */
const figure = (value: number): string => value.toExponential(1);

interface TailMeasurement {
  /** Worst relative error where the reference is ≥ 1e-6. */
  central: number;
  /** The largest reference value returned as 0, or undefined when none is. */
  largestLostToZero: number | undefined;
  /** Worst relative error over every point (1 when some tail comes back as 0). */
  overall: number;
}

function measureTail(points: { want: number; got: number }[]): TailMeasurement {
  let central = 0;
  let overall = 0;
  let largestLostToZero: number | undefined;
  for (const { want, got } of points) {
    const error = relativeError(got, want);
    overall = Math.max(overall, error);
    if (want >= CENTRAL) central = Math.max(central, error);
    if (got === 0 && want > 0) largestLostToZero = Math.max(largestLostToZero ?? 0, want);
  }
  return { central, overall, largestLostToZero };
}

const normalPoints = (survival: (z: number) => number) =>
  libraries.cases.normal.map(([z, want]) => ({ want: want!, got: survival(z!) }));
const chiSquarePoints = (survival: (x: number, k: number) => number) =>
  libraries.cases.chi2.map(([x, k, want]) => ({ want: want!, got: survival(x!, k!) }));

/** max |got − want| / max(1, |want|): relative, but absolute near the zeros of ln Γ at 1 and 2. */
function worstLogGammaError(logGammaOf: (x: number) => number): number {
  let worst = 0;
  for (const [shape, want] of libraries.cases.gammaln) {
    worst = Math.max(worst, Math.abs(logGammaOf(shape!) - want!) / Math.max(1, Math.abs(want!)));
  }
  return worst;
}

const quantileSamples = libraries.cases.quantile.map(([recipe, deciles]) => ({
  sorted: Array.from(sampleFromRecipe(recipe as SampleRecipe)).sort((left, right) => left - right),
  deciles: deciles as number[],
}));
const deciles = quantileSamples.flatMap(({ sorted, deciles: wanted }) =>
  DECILES.map((quantile, index) => ({ sorted, quantile, want: wanted[index]! })),
);

/** How many deciles differ from numpy.quantile in any bit, and the worst relative difference. */
function measureDeciles(quantile: (sorted: number[], quantile: number) => number) {
  let different = 0;
  let worst = 0;
  for (const { sorted, quantile: q, want } of deciles) {
    const got = quantile(sorted, q);
    if (!Object.is(got + 0, want + 0)) different++;
    worst = Math.max(worst, relativeError(got, want));
  }
  return { different, worst };
}

const momentSamples = libraries.cases.moments.map((testCase) => ({
  ...testCase,
  values: Array.from(sampleFromRecipe(testCase.recipe as SampleRecipe)),
}));
const meanSamples = [
  ...(meanFixture.cases as [number[], number][]).map(([values, want]) => ({ values, want })),
  ...momentsFixture.cases.map(({ values, mean: want }) => ({ values, want })),
  ...momentSamples.map(({ values, mean: want }) => ({ values, want })),
];

/** How many means differ from statistics.mean in any bit, and the worst relative difference. */
function measureMeans(meanOf: (values: number[]) => number) {
  let different = 0;
  let worst = 0;
  for (const { values, want } of meanSamples) {
    const got = meanOf(values);
    if (got !== want) different++;
    worst = Math.max(worst, relativeError(got, want));
  }
  return { different, worst };
}

const worstSpreadError = (spread: (values: number[]) => number, key: 'stdev' | 'pstdev') =>
  Math.max(...momentSamples.map((sample) => relativeError(spread(sample.values), sample[key])));

/** The README table row that names `call` in its second cell. */
function readmeRow(call: string): string {
  const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
  const row = readme.split('\n').find((line) => line.startsWith('|') && line.split('|')[2]?.includes(call));
  expect(row, `README.md has a row for ${call}`).toBeDefined();
  return row!;
}

describe('simple-statistics and jstat, measured over the range used (README.md "Libraries measured")', () => {
  it('normal tail: ours is within 1e-9 everywhere; the libraries lose the tail', () => {
    const ours = measureTail(normalPoints(normalSurvival));
    expect(ours.overall).toBeLessThan(1e-9);
    expect(ours.largestLostToZero).toBeUndefined();
    expect(readmeRow('`normalSurvival(z)`')).toContain(figure(ours.overall));

    const jstat = measureTail(normalPoints((z) => jStat.normal.cdf(-z, 0, 1)));
    expect(jstat.overall).toBe(1);
    const jstatRow = readmeRow('`jStat.normal.cdf(-z, 0, 1)`');
    expect(jstatRow).toContain(figure(jstat.central));
    expect(jstatRow).toContain(`p = ${figure(jstat.largestLostToZero!)}`);

    const errorFunction = measureTail(
      normalPoints((z) => (1 - simpleStatistics.errorFunction(z / Math.SQRT2)) / 2),
    );
    expect(errorFunction.central).toBeGreaterThan(1e-9);
    const errorFunctionRow = readmeRow('`(1 - errorFunction(z / √2)) / 2`');
    expect(errorFunctionRow).toContain(figure(errorFunction.central));
    expect(errorFunctionRow).toContain(`p = ${figure(errorFunction.largestLostToZero!)}`);

    // A printed table: 4 decimals from z = 0 to 3.09.
    const table = measureTail(normalPoints((z) => 1 - simpleStatistics.cumulativeStdNormalProbability(z)));
    expect(table.central).toBeGreaterThan(1);
    expect(readmeRow('`1 - cumulativeStdNormalProbability(z)`')).toContain(figure(table.central));
  });

  it('chi-square tail: ours is within 1e-9 everywhere; 1 − jStat.chisquare.cdf returns 0 below ~1e-16', () => {
    const ours = measureTail(chiSquarePoints(chiSquareSurvival));
    expect(ours.overall).toBeLessThan(1e-9);
    expect(readmeRow('`chiSquareSurvival(x, k)`')).toContain(figure(ours.overall));

    const jstat = measureTail(chiSquarePoints((x, k) => 1 - jStat.chisquare.cdf(x, k)));
    expect(jstat.overall).toBe(1);
    const lostToZero = chiSquarePoints((x, k) => 1 - jStat.chisquare.cdf(x, k)).filter(
      ({ got, want }) => got === 0 && want > 0,
    ).length;
    const row = readmeRow('`1 - jStat.chisquare.cdf(x, k)`');
    expect(row).toContain(figure(jstat.central));
    expect(row).toContain(`0 for ${lostToZero} of ${libraries.cases.chi2.length} points`);
    expect(row).toContain(`p = ${figure(jstat.largestLostToZero!)}`);
  });

  it('ln Γ: simple-statistics is exact enough (and closer than ours); jstat is not', () => {
    const ours = worstLogGammaError(logGamma);
    expect(ours).toBeLessThan(1e-14);
    expect(readmeRow('`logGamma(a)`')).toContain(figure(ours));
    const simple = worstLogGammaError(simpleStatistics.gammaln);
    expect(simple).toBeLessThan(ours);
    expect(readmeRow('`gammaln(a)` (simple-statistics)')).toContain(figure(simple));
    const jstat = worstLogGammaError(jStat.gammaln);
    expect(jstat).toBeGreaterThan(1e-13);
    expect(readmeRow('`jStat.gammaln(a)`')).toContain(figure(jstat));
  });

  it('mean: ours equals statistics.mean bit for bit; the libraries do not', () => {
    const total = meanSamples.length;
    expect(measureMeans(mean).different).toBe(0);
    expect(readmeRow('`mean(values)`')).toContain(`all ${total} samples`);
    const simple = measureMeans(simpleStatistics.mean);
    expect(simple.different).toBeGreaterThan(0);
    expect(readmeRow('`mean(values)` (simple-statistics)')).toContain(
      `${simple.different} of ${total} samples, worst ${figure(simple.worst)}`,
    );
    const jstat = measureMeans(jStat.mean);
    expect(readmeRow('`jStat.mean(values)`')).toContain(
      `${jstat.different} of ${total} samples, worst ${figure(jstat.worst)}`,
    );
  });

  it('standard deviations: ours are within 1e-15 of Python; the libraries are not', () => {
    const oursSample = worstSpreadError((values) => sampleStandardDeviation(values), 'stdev');
    const oursPopulation = worstSpreadError(populationStandardDeviation, 'pstdev');
    expect(oursSample).toBeLessThan(1e-15);
    expect(oursPopulation).toBeLessThan(1e-15);
    expect(readmeRow('`sampleStandardDeviation(values)`')).toContain(figure(oursSample));
    expect(readmeRow('`populationStandardDeviation(values)`')).toContain(figure(oursPopulation));
    for (const [call, spread, key] of [
      [
        '`sampleStandardDeviation(values)` (simple-statistics)',
        simpleStatistics.sampleStandardDeviation,
        'stdev',
      ],
      ['`jStat.stdev(values, true)`', (values: number[]) => jStat.stdev(values, true), 'stdev'],
      ['`standardDeviation(values)` (simple-statistics)', simpleStatistics.standardDeviation, 'pstdev'],
      ['`jStat.stdev(values)`', (values: number[]) => jStat.stdev(values), 'pstdev'],
    ] as const) {
      const worst = worstSpreadError(spread, key);
      expect(worst, call).toBeGreaterThan(1e-15);
      expect(readmeRow(call)).toContain(figure(worst));
    }
  });

  it('deciles: ours equal numpy.quantile bit for bit; the libraries do not', () => {
    const samples = quantileSamples.filter(({ sorted, deciles: wanted }) => {
      const distinct = [...new Set(wanted.map((edge) => edge + 0))].sort((left, right) => left - right);
      return (
        JSON.stringify(Array.from(quantileBinEdges(Float64Array.from(sorted)))) !== JSON.stringify(distinct)
      );
    });
    expect(samples).toEqual([]);
    expect(readmeRow('`quantileBinEdges(sorted)`')).toContain(`all ${quantileSamples.length} samples`);
    for (const [call, quantile] of [
      ['`quantileSorted(sorted, q)`', simpleStatistics.quantileSorted],
      ['`jStat.percentile(values, q)`', jStat.percentile],
      [
        '`jStat.quantiles(values, [q], 1, 1)`',
        (values: number[], q: number) => jStat.quantiles(values, [q], 1, 1)[0]!,
      ],
    ] as const) {
      const { different, worst } = measureDeciles(quantile);
      expect(different, call).toBeGreaterThan(0);
      expect(readmeRow(call)).toContain(`${different} of ${deciles.length} deciles, worst ${figure(worst)}`);
    }
  });
});
