/**
 * Test-only: how close a computed number is to a reference value. One definition, used by the
 * `toBeCloseToRelative` matcher (tests/helpers/close-matcher.ts) and by table checks that collect failures.
 *
 * Passes when |actual − expected| ≤ max(relative·|expected|, absoluteFloor). The floor is what decides
 * when `expected` is 0 (a relative error is undefined there); its default, 1e-300, asks for 0 or a
 * subnormal-sized residue, so a test whose quantity has a natural scale passes its own floor.
 * NaN matches only NaN; an infinity matches only the same infinity.
 */
export interface Closeness {
  pass: boolean;
  /** |actual − expected| / |expected|; Infinity when expected is 0 and actual is not, NaN when undefined. */
  relativeError: number;
  absoluteError: number;
}

export const DEFAULT_ABSOLUTE_FLOOR = 1e-300;

export function closeness(
  actual: number,
  expected: number,
  relative: number,
  absoluteFloor = DEFAULT_ABSOLUTE_FLOOR,
): Closeness {
  if (Object.is(actual, expected)) return { pass: true, relativeError: 0, absoluteError: 0 };
  if (Number.isNaN(expected) || Number.isNaN(actual)) {
    const bothNaN = Number.isNaN(expected) && Number.isNaN(actual);
    return {
      pass: bothNaN,
      relativeError: bothNaN ? 0 : Number.NaN,
      absoluteError: bothNaN ? 0 : Number.NaN,
    };
  }
  if (!Number.isFinite(expected) || !Number.isFinite(actual)) {
    // Different values and at least one infinite: never close (∞ − ∞ would be NaN, ∞ − x is ∞).
    return { pass: false, relativeError: Number.POSITIVE_INFINITY, absoluteError: Number.POSITIVE_INFINITY };
  }
  const absoluteError = Math.abs(actual - expected);
  const relativeError =
    expected === 0
      ? absoluteError === 0
        ? 0
        : Number.POSITIVE_INFINITY
      : absoluteError / Math.abs(expected);
  return {
    pass: absoluteError <= Math.max(relative * Math.abs(expected), absoluteFloor),
    relativeError,
    absoluteError,
  };
}

/** `closeness(...).pass`, for filters that collect every failing row of a table. */
export function closeTo(
  actual: number,
  expected: number,
  relative: number,
  absoluteFloor = DEFAULT_ABSOLUTE_FLOOR,
): boolean {
  return closeness(actual, expected, relative, absoluteFloor).pass;
}
