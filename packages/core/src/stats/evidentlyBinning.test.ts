import { describe, expect, it } from 'vitest';
import { evidentlyBinnedShares } from './evidentlyBinnedShares.js';
import { evidentlyFillEmptyShares } from './evidentlyFillEmptyShares.js';
import fixture from './fixtures/evidently_binning.json' with { type: 'json' };
import { hellingerDistance } from './hellingerDistance.js';
import { distinctValueCount, hellingerHistogramDistance } from './hellingerHistogramDistance.js';
import { histogramCounts } from './histogramCounts.js';
import { jensenShannonDistance } from './jensenShannonDistance.js';
import { klDivergence } from './klDivergence.js';
import { pairwiseSum } from './pairwiseSum.js';
import { populationStabilityIndex } from './populationStabilityIndex.js';
import { sortAscending } from './sortAscending.js';
import { sturgesBinEdges, sturgesBinEdgesRefusal } from './sturgesBinEdges.js';
import { type SampleRecipe, sampleFromRecipe } from './testing/lcg.js';

// Evidently 0.7.21's get_binned_data and numeric Hellinger, transcribed with numpy/scipy in
// scripts/fixtures/stats_evidently_binning.py (the formulas are in its docstring and the fixture's "//").
const { binned, edges: edgeCases, sums } = fixture.cases;

function sample(values: number[] | Record<string, unknown>): Float64Array {
  return sortAscending(
    Array.isArray(values) ? Float64Array.from(values) : sampleFromRecipe(values as unknown as SampleRecipe),
  );
}

describe('sturgesBinEdges: numpy.histogram_bin_edges(a, "sturges")', () => {
  it.each(
    edgeCases.map(
      (c) => [`[${c.minimum}, ${c.maximum}] × ${c.size}${c.integers ? ' int64' : ''}`, c] as const,
    ),
  )('%s', (_name, c) => {
    if ('refusal' in c) {
      expect(sturgesBinEdgesRefusal(c.minimum, c.maximum, c.size, c.integers)).toMatch(/numpy cannot bin/);
      expect(() => sturgesBinEdges(c.minimum, c.maximum, c.size, c.integers)).toThrow(/sturgesBinEdges/);
    } else {
      expect(sturgesBinEdgesRefusal(c.minimum, c.maximum, c.size, c.integers)).toBeUndefined();
      // Bit for bit: the same operations in the same order as numpy.linspace.
      expect([...sturgesBinEdges(c.minimum, c.maximum, c.size, c.integers)]).toEqual(c.edges);
    }
  });

  it('refuses an empty sample or a reversed range', () => {
    expect(() => sturgesBinEdges(0, 1, 0)).toThrow(/at least one value/);
    expect(() => sturgesBinEdges(2, 1, 5)).toThrow(/minimum ≤ maximum/);
  });
});

describe('histogramCounts: numpy.histogram with given edges', () => {
  it('puts a value on an inner edge in the bin above and closes the last bin', () => {
    const edges = Float64Array.from([0, 1, 2, 3]);
    expect([...histogramCounts(Float64Array.from([-1, 0, 1, 1, 2, 2.5, 3, 4]), edges)]).toEqual([1, 2, 3]);
    expect([...histogramCounts(new Float64Array(0), edges)]).toEqual([0, 0, 0]);
    expect(() => histogramCounts(Float64Array.from([1]), Float64Array.from([1]))).toThrow(/two bin edges/);
  });
});

describe('evidentlyFillEmptyShares: get_binned_data(feel_zeroes=True)', () => {
  it('fills with 1e-4, or with the smallest share / 1e6 when that share is ≤ 1e-4', () => {
    expect([...evidentlyFillEmptyShares([0.5, 0, 0.5])]).toEqual([0.5, 0.0001, 0.5]);
    expect([...evidentlyFillEmptyShares([0.9999, 0, 0.0001])]).toEqual([0.9999, 0.0001 / 1e6, 0.0001]);
    expect([...evidentlyFillEmptyShares([0.99989, 0, 0.00011])]).toEqual([0.99989, 0.0001, 0.00011]);
    expect(() => evidentlyFillEmptyShares([0, 0])).toThrow(/non-zero/);
  });
});

describe('pairwiseSum: numpy.sum, bit for bit', () => {
  it.each(sums.map((c) => [c.values.length, c] as const))('%i values', (_n, c) => {
    expect(pairwiseSum(c.values)).toBe(c.sum);
  });
});

/** The fixture cases of extreme magnitudes, by name, and the power of ten their values are near. */
const EXTREME_SCALES: Record<string, number> = { 'huge magnitudes': 1e300, 'tiny magnitudes': 1e-300 };

describe("Evidently's binned shares and scores", () => {
  it.each(binned.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const reference = sample(c.reference);
    const current = sample(c.current);
    const shares = evidentlyBinnedShares(reference, current, c.integers);
    // Counts divided by the sample size: exact, so the shares must be equal, not close.
    expect([...shares.reference]).toEqual(c.referenceShares);
    expect([...shares.current]).toEqual(c.currentShares);
    expect(shares.edges === undefined ? null : [...shares.edges]).toEqual(c.edges);
    const referenceFilled = evidentlyFillEmptyShares(shares.reference);
    const currentFilled = evidentlyFillEmptyShares(shares.current);
    expect([...referenceFilled]).toEqual(c.referenceFilled);
    expect([...currentFilled]).toEqual(c.currentFilled);
    expect(populationStabilityIndex(referenceFilled, currentFilled)).toBeCloseToRelative(c.psi, 1e-12);
    expect(klDivergence(referenceFilled, currentFilled)).toBeCloseToRelative(c.kl, 1e-12);
    expect(jensenShannonDistance(shares.reference, shares.current)).toBeCloseToRelative(
      c.jensenShannon,
      1e-12,
    );
    if (c.hellinger === null) {
      expect(() => hellingerHistogramDistance(reference, current, c.integers)).toThrow(/numpy cannot bin/);
    } else {
      const hellinger = hellingerHistogramDistance(reference, current, c.integers);
      const scale = EXTREME_SCALES[c.name];
      if (scale === undefined) {
        // Evidently's loop sums left to right, ours exactly: sqrt(1 − Σ) near 0 amplifies the last bit
        // of Σ, so the squares are compared, to 1e-15 absolute (and the distance to 1e-12 above 0.01).
        expect(Math.abs(hellinger ** 2 - c.hellinger ** 2)).toBeLessThan(1e-15);
        if (c.hellinger > 0.01) expect(hellinger).toBeCloseToRelative(c.hellinger, 1e-12);
      } else {
        // A departure: Evidently multiplies two densities near 1e-300 (or 1e300), which underflow to 0
        // (overflow to ∞), and scores 1 (0). The distance does not depend on the scale: ours is that
        // of the same values scaled to ordinary magnitudes.
        expect(c.hellinger).toBe(scale > 1 ? 1 : 0);
        const scaled = (values: Float64Array) => values.map((value) => value / scale);
        expect(hellinger).toBeCloseToRelative(
          hellingerHistogramDistance(scaled(reference), scaled(current), c.integers),
          1e-12,
        );
        expect(hellinger).toBeGreaterThan(0.1);
        expect(hellinger).toBeLessThan(0.99);
      }
    }
  });

  it('refuses empty samples', () => {
    expect(() => evidentlyBinnedShares(new Float64Array(0), Float64Array.from([1]))).toThrow(/both samples/);
    expect(() => hellingerHistogramDistance(Float64Array.from([1]), new Float64Array(0))).toThrow(
      /both samples/,
    );
  });

  it('counts distinct values over both samples', () => {
    expect(distinctValueCount(Float64Array.from([1, 1, 2]), Float64Array.from([2, 5]))).toBe(3);
  });
});

describe("Evidently's hard-coded test values (tests/stattests/test_stattests.py, v0.7.21)", () => {
  const repeat = (values: number[], times: number[]) =>
    values.flatMap((value, i) => Array(times[i]).fill(value));
  const shares = (values: number[], keys: number[]) =>
    keys.map((key) => values.filter((v) => v === key).length / values.length);
  it('hellinger, categorical 1…6: 0.06812 ± 1e-5, twice (the reference doubled changes no share)', () => {
    const keys = [1, 2, 3, 4, 5, 6];
    const current = repeat(keys, [16, 16, 16, 16, 16, 8]);
    for (const reference of [
      repeat(keys, [16, 18, 16, 14, 12, 12]),
      repeat(keys, [32, 36, 32, 28, 24, 24]),
    ]) {
      expect(
        Math.abs(hellingerDistance(shares(reference, keys), shares(current, keys)) - 0.06812),
      ).toBeLessThan(1e-5);
    }
  });
  it('hellinger, numeric, identical samples (one value; eight values): 0 ± 1e-5, here exactly 0', () => {
    const ones = Float64Array.from(Array(50).fill(1));
    expect(hellingerHistogramDistance(ones, ones)).toBe(0);
    const eight = Float64Array.from([38.7, 41.5, 43.8, 44.5, 45.5, 46.0, 47.7, 58.0]);
    expect(hellingerHistogramDistance(eight, eight)).toBe(0);
    // Ten equal bins, a tenth each: Evidently's left-to-right sum is 0.9999999999999999, so it scores
    // 1.05e-8 (issue 14); the exact sum gives 0.
    const tenBins = Float64Array.from({ length: 1000 }, (_, i) => i);
    expect(hellingerHistogramDistance(tenBins, tenBins)).toBe(0);
  });
  it('psi, categorical reference [3, 2, 2] vs current [1, 2, 3]: 2.93 ± 0.01 (tests/multitest/metrics/data_drift.py)', () => {
    const keys = [1, 2, 3];
    const psi = populationStabilityIndex(
      evidentlyFillEmptyShares(shares([3, 2, 2], keys)),
      evidentlyFillEmptyShares(shares([1, 2, 3], keys)),
    );
    expect(Math.abs(psi - 2.93)).toBeLessThan(0.01);
  });
});
