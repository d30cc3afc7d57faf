import { logGamma } from './logGamma.js';
import type { Uint32Source } from './mersenneTwister.js';

const logChoose = (n: number, k: number) => logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);

/**
 * One draw from the hypergeometric distribution: the number of marked items among `draws` items taken
 * without replacement from `population` items of which `marked` are marked. By inversion of one
 * uniform (53 bits from two 32-bit draws, as numpy's `random_sample`), visiting the values from the
 * mode outwards (mode, mode − 1, mode + 1, …) with the probabilities computed by the ratio of
 * consecutive terms from the mode's (ln Γ): an exact sampler, in O(standard deviation) steps on average.
 *
 * Definition: https://en.wikipedia.org/wiki/Hypergeometric_distribution
 *
 * Cost: O(1 + √(draws)) expected, whatever the population.
 *
 * @throws Error when the counts are not integers with 0 ≤ marked ≤ population and 0 ≤ draws ≤ population.
 * @example
 * hypergeometricSample(10, 10, 4, mersenneTwister(0)) // => 4 (every item is marked)
 */
export function hypergeometricSample(
  population: number,
  marked: number,
  draws: number,
  source: Uint32Source,
): number {
  if (
    !Number.isSafeInteger(population) ||
    !Number.isSafeInteger(marked) ||
    !Number.isSafeInteger(draws) ||
    marked < 0 ||
    draws < 0 ||
    marked > population ||
    draws > population
  ) {
    throw new Error(
      `hypergeometricSample needs integers 0 ≤ marked, draws ≤ population, got ${marked} and ${draws} of ${population}`,
    );
  }
  const low = Math.max(0, draws - (population - marked));
  const high = Math.min(draws, marked);
  if (low === high) return low;
  const unmarked = population - marked;
  const mode = Math.floor(((draws + 1) * (marked + 1)) / (population + 2));
  const modeProbability = Math.exp(
    logChoose(marked, mode) + logChoose(unmarked, draws - mode) - logChoose(population, draws),
  );
  const uniform = ((source.nextUint32() >>> 5) * 67108864 + (source.nextUint32() >>> 6)) / 9007199254740992;
  let cumulative = modeProbability;
  if (uniform < cumulative) return mode;
  let below = mode;
  let belowProbability = modeProbability;
  let above = mode;
  let aboveProbability = modeProbability;
  while (below > low || above < high) {
    if (below > low) {
      // P(x − 1) = P(x) · x (unmarked − draws + x) / ((marked − x + 1)(draws − x + 1))
      belowProbability *= (below * (unmarked - draws + below)) / ((marked - below + 1) * (draws - below + 1));
      below -= 1;
      cumulative += belowProbability;
      if (uniform < cumulative) return below;
    }
    if (above < high) {
      // P(x + 1) = P(x) · (marked − x)(draws − x) / ((x + 1)(unmarked − draws + x + 1))
      aboveProbability *=
        ((marked - above) * (draws - above)) / ((above + 1) * (unmarked - draws + above + 1));
      above += 1;
      cumulative += aboveProbability;
      if (uniform < cumulative) return above;
    }
  }
  // The probabilities summed to slightly less than 1 and the uniform fell in the gap: the mode.
  return mode;
}
