/**
 * Checks the observed and expected frequencies of a goodness-of-fit test as scipy's
 * `power_divergence` does: equally long, non-empty, finite and non-negative, no category with both 0,
 * and totals that agree to scipy's relative tolerance √ε ≈ 1.5e-8 (scipy refuses others since 1.7).
 * Internal to the tests that use it.
 *
 * Cost: O(K).
 *
 * @throws Error naming `functionName` for any of the above.
 */
export function assertFrequencies(
  functionName: string,
  observed: ArrayLike<number>,
  expected: ArrayLike<number>,
): void {
  const categoryCount = observed.length;
  if (categoryCount !== expected.length || categoryCount === 0) {
    throw new Error(
      `${functionName} needs two equally long, non-empty frequency lists, got ${categoryCount} and ${expected.length}`,
    );
  }
  let observedTotal = 0;
  let expectedTotal = 0;
  for (let index = 0; index < categoryCount; index++) {
    const seen = observed[index]!;
    const wanted = expected[index]!;
    if (!(seen >= 0 && wanted >= 0 && Number.isFinite(seen) && Number.isFinite(wanted))) {
      throw new Error(`${functionName} needs finite non-negative frequencies, got ${seen} and ${wanted}`);
    }
    if (seen === 0 && wanted === 0) {
      throw new Error(
        `${functionName} got category ${index} with no frequency at all: leave such categories out`,
      );
    }
    observedTotal += seen;
    expectedTotal += wanted;
  }
  const tolerance = Math.sqrt(Number.EPSILON);
  if (Math.abs(observedTotal - expectedTotal) > tolerance * Math.min(observedTotal, expectedTotal)) {
    throw new Error(
      `${functionName} needs observed and expected frequencies with the same total, got ${observedTotal} and ${expectedTotal}: scale the expected ones (scaledReferenceCounts)`,
    );
  }
}
