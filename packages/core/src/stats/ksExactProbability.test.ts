import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import exactFixture from './fixtures/ks_exact_paths.json' with { type: 'json' };
import { ksExactProbability } from './ksExactProbability.js';

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
