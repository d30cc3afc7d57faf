import {
  binCounts,
  hellingerDistance,
  jensenShannonDistance,
  klDivergence,
  kolmogorovSurvival,
  ksStatistic,
  ksTwoSample,
  populationStabilityIndex,
  quantileBinEdges,
  sortAscending,
} from '@mlops/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUZZ_SEED, fuzzRuns } from '../fuzz/harness.js';

/**
 * Invariants of the drift statistics on generated samples (fast-check, seeded: MLOPS_FUZZ_SEED;
 * MLOPS_FUZZ_RUNS raises the number of runs). The statistics' own tests compare them with scipy on
 * tables; these check what must hold for every input, including ties, extreme magnitudes and
 * very unequal sizes.
 */

const settings = { seed: FUZZ_SEED, numRuns: fuzzRuns(200) };

/** Finite doubles of every magnitude, with many ties (small integers) mixed in. */
const value = fc.oneof(
  fc.integer({ min: -5, max: 5 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.double({ min: -1, max: 1, noNaN: true }),
);
const sample = fc.array(value, { minLength: 1, maxLength: 60 });
const sorted = (values: number[]) => sortAscending(Float64Array.from(values));

describe('Kolmogorov–Smirnov', () => {
  it('D is symmetric and in [0, 1]; p is in [0, 1]; D is 0 and p is 1 for a sample against itself', () => {
    fc.assert(
      fc.property(sample, sample, (reference, current) => {
        const forward = ksTwoSample(sorted(reference), sorted(current));
        const backward = ksTwoSample(sorted(current), sorted(reference));
        expect(forward.statistic).toBe(backward.statistic);
        expect(forward.statistic).toBe(ksStatistic(sorted(reference), sorted(current)));
        expect(forward.statistic).toBeGreaterThanOrEqual(0);
        expect(forward.statistic).toBeLessThanOrEqual(1);
        expect(forward.pValue).toBeGreaterThanOrEqual(0);
        expect(forward.pValue).toBeLessThanOrEqual(1);
        expect(forward.pValue).toBeCloseTo(backward.pValue, 12);
        const self = ksTwoSample(sorted(reference), sorted(reference));
        expect(self).toMatchObject({ statistic: 0, pValue: 1 });
      }),
      settings,
    );
  });

  it('for fixed sizes, a larger D never gets a larger p (exact mode)', () => {
    const sizes = fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }));
    fc.assert(
      fc.property(
        sizes.chain(([m, n]) =>
          fc.array(
            fc.tuple(
              fc.array(fc.integer({ min: 0, max: 30 }), { minLength: m, maxLength: m }),
              fc.array(fc.integer({ min: 0, max: 30 }), { minLength: n, maxLength: n }),
            ),
            { minLength: 2, maxLength: 8 },
          ),
        ),
        (pairs) => {
          const results = pairs
            .map(([reference, current]) => ksTwoSample(sorted(reference), sorted(current)))
            .sort((a, b) => a.statistic - b.statistic);
          for (let index = 1; index < results.length; index++) {
            const [smaller, larger] = [results[index - 1]!, results[index]!];
            if (larger.statistic > smaller.statistic)
              expect(larger.pValue).toBeLessThanOrEqual(smaller.pValue);
            else expect(larger.pValue).toBe(smaller.pValue);
          }
        },
      ),
      settings,
    );
  });

  it('kolmogorovSurvival (the asymptotic p-value) is in [0, 1] and non-increasing in D for every n', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, a, b) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          const atLow = kolmogorovSurvival(low, n);
          const atHigh = kolmogorovSurvival(high, n);
          for (const p of [atLow, atHigh]) {
            expect(p).toBeGreaterThanOrEqual(0);
            expect(p).toBeLessThanOrEqual(1);
          }
          // Monotone up to the rounding of the series (1e-12 relative).
          expect(atHigh).toBeLessThanOrEqual(atLow * (1 + 1e-12) + 1e-300);
        },
      ),
      settings,
    );
  });
});

describe('binned distances, from raw samples through decile bins', () => {
  /** Shares of each sample in the reference's decile bins, as the drift methods compute them. */
  function shares(reference: number[], current: number[]): [Float64Array, Float64Array] {
    const edges = quantileBinEdges(sorted(reference));
    const toShares = (values: number[]) =>
      binCounts(sorted(values), edges).map((count) => count / values.length);
    return [toShares(reference), toShares(current)];
  }

  it('PSI, KL, Jensen–Shannon and Hellinger are ≥ 0 (JS ≤ √ln 2, Hellinger ≤ 1)', () => {
    fc.assert(
      fc.property(sample, sample, (reference, current) => {
        const [ref, cur] = shares(reference, current);
        const scores = {
          psi: populationStabilityIndex(ref, cur),
          kl: klDivergence(ref, cur),
          js: jensenShannonDistance(ref, cur),
          hellinger: hellingerDistance(ref, cur),
        };
        for (const score of Object.values(scores)) {
          expect(Number.isFinite(score)).toBe(true);
          expect(score).toBeGreaterThanOrEqual(0);
        }
        expect(scores.js).toBeLessThanOrEqual(Math.sqrt(Math.LN2) + 1e-12);
        expect(scores.hellinger).toBeLessThanOrEqual(1);
        // The symmetric two are symmetric.
        expect(jensenShannonDistance(cur, ref)).toBeCloseTo(scores.js, 12);
        expect(hellingerDistance(cur, ref)).toBeCloseTo(scores.hellinger, 12);
      }),
      settings,
    );
  });

  it('are all 0 for identical samples, and for a sample against a shuffled copy of itself', () => {
    fc.assert(
      fc.property(sample, fc.func(fc.double({ noNaN: true })), (reference, key) => {
        const shuffled = [...reference].sort((a, b) => key(a) - key(b));
        for (const current of [reference, shuffled]) {
          const [ref, cur] = shares(reference, current);
          expect(populationStabilityIndex(ref, cur)).toBe(0);
          expect(klDivergence(ref, cur)).toBeCloseTo(0, 14);
          expect(jensenShannonDistance(ref, cur)).toBeCloseTo(0, 7);
          expect(hellingerDistance(ref, cur)).toBeCloseTo(0, 7);
        }
      }),
      settings,
    );
  });
});

describe('binCounts', () => {
  it('puts each value where numpy.searchsorted(edges, value, side) says, for both sides', () => {
    // Edges drawn from the same values, so that many values sit exactly on an edge.
    const edgesOf = (values: number[], picks: number[]) =>
      sorted(picks.map((pick) => values[pick % values.length]!)).filter(
        (edge, index, all) => index === 0 || edge !== all[index - 1],
      );
    fc.assert(
      fc.property(sample, fc.array(fc.nat(), { maxLength: 12 }), (values, picks) => {
        const edges = Float64Array.from(edgesOf(values, picks));
        for (const side of ['left', 'right'] as const) {
          const expected = new Array<number>(edges.length + 1).fill(0);
          for (const value of values) {
            const bin = edges.filter((edge) => (side === 'left' ? edge < value : edge <= value)).length;
            expected[bin]! += 1;
          }
          expect(Array.from(binCounts(sorted(values), edges, side))).toEqual(expected);
        }
      }),
      settings,
    );
  });
});
