import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import ksFixture from './fixtures/ks_2samp.json' with { type: 'json' };
import sweepFixture from './fixtures/ks_2samp_sweep.json' with { type: 'json' };
import exactFixture from './fixtures/ks_exact_paths.json' with { type: 'json' };
import kstwoFixture from './fixtures/kstwo_sf.json' with { type: 'json' };
import smirnovFixture from './fixtures/smirnov.json' with { type: 'json' };
import { kolmogorovSurvival } from './kolmogorovSurvival.js';
import { ksExactProbability } from './ksExactProbability.js';
import { ksStatistic } from './ksStatistic.js';
import { ksTwoSample } from './ksTwoSample.js';
import { smirnovSurvival } from './smirnovSurvival.js';
import { sortAscending } from './sortAscending.js';
import { closeTo } from './testing/closeness.js';
import { type SampleRecipe, sampleFromRecipe } from './testing/lcg.js';

type Sample = number[] | SampleRecipe;

function materialise(sample: Sample): Float64Array {
  return sortAscending(Array.isArray(sample) ? Float64Array.from(sample) : sampleFromRecipe(sample));
}

// scipy.stats.ks_2samp(ref, cur) with its defaults; fixtures/ks_2samp.json, scripts/fixtures/stats_ks.py.
describe('ksTwoSample against scipy.stats.ks_2samp', () => {
  it.each([...ksFixture.cases, ...sweepFixture.cases].map((testCase) => [testCase.name, testCase] as const))(
    '%s',
    (_, testCase) => {
      const reference = materialise(testCase.reference as Sample);
      const current = materialise(testCase.current as Sample);
      const result = ksTwoSample(reference, current);
      expect(result.mode).toBe(testCase.mode);
      expect(result.statistic).toBeCloseToRelative(testCase.statistic, 1e-12);
      expect(result.pValue).toBeCloseToRelative(testCase.pValue, 1e-9);
      expect(ksStatistic(reference, current)).toBeCloseToRelative(testCase.statistic, 1e-12);
      // Exact mode is a line-by-line port: statistic (h / lcm) and p-value are scipy's bits.
      if (testCase.mode === 'exact') {
        expect(ksStatistic(reference, current)).toBe(testCase.statistic);
        expect(result.statistic).toBe(testCase.statistic);
        expect(result.pValue).toBe(testCase.pValue);
      }
    },
  );
});

// scipy's own path counting: _compute_prob_outside_square / _compute_outer_prob_inside_method.
/** scipy's `_compute_outer_prob_inside_method` transcribed line by line (sliding window), as a reference. */
function scipyInsideMethod(first: number, second: number, g: number, h: number): number {
  const m = Math.max(first, second);
  const n = Math.min(first, second);
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const A = new Float64Array(Math.min(2 * maxj + 2, n + 1)).fill(1);
  A.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = (A[jj + minj - lastminj]! * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) A.fill(1, maxj - minj, maxj - minj + (lastlen - curlen));
  }
  return A[maxj - minj - 1]!;
}

describe('ksExactProbability against scipy internals', () => {
  it('is bit-identical to scipy on all tabulated (m, n, h)', () => {
    const failures = exactFixture.cases.filter(({ m, n, g, h, p }) => ksExactProbability(m, n, g, h) !== p);
    expect(
      failures.map((point) => ({ ...point, got: ksExactProbability(point.m, point.n, point.g, point.h) })),
    ).toEqual([]);
  });
  it('computes two columns in step with the same bits as scipy’s one-column loop (property)', () => {
    const sizes = fc.integer({ min: 1, max: 300 });
    const fraction = fc.double({ min: 0, max: 1, noNaN: true });
    fc.assert(
      fc.property(sizes, sizes, fraction, (m, n, share) => {
        if (m === n) return;
        let g = m;
        for (let b = n; b !== 0; ) [g, b] = [b, g % b];
        const h = Math.max(1, Math.round(share * (m / g) * n));
        expect(ksExactProbability(m, n, g, h)).toBe(scipyInsideMethod(m, n, g, h));
      }),
      { numRuns: 500 },
    );
  });
});

// scipy.stats.kstwo.sf(x, n): every branch of scipy's _kolmogn.
describe('kolmogorovSurvival against scipy.stats.kstwo.sf', () => {
  it('matches all tabulated points', () => {
    const failures = kstwoFixture.cases.filter(
      ({ n, x, sf }) => !closeTo(kolmogorovSurvival(x, n), sf, 1e-9),
    );
    expect(failures.map(({ n, x, sf }) => ({ n, x, sf, got: kolmogorovSurvival(x, n) }))).toEqual([]);
  });
});

// scipy.special.smirnov(n, x).
describe('smirnovSurvival against scipy.special.smirnov', () => {
  it('matches all tabulated points', () => {
    const failures = smirnovFixture.cases.filter(({ n, x, sf }) => !closeTo(smirnovSurvival(n, x), sf, 1e-9));
    expect(failures.map(({ n, x, sf }) => ({ n, x, sf, got: smirnovSurvival(n, x) }))).toEqual([]);
  });
});

describe('ksTwoSample input checks', () => {
  it('names the function and the fix for an empty sample', () => {
    expect(() => ksTwoSample(new Float64Array(), new Float64Array([1]))).toThrow(
      /ksTwoSample requires at least one value in sortedReference/,
    );
    expect(() => ksStatistic(new Float64Array([1]), new Float64Array())).toThrow(
      /ksStatistic .* sortedCurrent/,
    );
  });
});

describe('ksTwoSample properties', () => {
  const sample = fc
    .array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 40 })
    .map((values) => sortAscending(Float64Array.from(values, (value) => value / 4)));
  it('is symmetric, with D and p in [0, 1]', () => {
    fc.assert(
      fc.property(sample, sample, (reference, current) => {
        const forward = ksTwoSample(reference, current);
        const backward = ksTwoSample(current, reference);
        expect(backward.statistic).toBe(forward.statistic);
        expect(backward.pValue).toBe(forward.pValue);
        expect(forward.statistic).toBeGreaterThanOrEqual(0);
        expect(forward.statistic).toBeLessThanOrEqual(1);
        expect(forward.pValue).toBeGreaterThanOrEqual(0);
        expect(forward.pValue).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });
  it('gives D = 0 and p = 1 for identical samples', () => {
    fc.assert(
      fc.property(sample, (values) => {
        expect(ksTwoSample(values, values)).toEqual({ statistic: 0, pValue: 1, mode: 'exact' });
      }),
    );
  });
});
