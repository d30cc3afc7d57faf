// `expect(actual).toBeCloseToRelative(expected, relative, absoluteFloor?)`: a relative-tolerance
// comparison for computed statistics, registered for every test file through vitest.config.ts
// setupFiles. The rule (and the floor used when `expected` is 0) is `closeness` in
// packages/core/src/stats/testing/closeness.ts; a failure prints both numbers and the relative error.
import { expect } from 'vitest';
import { closeness, DEFAULT_ABSOLUTE_FLOOR } from '../../packages/core/src/stats/testing/closeness.js';

interface CloseMatchers<R = unknown> {
  /**
   * Passes when |received − expected| ≤ max(relative·|expected|, absoluteFloor) (default floor 1e-300);
   * NaN matches only NaN and an infinity only the same infinity.
   */
  toBeCloseToRelative: (expected: number, relative: number, absoluteFloor?: number) => R;
}

declare module 'vitest' {
  // biome-ignore lint/suspicious/noExplicitAny: the generic default must match vitest's own declaration.
  interface Assertion<T = any> extends CloseMatchers<T> {}
  interface AsymmetricMatchersContaining extends CloseMatchers {}
}

/** The message of a failed (or, under `.not`, passed) comparison: both numbers, both errors, the bounds. */
export function describeCloseness(
  received: number,
  expected: number,
  relative: number,
  absoluteFloor: number,
  negated: boolean,
): string {
  const { relativeError, absoluteError } = closeness(received, expected, relative, absoluteFloor);
  const wanted = negated ? 'not to be within' : 'to be within';
  return (
    `expected ${received} ${wanted} relative ${relative} of ${expected} (absolute floor ${absoluteFloor}): ` +
    `relative error ${relativeError}, absolute error ${absoluteError}`
  );
}

expect.extend({
  toBeCloseToRelative(
    received: unknown,
    expected: number,
    relative: number,
    absoluteFloor = DEFAULT_ABSOLUTE_FLOOR,
  ) {
    // Misuse throws, so that `.not` cannot turn it into a pass.
    if (typeof received !== 'number' || typeof expected !== 'number') {
      throw new TypeError(
        `toBeCloseToRelative compares numbers; got ${typeof received} and ${typeof expected}`,
      );
    }
    if (!(relative >= 0) || !(absoluteFloor >= 0)) {
      throw new RangeError(
        `toBeCloseToRelative needs a relative tolerance and an absolute floor ≥ 0; got ${relative} and ${absoluteFloor}`,
      );
    }
    const { pass } = closeness(received, expected, relative, absoluteFloor);
    return {
      pass,
      message: () => describeCloseness(received, expected, relative, absoluteFloor, pass),
      actual: received,
      expected,
    };
  },
});
