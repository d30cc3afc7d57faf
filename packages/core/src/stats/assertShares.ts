/**
 * Checks two share (or count) vectors for the binned distances: same non-zero length, finite,
 * non-negative.
 *
 * Cost: O(K).
 *
 * @throws Error naming `functionName` and the fix.
 * @example
 * assertShares('hellingerDistance', [0.5, 0.5], [0.4, 0.6]) // => undefined
 */
export function assertShares(
  functionName: string,
  referenceShares: ArrayLike<number>,
  currentShares: ArrayLike<number>,
): void {
  if (referenceShares.length !== currentShares.length || referenceShares.length === 0) {
    throw new Error(
      `${functionName} needs two equally long, non-empty share lists, got ${referenceShares.length} and ${currentShares.length}`,
    );
  }
  for (let index = 0; index < referenceShares.length; index++) {
    const reference = referenceShares[index]!;
    const current = currentShares[index]!;
    if (!(reference >= 0 && current >= 0 && Number.isFinite(reference) && Number.isFinite(current))) {
      throw new Error(
        `${functionName} needs finite non-negative shares, got ${reference} and ${current} in bin ${index}`,
      );
    }
  }
}
