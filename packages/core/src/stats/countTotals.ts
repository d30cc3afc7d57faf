/**
 * Checks two count vectors for the tests on category counts (same non-zero length, finite,
 * non-negative, at least one count in each sample) and returns their totals.
 *
 * Cost: O(K).
 *
 * @param emptyHint - appended to the message for a sample without any count (what to do instead).
 * @throws Error naming `functionName` and the fix.
 * @example
 * countTotals('totalVariationDistance', [1, 2], [3, 0]) // => { referenceTotal: 3, currentTotal: 3 }
 */
export function countTotals(
  functionName: string,
  referenceCounts: ArrayLike<number>,
  currentCounts: ArrayLike<number>,
  emptyHint = '',
): { referenceTotal: number; currentTotal: number } {
  const categoryCount = referenceCounts.length;
  if (categoryCount !== currentCounts.length || categoryCount === 0) {
    throw new Error(
      `${functionName} needs two equally long, non-empty count lists, got ${categoryCount} and ${currentCounts.length}`,
    );
  }
  let referenceTotal = 0;
  let currentTotal = 0;
  for (let index = 0; index < categoryCount; index++) {
    const reference = referenceCounts[index]!;
    const current = currentCounts[index]!;
    if (!(reference >= 0 && current >= 0 && Number.isFinite(reference) && Number.isFinite(current))) {
      throw new Error(`${functionName} needs finite non-negative counts, got ${reference} and ${current}`);
    }
    referenceTotal += reference;
    currentTotal += current;
  }
  if (referenceTotal === 0 || currentTotal === 0)
    throw new Error(`${functionName} needs at least one count in each sample${emptyHint}`);
  return { referenceTotal, currentTotal };
}
