import { describe, expect, it } from 'vitest';
import legacyFixture from './fixtures/legacy.json' with { type: 'json' };
import { legacyChiSquare } from './legacyChiSquare.js';
import { roundHalfEven } from './roundHalfEven.js';

// The legacy chi-square: the legacy tool's own rounded outputs.
describe('legacyChiSquare', () => {
  it.each(
    legacyFixture.cases.examples
      .filter((testCase) => !('psi' in testCase && testCase.psi !== undefined))
      .map((testCase) => [`${testCase.example}/${testCase.feature}`, testCase] as const),
  )('legacy example %s gives the legacy tool’s rounded value', (_, testCase) => {
    const referenceCounts = new Map(Object.entries(testCase.referenceCounts!));
    const currentCounts = new Map(Object.entries(testCase.currentCounts!));
    const chiSquare = legacyChiSquare(referenceCounts, currentCounts);
    expect(chiSquare).toBeCloseToRelative(testCase.chiSquare!, 1e-12);
    expect(roundHalfEven(chiSquare)).toBe(testCase.legacyRoundedChiSquare);
  });
  it('needs a count, and gives the textbook value on a small table', () => {
    expect(() => legacyChiSquare(new Map(), new Map([['a', 1]]))).toThrow(
      /legacyChiSquare needs at least one count/,
    );
    expect(
      legacyChiSquare(
        new Map([
          ['a', 50],
          ['b', 50],
        ]),
        new Map([
          ['a', 80],
          ['b', 10],
          ['c', 10],
        ]),
      ),
    ).toBeCloseTo(0.5, 15);
  });
});
