import { exactPartials, roundPartials } from './exactSum.js';
import { isEvenMantissa, nextDown, nextUp, twoProduct } from './floatingPoint.js';

/**
 * The mean of doubles, correctly rounded (ties to even), from their exact sum: the slow, always-right
 * path of `mean`. The exact sum is kept as Shewchuk partials; the quotient q is moved to a neighbour
 * while the exact sign of sum − n·(q ± half an ulp) says the true mean lies beyond the midpoint.
 *
 * Cost: O(n · p), p the number of partials (a handful for real data); measured times in
 * docs/drift-detector.md, "Inner costs".
 *
 * @param values - finite numbers whose absolute sum is at most 2^995 (Dekker's product of n and the
 *   quotient overflows beyond; `mean` scales larger data down before calling this).
 * @example
 * exactMean([0.1, 0.2]) // => 0.15000000000000002 (statistics.mean gives the same)
 */
export function exactMean(values: ArrayLike<number>): number {
  const count = values.length;
  if (count === 0) {
    throw new Error('exactMean requires at least one value: drop empty samples before calling it');
  }
  const partials = exactPartials(values);
  // `+ 0`: an exact sum of zero is the rational 0, whose float is +0 (statistics.mean([-0.0]) is 0.0).
  let quotient = roundPartials(partials) / count + 0;
  if (!Number.isFinite(quotient)) return quotient;
  // At most a couple of steps: the first quotient is within an ulp or two of the exact one.
  for (let step = 0; step < 4; step++) {
    const residualSign = Math.sign(residual(partials, count, quotient, 0));
    if (residualSign === 0) return quotient;
    const neighbour = residualSign > 0 ? nextUp(quotient) : nextDown(quotient);
    // The sign of sum − n·(quotient + neighbour)/2 says on which side of the midpoint the mean lies.
    const midpointSign = Math.sign(residual(partials, count, quotient, (neighbour - quotient) / 2));
    if (midpointSign === 0) return isEvenMantissa(quotient) ? quotient : neighbour;
    if (midpointSign !== residualSign) return quotient;
    quotient = neighbour;
  }
  return quotient;
}

/** The exact sum of the partials minus n·(quotient + offset), correctly rounded (so its sign is exact). */
function residual(partials: readonly number[], count: number, quotient: number, offset: number): number {
  const [productHigh, productLow] = twoProduct(count, quotient);
  const terms = [...partials, -productHigh, -productLow];
  // n·offset is exact: offset is half an ulp of the quotient, n < 2^53.
  if (offset !== 0) terms.push(-count * offset);
  return roundPartials(exactPartials(terms));
}
