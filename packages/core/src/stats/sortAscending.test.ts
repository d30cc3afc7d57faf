import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortAscending, sortAscendingInPlace } from './sortAscending.js';
import { lcgUniforms } from './testing/lcg.js';

/** The reference: the engine's numeric sort, after writing -0 as 0. */
function referenceSort(values: Float64Array): Float64Array {
  return Float64Array.from(values, (value) => value + 0).sort();
}

function sameBits(actual: Float64Array, expected: Float64Array): boolean {
  if (actual.length !== expected.length) return false;
  for (let index = 0; index < actual.length; index++) {
    if (!Object.is(actual[index], expected[index])) return false;
  }
  return true;
}

describe('sortAscending', () => {
  it.each([
    ['random signed values, 1M', 1_000_000, (u: number) => (u - 0.5) * 1e6],
    [
      'many duplicates and both zeros, 200k',
      200_000,
      (u: number) => Math.floor(u * 7) - 3 || (u < 0.5 ? -0 : 0),
    ],
    [
      'tiny, huge, subnormal and infinite values',
      50_000,
      (u: number) => {
        const bucket = Math.floor(u * 6);
        if (bucket === 0) return (u - 0.05) * 1e-310;
        if (bucket === 1) return (u - 0.25) * 1e300;
        if (bucket === 2) return u < 0.4 ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
        return (u - 0.7) * 3;
      },
    ],
    ['short (comparison sort path)', 100, (u: number) => u - 0.5],
  ])('matches Float64Array.prototype.sort: %s', (_, count, transform) => {
    const uniforms = lcgUniforms(count, count);
    const values = Float64Array.from(uniforms, transform);
    const copy = values.slice();
    const sorted = sortAscending(values);
    expect(sameBits(sorted, referenceSort(values))).toBe(true);
    expect(sameBits(values, copy)).toBe(true); // the input is untouched
    // In place: the same values, in the array itself.
    const inPlace = sortAscendingInPlace(values);
    expect(inPlace).toBe(values);
    expect(sameBits(inPlace, sorted)).toBe(true);
  });

  it('sorts in place after an odd number of radix passes too (the result comes back from the scratch array)', () => {
    // Values that differ only in the lowest 11 bits of their keys: one pass moves them, five are skipped.
    const values = Float64Array.from({ length: 4096 }, (_, index) => 1 + ((index * 7919) % 2048) * 2 ** -52);
    const expected = referenceSort(values);
    expect(sameBits(sortAscending(values), expected)).toBe(true);
    expect(sameBits(sortAscendingInPlace(values), expected)).toBe(true);
    expect(sameBits(values, expected)).toBe(true);
  });

  it('sorts in place with a shared scratch array longer than the values, as with its own', () => {
    const scratch = new Float64Array(5000).fill(7);
    for (const count of [4096, 600, 100]) {
      const values = Float64Array.from(lcgUniforms(count, count + 1), (u) => (u - 0.5) * 1e3);
      const expected = referenceSort(values);
      expect(sameBits(sortAscendingInPlace(values, scratch), expected)).toBe(true);
    }
    // Too short a scratch, or the values' own buffer, is not used: a new one is.
    const values = Float64Array.from(lcgUniforms(2000, 3), (u) => u - 0.5);
    const expected = referenceSort(values);
    const copy = values.slice();
    expect(sameBits(sortAscendingInPlace(values, new Float64Array(10)), expected)).toBe(true);
    expect(sameBits(sortAscendingInPlace(copy, copy), expected)).toBe(true);
  });

  it('normalises -0 to 0', () => {
    const sorted = sortAscending(new Float64Array([-0, 1, -0, -1]));
    expect(Object.is(sorted[1], 0)).toBe(true);
    expect(Object.is(sorted[2], 0)).toBe(true);
    const large = sortAscending(new Float64Array(2000).fill(-0));
    expect(large.every((value) => Object.is(value, 0))).toBe(true);
  });

  it('rejects NaN, naming the function and the fix', () => {
    expect(() => sortAscending(new Float64Array([1, Number.NaN]))).toThrow(
      /sortAscending found NaN at index 1: remove missing values/,
    );
  });

  it('agrees with the engine sort on arbitrary doubles (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true }), { minLength: 0, maxLength: 2000 }), (numbers) => {
        const values = Float64Array.from(numbers);
        expect(sameBits(sortAscending(values), referenceSort(values))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
