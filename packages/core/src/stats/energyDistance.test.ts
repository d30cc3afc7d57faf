import { describe, expect, it } from 'vitest';
import { energyDistance } from './energyDistance.js';
import fixture from './fixtures/evidently_energy_distance.json' with { type: 'json' };
import { sortAscending } from './sortAscending.js';
import { type SampleRecipe, sampleFromRecipe } from './testing/lcg.js';

type EnergyCase = {
  reference?: number[];
  current?: number[];
  referenceRecipe?: SampleRecipe;
  currentRecipe?: SampleRecipe;
  distance: number;
};
const sample = (values: number[] | undefined, recipe: SampleRecipe | undefined) =>
  sortAscending(values === undefined ? sampleFromRecipe(recipe!) : Float64Array.from(values));

// scipy.stats.energy_distance(reference, current); scripts/fixtures/stats_evidently_categorical.py.
describe('energyDistance against scipy.stats.energy_distance', () => {
  it.each((fixture.cases as EnergyCase[]).map((testCase, index) => [index, testCase] as const))(
    'case %d',
    (_, testCase) => {
      const distance = energyDistance(
        sample(testCase.reference, testCase.referenceRecipe),
        sample(testCase.current, testCase.currentRecipe),
      );
      expect(distance).toBeCloseToRelative(testCase.distance, 1e-12);
    },
  );

  it("gives Evidently's own test values: 0 for equal samples, 1.9 (abs 0.1) after a shift of 5", () => {
    const values = Float64Array.from([38.7, 41.5, 43.8, 44.5, 45.5, 46.0, 47.7, 58.0]);
    expect(energyDistance(values, values)).toBe(0);
    expect(
      Math.abs(
        energyDistance(
          values,
          values.map((value) => value + 5),
        ) - 1.9,
      ),
    ).toBeLessThanOrEqual(0.1);
  });

  it('is symmetric and refuses empty samples', () => {
    const a = Float64Array.from([1, 2, 2, 7]);
    const b = Float64Array.from([0, 3, 5]);
    expect(energyDistance(a, b)).toBe(energyDistance(b, a));
    expect(() => energyDistance(new Float64Array(0), b)).toThrow(/energyDistance/);
  });
});
