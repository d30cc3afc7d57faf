import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../../../../tests/helpers/runs.js';
import { ksLargestGaps } from './ksLargestGaps.js';
import { ksLargestGapsUnsorted } from './ksLargestGapsUnsorted.js';
import { sortAscending } from './sortAscending.js';
import { lcgUniforms } from './testing/lcg.js';

/** The reference answer: sort both, then merge (ksLargestGaps). */
const merged = (reference: Float64Array, current: Float64Array) =>
  ksLargestGaps(sortAscending(reference), sortAscending(current));

/** `count` values from a seeded generator, shaped by `shape` (a uniform in [0, 1) in, a value out). */
function sample(
  seed: number,
  count: number,
  shape: (uniform: number, index: number) => number,
): Float64Array {
  const uniforms = lcgUniforms(seed, count);
  return Float64Array.from(uniforms, (uniform, index) => shape(uniform, index));
}

/** A rough normal deviate from a uniform (the logit): enough for a bell-shaped sample. */
const bell = (uniform: number) => Math.log((uniform + 1e-12) / (1 - uniform + 1e-12));

// Each case: the two samples, large enough to be split (the function sorts below 1024 values).
const CASES: [string, Float64Array, Float64Array][] = [
  ['the same bell, no drift', sample(1, 60_000, bell), sample(2, 50_000, bell)],
  ['a shifted bell', sample(3, 60_000, bell), sample(4, 60_000, (u) => bell(u) + 0.05)],
  ['a wider bell', sample(5, 40_000, bell), sample(6, 70_000, (u) => bell(u) * 1.3)],
  [
    'integers 0–9 (ties only)',
    sample(7, 30_000, (u) => Math.floor(u * 10)),
    sample(8, 20_000, (u) => Math.floor(u * 11)),
  ],
  ['one value in the reference', new Float64Array(5_000).fill(3), sample(9, 5_000, (u) => Math.floor(u * 5))],
  ['identical samples', sample(10, 20_000, bell), sample(10, 20_000, bell)],
  [
    '−0 and 0 mixed',
    sample(11, 8_000, (u) => (u < 0.5 ? -0 : u < 0.7 ? 0 : u)),
    sample(12, 8_000, (u) => (u < 0.3 ? 0 : -u)),
  ],
  [
    'heavy tails (exp of a bell × 20)',
    sample(13, 50_000, (u) => Math.exp(bell(u) * 20)),
    sample(14, 50_000, (u) => Math.exp(bell(u) * 20 + 1)),
  ],
  [
    'a few outliers far away',
    sample(15, 50_000, (u, i) => (i % 9_999 === 0 ? 1e250 : bell(u))),
    sample(16, 50_000, (u, i) => (i % 7_777 === 0 ? -1e250 : bell(u))),
  ],
  [
    'powers of two (one per level)',
    sample(17, 3_000, (u) => 2 ** Math.floor(u * 2_000 - 1_000)),
    sample(18, 3_000, (u) => 2 ** Math.floor(u * 1_900 - 1_000)),
  ],
  [
    'a span that overflows a double',
    sample(19, 5_000, (u) => (u - 0.5) * 1.9 * 1e308),
    sample(20, 5_000, (u) => (u - 0.4) * 1.7 * 1e308),
  ],
  [
    'subnormals a few units apart',
    sample(21, 5_000, (u) => Math.floor(u * 4) * 5e-324),
    sample(22, 5_000, (u) => Math.floor(u * 6) * 5e-324),
  ],
  [
    'values one unit in the last place apart',
    sample(23, 6_000, (u) => 1 + Math.floor(u * 50) * 2 ** -52),
    sample(24, 6_000, (u) => 1 + Math.floor(u * 60) * 2 ** -52),
  ],
  ['disjoint samples', sample(25, 4_000, (u) => u), sample(26, 4_000, (u) => u + 2)],
  ['a small current sample', sample(27, 100_000, bell), sample(28, 7, bell)],
  [
    'sizes sharing a factor (many equal gaps)',
    sample(29, 12_000, (u) => Math.floor(u * 1_000)),
    sample(30, 18_000, (u) => Math.floor(u * 1_000)),
  ],
];

describe('ksLargestGapsUnsorted', () => {
  it.each(CASES)('%s: the merge’s gaps, to the last bit', (_name, reference, current) => {
    expect(ksLargestGapsUnsorted(reference, current)).toEqual(merged(reference, current));
  });

  it('leaves its inputs as they were', () => {
    const reference = sample(31, 20_000, bell);
    const current = sample(32, 20_000, (u) => bell(u) + 0.1);
    const [referenceBefore, currentBefore] = [reference.slice(), current.slice()];
    ksLargestGapsUnsorted(reference, current);
    expect(reference).toEqual(referenceBefore);
    expect(current).toEqual(currentBefore);
  });

  it('the same gaps as the merge on any samples (fast-check)', () => {
    const value = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer({ min: -5, max: 5 }),
      fc.constantFrom(-0, 0, 5e-324, -5e-324, Number.MAX_VALUE, -Number.MAX_VALUE),
    );
    // Repeated to pass 1024 values, where the splitting begins.
    const samples = fc.tuple(
      fc.array(value, { minLength: 1, maxLength: 300 }),
      fc.integer({ min: 1, max: 12 }),
    );
    fc.assert(
      fc.property(samples, samples, ([reference, timesReference], [current, timesCurrent]) => {
        const a = Float64Array.from(
          { length: reference.length * timesReference },
          (_, i) => reference[i % reference.length]!,
        );
        const b = Float64Array.from(
          { length: current.length * timesCurrent },
          (_, i) => current[(i * 7) % current.length]!,
        );
        expect(ksLargestGapsUnsorted(a, b)).toEqual(merged(a, b));
      }),
      { numRuns: propertyRuns(500) },
    );
  });
});
