import { describe, expect, it } from 'vitest';
import legacyFixture from './fixtures/legacy.json' with { type: 'json' };
import { legacyPsi } from './legacyPsi.js';
import { roundHalfEven } from './roundHalfEven.js';
import { sortAscending } from './sortAscending.js';
import { type SampleRecipe, sampleFromRecipe } from './testing/lcg.js';

const sorted = (recipe: unknown) => sortAscending(sampleFromRecipe(recipe as SampleRecipe));

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
