import { describe, expect, it } from 'vitest';
import binnedFixture from './fixtures/binned.json' with { type: 'json' };
import { quantileBinEdges } from './quantileBinEdges.js';
import { sortAscending } from './sortAscending.js';
import { type SampleRecipe, sampleFromRecipe } from './testing/lcg.js';

const sorted = (recipe: unknown) => sortAscending(sampleFromRecipe(recipe as SampleRecipe));

// numpy.quantile of the reference sample; scripts/fixtures/stats_tests_and_distances.py.
describe('quantileBinEdges against numpy.quantile', () => {
  it.each(binnedFixture.cases.map((testCase, index) => [index, testCase] as const))(
    'case %i',
    (_, testCase) => {
      expect(Array.from(quantileBinEdges(sorted(testCase.reference)))).toEqual(testCase.edges);
    },
  );
  it('checks its input', () => {
    expect(() => quantileBinEdges(new Float64Array())).toThrow(/quantileBinEdges requires at least one/);
  });
});
