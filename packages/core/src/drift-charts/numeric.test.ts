import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortAscending } from '../stats/index.js';
import { kthOfTwoSorted, niceStep, numericDriftChart } from './numeric.js';
import { DRIFT_CHART_MAX_BINS } from './types.js';

const sorted = (values: number[]) => sortAscending(Float64Array.from(values));

describe('niceStep', () => {
  it.each([
    [0.37, false, 0.5],
    [0.0225, false, 0.025],
    [0.05, false, 0.05],
    [1.2, false, 2],
    [26.1, true, 50],
    [0.05, true, 1],
    [2.1, true, 5],
    [0, false, 1],
  ])('niceStep(%d, %s) = %d', (raw, integers, step) => {
    expect(niceStep(raw, integers)).toBe(step);
  });
});

describe('kthOfTwoSorted', () => {
  it('is the k-th value of the merged samples', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -50, max: 50 })),
        fc.array(fc.integer({ min: -50, max: 50 })),
        fc.nat(),
        (a, b, k) => {
          fc.pre(a.length + b.length > 0);
          const rank = k % (a.length + b.length);
          const merged = [...a, ...b].sort((x, y) => x - y);
          expect(kthOfTwoSorted(sorted(a), sorted(b), rank)).toBe(merged[rank]);
        },
      ),
    );
  });
});

describe('numericDriftChart', () => {
  it('gives small integer data one bin per integer', () => {
    const chart = numericDriftChart('x', sorted([1, 2, 2]), sorted([3]));
    expect(chart).toEqual({
      kind: 'numeric',
      feature: 'x',
      edges: [0.5, 1.5, 2.5, 3.5],
      integers: true,
      reference: { total: 3, counts: [1, 2, 0], shares: [1 / 3, 2 / 3, 0], below: 0, above: 0, mean: 5 / 3 },
      current: { total: 1, counts: [0, 0, 1], shares: [0, 0, 1], below: 0, above: 0, mean: 3 },
    });
  });

  it('uses nice edges for decimals, left-closed bins, the last one closed', () => {
    const chart = numericDriftChart('x', sorted([0.1, 0.25, 0.9]), sorted([0.5, 1]));
    // span 0.9 / 40 = 0.0225 -> step 0.025 from 0.1: 36 bins up to 1.0
    expect(chart.edges).toHaveLength(37);
    expect(chart.edges.slice(0, 3)).toEqual([0.1, 0.125, 0.15]);
    expect(chart.edges.at(-1)).toBe(1);
    const filled = (counts: number[]) => counts.flatMap((count, bin) => (count > 0 ? [bin] : []));
    expect(filled(chart.reference.counts)).toEqual([0, 6, 32]);
    expect(filled(chart.current.counts)).toEqual([16, 35]);
    expect(chart.integers).toBe(false);
  });

  it('counts far outliers apart instead of stretching the axis', () => {
    const reference = Array.from({ length: 1000 }, (_, index) => index);
    const chart = numericDriftChart('x', sorted(reference), sorted([...reference.slice(0, 999), 1e9]));
    // central 99%: 5..995, widened by 49.5 each side -> [0, 1045]; step 50 -> 21 bins
    expect(chart.edges[0]).toBe(0);
    expect(chart.edges.at(-1)).toBe(1050);
    expect(chart.edges).toHaveLength(22);
    expect(chart.reference.counts.slice(0, 20)).toEqual(new Array(20).fill(50));
    expect(chart.current).toMatchObject({ total: 1000, below: 0, above: 1 });
    expect(chart.current.mean).toBeCloseTo((499_500 - 999 + 1e9) / 1000, 6);
  });

  it('draws a constant column as one bar, and an empty pair as nothing', () => {
    expect(numericDriftChart('x', sorted([2.5, 2.5]), sorted([2.5])).edges).toEqual([2.375, 2.625]);
    expect(numericDriftChart('x', sorted([7]), sorted([7])).edges).toEqual([6.5, 7.5]);
    const empty = numericDriftChart('x', sorted([]), sorted([]));
    expect(empty.edges).toEqual([]);
    expect(empty.reference).toEqual({ total: 0, counts: [], shares: [], below: 0, above: 0, mean: null });
  });

  it('keeps one sample empty as zeros', () => {
    const chart = numericDriftChart('x', sorted([1, 2]), sorted([]));
    expect(chart.current.counts.every((count) => count === 0)).toBe(true);
    expect(chart.current.mean).toBeNull();
  });

  it('handles a range too wide for a double', () => {
    const chart = numericDriftChart('x', sorted([-1.7e308, 1.7e308]), sorted([0]));
    expect(chart.edges.every(Number.isFinite)).toBe(true);
    expect(chart.reference.counts.reduce((a, b) => a + b)).toBe(2);
  });

  it('always: at most 50 ascending bins, every value counted once, shares of the sample', () => {
    const value = fc.oneof(
      fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      fc.integer({ min: -100, max: 100 }),
      fc.constantFrom(0, 1e12, -1e-9),
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 400 }), fc.array(value, { maxLength: 400 }), (a, b) => {
        const chart = numericDriftChart('x', sorted(a), sorted(b));
        const bins = chart.edges.length - 1;
        if (a.length + b.length === 0) return;
        expect(bins).toBeGreaterThanOrEqual(1);
        expect(bins).toBeLessThanOrEqual(DRIFT_CHART_MAX_BINS);
        for (let index = 1; index < chart.edges.length; index++)
          expect(chart.edges[index]!).toBeGreaterThan(chart.edges[index - 1]!);
        for (const [sample, histogram] of [
          [a, chart.reference],
          [b, chart.current],
        ] as const) {
          const counted = histogram.counts.reduce((x, y) => x + y, 0);
          expect(counted + histogram.below + histogram.above).toBe(sample.length);
          expect(histogram.counts).toHaveLength(bins);
          const shareSum = histogram.shares.reduce((x, y) => x + y, 0);
          expect(shareSum).toBeCloseTo(sample.length === 0 ? 0 : counted / sample.length, 9);
        }
      }),
    );
  });
});
