/**
 * The legacy tool's categorical `chi_square`: a divergence between category shares, not a test
 * statistic (it has no p-value): Σ over the categories seen in either sample, skipping those absent
 * from the reference, of (current share − reference share)² / reference share.
 *
 * Definition: shared/docs/legacy-behaviour.md, section drift_detector.py (step 4).
 *
 * Cost: O(K) for K categories.
 *
 * @param referenceCounts - count per category in the reference.
 * @param currentCounts - count per category in the current sample.
 * @throws Error when either sample has no counts (the drift layer reports "no usable values" itself).
 * @example
 * legacyChiSquare(new Map([['a', 50], ['b', 50]]), new Map([['a', 80], ['b', 10], ['c', 10]])) // => 0.5000000000000001
 */
export function legacyChiSquare(
  referenceCounts: ReadonlyMap<string, number>,
  currentCounts: ReadonlyMap<string, number>,
): number {
  const referenceTotal = sumCounts(referenceCounts);
  const currentTotal = sumCounts(currentCounts);
  if (referenceTotal === 0 || currentTotal === 0) {
    throw new Error('legacyChiSquare needs at least one count in each sample: drop empty samples first');
  }
  let divergence = 0;
  for (const [category, referenceCount] of referenceCounts) {
    if (referenceCount === 0) continue;
    const referenceShare = referenceCount / referenceTotal;
    const currentShare = (currentCounts.get(category) ?? 0) / currentTotal;
    divergence += (currentShare - referenceShare) ** 2 / referenceShare;
  }
  return divergence;
}

function sumCounts(counts: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const count of counts.values()) total += count;
  return total;
}
