/**
 * Checks that a sample handed to a two-sample statistic is non-empty; the caller guarantees that it
 * is sorted ascending without NaN (checking the order would cost a pass over the data, so only the
 * ends are checked for NaN).
 *
 * Cost: O(1).
 *
 * @throws Error naming `functionName` when the sample is empty or starts or ends with NaN.
 * @example
 * assertSortedSample('ksStatistic', 'sortedReference', new Float64Array([1, 2])) // => undefined
 */
export function assertSortedSample(functionName: string, argumentName: string, sample: Float64Array): void {
  if (sample.length === 0) {
    throw new Error(
      `${functionName} requires at least one value in ${argumentName}: drop empty samples first`,
    );
  }
  const first = sample[0]!;
  const last = sample[sample.length - 1]!;
  if (Number.isNaN(first) || Number.isNaN(last)) {
    throw new Error(
      `${functionName} found NaN in ${argumentName}: remove missing values and sort with sortAscending`,
    );
  }
}
