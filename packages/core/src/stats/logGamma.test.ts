import { describe, expect, it } from 'vitest';
import { logGamma } from './logGamma.js';

describe('logGamma', () => {
  it.each([
    [0.5, Math.log(Math.sqrt(Math.PI))],
    [1, 0],
    [2, 0],
    [10, Math.log(362880)],
    [171, 706.5730622457874], // math.lgamma(171)
    [1e-10, 23.025850929882733], // math.lgamma(1e-10)
  ])('logGamma(%d)', (x, expected) => {
    // Absolute 1e-14 near the zeros at 1 and 2 (the recurrence subtracts two logs near 25); the
    // incomplete gamma only ever exponentiates it, so that is a relative error of 1e-14 there.
    expect(logGamma(x)).toBeCloseToRelative(expected, 1e-13, 1e-14);
  });
  it('rejects a non-positive argument', () => {
    expect(() => logGamma(-1)).toThrow(/logGamma needs a finite positive argument/);
  });
});
