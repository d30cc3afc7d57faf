import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fisherExactTwoSided } from './fisherExactTwoSided.js';
import fixture from './fixtures/evidently_fisher_exact.json' with { type: 'json' };

type Table = [[number, number], [number, number]];

// scipy.stats.fisher_exact(table).pvalue, two-sided; scripts/fixtures/stats_evidently_categorical.py.
describe('fisherExactTwoSided against scipy.stats.fisher_exact', () => {
  it.each(fixture.cases.map((testCase) => [JSON.stringify(testCase.table), testCase] as const))(
    '%s',
    (_, testCase) => {
      expect(fisherExactTwoSided(testCase.table as Table)).toBeCloseToRelative(testCase.pValue, 1e-9);
    },
  );

  it("gives Evidently's own test values (tests/stattests/test_stattests.py, abs 1e-3)", () => {
    const expected: [Table, number][] = [
      [
        [
          [60, 30],
          [45, 45],
        ],
        0.033,
      ],
      [
        [
          [6, 0],
          [3, 3],
        ],
        0.181,
      ],
      [
        [
          [6, 0],
          [6, 0],
        ],
        1,
      ],
      [
        [
          [4, 2],
          [4, 2],
        ],
        1,
      ],
      [
        [
          [0, 6],
          [6, 0],
        ],
        0.0021,
      ],
      [
        [
          [60, 90],
          [90, 60],
        ],
        0.00078,
      ],
    ];
    for (const [table, p] of expected)
      expect(Math.abs(fisherExactTwoSided(table) - p)).toBeLessThanOrEqual(1e-3);
  });

  it('does not depend on which category or which sample comes first', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 80 }), { minLength: 4, maxLength: 4 }),
        ([a, b, c, d]) => {
          const p = fisherExactTwoSided([
            [a!, b!],
            [c!, d!],
          ]);
          expect(p).toBeGreaterThan(0);
          expect(p).toBeLessThanOrEqual(1);
          expect(
            fisherExactTwoSided([
              [b!, a!],
              [d!, c!],
            ]),
          ).toBeCloseToRelative(p, 1e-12);
          expect(
            fisherExactTwoSided([
              [c!, d!],
              [a!, b!],
            ]),
          ).toBeCloseToRelative(p, 1e-12);
        },
      ),
    );
  });

  it('refuses counts that are not non-negative integers', () => {
    expect(() =>
      fisherExactTwoSided([
        [1.5, 2],
        [3, 4],
      ]),
    ).toThrow(/non-negative integer counts/);
    expect(() =>
      fisherExactTwoSided([
        [1, -2],
        [3, 4],
      ]),
    ).toThrow(/non-negative integer counts/);
  });
});
