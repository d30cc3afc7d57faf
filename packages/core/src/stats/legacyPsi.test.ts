import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../../../../tests/helpers/runs.js';
import legacyFixture from './fixtures/legacy.json' with { type: 'json' };
import legacyBoundaryFixture from './fixtures/legacy_psi_boundaries.json' with { type: 'json' };
import { legacyPsi, legacyPsiUnsorted } from './legacyPsi.js';
import { roundHalfEven } from './roundHalfEven.js';
import { sortAscending } from './sortAscending.js';
import { type SampleRecipe, sampleFromRecipe } from './testing/lcg.js';

const sorted = (recipe: unknown) => sortAscending(sampleFromRecipe(recipe as SampleRecipe));
const sorted64 = (values: number[]) => sortAscending(Float64Array.from(values));

// The legacy PSI: numpy replication, and the legacy tool's own rounded outputs.
describe('legacyPsi', () => {
  it.each(legacyFixture.cases.recipes.map((testCase, index) => [index, testCase] as const))(
    'legacyPsi recipe %i matches the numpy replication',
    (_, testCase) => {
      expect(legacyPsi(sorted(testCase.reference), sorted(testCase.current))).toBeCloseToRelative(
        testCase.psi,
        1e-12,
        1e-15,
      );
    },
  );
  it.each(
    legacyFixture.cases.examples
      .filter((testCase) => 'psi' in testCase && testCase.psi !== undefined)
      .map((testCase) => [`${testCase.example}/${testCase.feature}`, testCase] as const),
  )('legacy example %s gives the legacy tool’s rounded value', (_, testCase) => {
    const psi = legacyPsi(
      sortAscending(Float64Array.from(testCase.reference!)),
      sortAscending(Float64Array.from(testCase.current!)),
    );
    expect(psi).toBeCloseToRelative(testCase.psi!, 1e-12);
    expect(roundHalfEven(psi)).toBe(testCase.legacyRoundedPsi);
  });
  it('is 0 for an empty sample or a single value, and puts the maximum in the last bin', () => {
    expect(legacyPsi(new Float64Array(), new Float64Array([1]))).toBe(0);
    expect(legacyPsi(new Float64Array([2, 2]), new Float64Array([2]))).toBe(0);
    // Reference all in bin 0, current all at the maximum (bin 9): two bins of share 1 vs 1e-6.
    const psi = legacyPsi(new Float64Array([0, 0]), new Float64Array([10]));
    const share = 1 + 1e-6;
    expect(psi).toBeCloseToRelative(2 * (share - 1e-6) * Math.log(share / 1e-6), 1e-12);
  });
});

// Exact parity with the legacy script at bin boundaries: issue 14, item 3.
describe('legacyPsi at bin boundaries', () => {
  // The script's bins min(int((v − lo) / step), 9) at exact multiples of the step, where numpy's edges disagree;
  // scripts/fixtures/stats_legacy_psi_boundaries.py (the legacy formula transcribed in plain Python).
  it(`bins at the boundaries as the legacy script does: ${legacyBoundaryFixture.cases.length} fixtures, reported value equal`, () => {
    const failures = legacyBoundaryFixture.cases.filter((testCase) => {
      const psi = legacyPsi(
        sortAscending(Float64Array.from(testCase.reference)),
        sortAscending(Float64Array.from(testCase.current)),
      );
      const close = Math.abs(psi - testCase.psi) <= 1e-12 * Math.max(Math.abs(testCase.psi), 1e-3);
      return !close || roundHalfEven(psi) !== testCase.legacyRounded;
    });
    expect(failures.map((testCase) => [testCase.psi, testCase.legacyRounded])).toEqual([]);
    // The fixtures do reach boundaries: numpy's rule (the old port) reports another value in many of them.
    const numpyRuleDiffers = legacyBoundaryFixture.cases.filter(
      (testCase) => testCase.numpyRuleRounded !== testCase.legacyRounded,
    );
    expect(numpyRuleDiffers.length).toBeGreaterThanOrEqual(100);
  });
  it('puts -0.2188 in bin 5 when lo = -3.4869 and hi = 3.0493, as the script does (numpy: bin 4)', () => {
    // (−0.2188 + 3.4869) / 0.65362 is 5 in doubles, although −0.2188 < −3.4869 + 5 · 0.65362.
    expect((-0.2188 - -3.4869) / ((3.0493 - -3.4869) / 10)).toBe(5);
    expect(-3.4869 + 5 * ((3.0493 - -3.4869) / 10)).toBeGreaterThan(-0.2188);
    // (−0.1 + 3.4869) / 0.65362 = 5.18: bin 5 by either rule.
    const psi = legacyPsi(new Float64Array([-3.4869, -0.2188]), new Float64Array([-0.1, 3.0493]));
    // Bins: reference {0, 5}, current {5, 9}: shares 0.5 + 1e-6 and 1e-6 in bins 0 and 9, equal in bin 5
    // (numpy's rule: reference {0, 4}, four unequal bins).
    const half = 0.5 + 1e-6;
    const expected = (1e-6 - half) * Math.log(1e-6 / half) + (half - 1e-6) * Math.log(half / 1e-6);
    expect(psi).toBe(expected);
  });
  it('equals the script’s formula applied value by value (property: 4-decimal data, many ties at boundaries)', () => {
    const scriptPsi = (reference: number[], current: number[]) => {
      const lo = Math.min(...reference, ...current);
      const hi = Math.max(...reference, ...current);
      if (!(hi > lo)) return 0;
      const step = (hi - lo) / 10;
      const shares = (values: number[]) => {
        const counts = new Array<number>(10).fill(0);
        for (const v of values) counts[Math.min(Math.trunc((v - lo) / step), 9)]! += 1;
        return counts.map((count) => count / values.length + 1e-6);
      };
      const r = shares(reference);
      const c = shares(current);
      let psi = 0;
      for (let bin = 0; bin < 10; bin++) psi += (c[bin]! - r[bin]!) * Math.log(c[bin]! / r[bin]!);
      return psi;
    };
    const fourDecimals = fc
      .integer({ min: -40_000, max: 40_000 })
      .map((units) => Number((units / 1e4).toFixed(4)));
    const sample = (lo: number, hi: number) =>
      fc.array(
        fc.oneof(
          fourDecimals,
          fc.integer({ min: 0, max: 10 }).map((k) => Number((lo + (k * (hi - lo)) / 10).toFixed(4))),
        ),
        { minLength: 1, maxLength: 40 },
      );
    const pair = fc
      .tuple(fourDecimals, fourDecimals)
      .chain(([a, b]) =>
        fc.tuple(sample(Math.min(a, b), Math.max(a, b)), sample(Math.min(a, b), Math.max(a, b))),
      );
    fc.assert(
      fc.property(pair, ([reference, current]) => {
        expect(legacyPsi(sorted64(reference), sorted64(current))).toBe(scriptPsi(reference, current));
      }),
      { numRuns: propertyRuns(3000) },
    );
  });
  it('answers where the script fails: a range past 1.8e308, and a step that underflows to 0', () => {
    const wide = legacyPsi(new Float64Array([-1.7e308, -1.7e308]), new Float64Array([1.7e308, 1.7e308]));
    const half = 1 + 1e-6;
    expect(wide).toBeCloseToRelative(2 * (half - 1e-6) * Math.log(half / 1e-6), 1e-12);
    // lo = 0, hi = 4·2^-1074: (hi − lo) / 10 rounds to 0; scaled, the values fall in bins 0, 2, 5 and 9.
    const tiny = 5e-324;
    const narrow = legacyPsi(new Float64Array([0, tiny]), new Float64Array([2 * tiny, 4 * tiny]));
    const share = 0.5 + 1e-6;
    const single = (1e-6 - share) * Math.log(1e-6 / share);
    expect(Number.isFinite(narrow)).toBe(true);
    expect(narrow).toBeCloseToRelative(4 * single, 1e-12);
  });
});

describe('legacyPsiUnsorted: legacyPsi without sorting, to the last bit', () => {
  const shuffled = (values: readonly number[], seed: number) => {
    const copy = Float64Array.from(values);
    let state = seed >>> 0;
    for (let index = copy.length - 1; index > 0; index--) {
      state = (Math.imul(1664525, state) + 1013904223) >>> 0;
      const other = state % (index + 1);
      [copy[index], copy[other]] = [copy[other]!, copy[index]!];
    }
    return copy;
  };

  it.each(legacyFixture.cases.recipes.map((testCase, index) => [index, testCase] as const))(
    'recipe %i, shuffled: the sorted samples’ PSI',
    (index, testCase) => {
      const reference = sampleFromRecipe(testCase.reference as SampleRecipe);
      const current = sampleFromRecipe(testCase.current as SampleRecipe);
      expect(legacyPsiUnsorted(shuffled([...reference], index), shuffled([...current], index + 1))).toBe(
        legacyPsi(sortAscending(reference), sortAscending(current)),
      );
    },
  );

  it('where the script fails, and at the edges: the same numbers', () => {
    const pairs: [number[], number[]][] = [
      [
        [-1.7e308, 3, -1.7e308],
        [1.7e308, 1.7e308, 0],
      ],
      [
        [5e-324, 0],
        [4 * 5e-324, 2 * 5e-324],
      ],
      [[], [1]],
      [[2, 2], [2]],
      [
        [-0, 0, 1],
        [0, -0, 0.5],
      ],
    ];
    for (const [reference, current] of pairs) {
      expect(legacyPsiUnsorted(Float64Array.from(reference), Float64Array.from(current))).toBe(
        legacyPsi(sortAscending(Float64Array.from(reference)), sortAscending(Float64Array.from(current))),
      );
    }
  });

  it('the same as legacyPsi on any samples (fast-check: 4-decimal data, ties at the bin edges)', () => {
    const values = fc.array(
      fc.integer({ min: -20_000, max: 20_000 }).map((n) => n / 1e4),
      { maxLength: 200 },
    );
    fc.assert(
      fc.property(values, values, (reference, current) => {
        const a = Float64Array.from(reference);
        const b = Float64Array.from(current);
        expect(legacyPsiUnsorted(a, b)).toBe(legacyPsi(sortAscending(a), sortAscending(b)));
      }),
      { numRuns: propertyRuns(1000) },
    );
  });
});
