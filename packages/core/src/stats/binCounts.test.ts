import { describe, expect, it } from 'vitest';
import { binCounts } from './binCounts.js';
import binnedFixture from './fixtures/binned.json' with { type: 'json' };
import { quantileBinEdges } from './quantileBinEdges.js';
import { sortAscending } from './sortAscending.js';
import { type SampleRecipe, sampleFromRecipe } from './testing/lcg.js';

const sorted = (recipe: unknown) => sortAscending(sampleFromRecipe(recipe as SampleRecipe));

// numpy.searchsorted / bincount over the reference deciles; scripts/fixtures/stats_tests_and_distances.py.
describe('binCounts against numpy searchsorted and bincount', () => {
  it.each(binnedFixture.cases.map((testCase, index) => [index, testCase] as const))(
    'case %i',
    (_, testCase) => {
      const reference = sorted(testCase.reference);
      const edges = quantileBinEdges(reference);
      expect(Array.from(binCounts(reference, edges))).toEqual(testCase.referenceCounts);
      expect(Array.from(binCounts(sorted(testCase.current), edges))).toEqual(testCase.currentCounts);
    },
  );
});
