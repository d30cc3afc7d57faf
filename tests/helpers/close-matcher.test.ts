import { describe, expect, it } from 'vitest';
import { closeness } from '../../packages/core/src/stats/testing/closeness.js';

describe('toBeCloseToRelative', () => {
  it('passes within the relative tolerance and fails just outside it', () => {
    expect(1 + 1e-13).toBeCloseToRelative(1, 1e-12);
    expect(-2e-20 * (1 + 5e-13)).toBeCloseToRelative(-2e-20, 1e-12);
    expect(1 + 2e-12).not.toBeCloseToRelative(1, 1e-12);
  });

  it('uses the absolute floor when the expected value is 0', () => {
    expect(0).toBeCloseToRelative(0, 1e-12);
    expect(-0).toBeCloseToRelative(0, 1e-12);
    expect(1e-301).toBeCloseToRelative(0, 1e-12);
    expect(1e-20).not.toBeCloseToRelative(0, 1e-12);
    expect(1e-20).toBeCloseToRelative(0, 1e-12, 1e-15);
    expect(closeness(1e-20, 0, 1e-12).relativeError).toBe(Number.POSITIVE_INFINITY);
  });

  it('matches NaN only with NaN and an infinity only with the same infinity', () => {
    expect(Number.NaN).toBeCloseToRelative(Number.NaN, 1e-12);
    expect(1).not.toBeCloseToRelative(Number.NaN, 1e-12);
    expect(Number.NaN).not.toBeCloseToRelative(1, 1e-12);
    expect(Number.POSITIVE_INFINITY).toBeCloseToRelative(Number.POSITIVE_INFINITY, 1e-12);
    expect(Number.NEGATIVE_INFINITY).not.toBeCloseToRelative(Number.POSITIVE_INFINITY, 1e-12);
    expect(1e308).not.toBeCloseToRelative(Number.POSITIVE_INFINITY, 1);
    expect(Number.POSITIVE_INFINITY).not.toBeCloseToRelative(1e308, 1);
  });

  it('prints both numbers and the relative error when it fails', () => {
    expect(() => expect(1.5).toBeCloseToRelative(1, 1e-12)).toThrow(
      'expected 1.5 to be within relative 1e-12 of 1 (absolute floor 1e-300): relative error 0.5, absolute error 0.5',
    );
    expect(() => expect(1).not.toBeCloseToRelative(1, 1e-12)).toThrow(
      'expected 1 not to be within relative 1e-12 of 1 (absolute floor 1e-300): relative error 0, absolute error 0',
    );
    expect(() => expect(3).toBeCloseToRelative(0, 1e-12, 1)).toThrow(
      /relative error Infinity, absolute error 3$/,
    );
  });

  it('refuses misuse even under .not', () => {
    expect(() => expect('1').not.toBeCloseToRelative(1, 1e-12)).toThrow(
      /compares numbers; got string and number/,
    );
    expect(() => expect(1).not.toBeCloseToRelative(2, -1)).toThrow(
      /tolerance and an absolute floor ≥ 0; got -1/,
    );
    expect(() => expect(1).not.toBeCloseToRelative(2, Number.NaN)).toThrow(/got NaN and 1e-300/);
  });

  it('works as an asymmetric matcher', () => {
    expect({ psi: 0.1 + 0.2 }).toEqual({ psi: expect.toBeCloseToRelative(0.3, 1e-15) });
  });
});
