import { describe, expect, it } from 'vitest';
import { regularizedUpperGamma } from './regularizedUpperGamma.js';

describe('regularizedUpperGamma', () => {
  it('gives e^-x for a = 1 and rejects a ≤ 0', () => {
    expect(regularizedUpperGamma(1, 2)).toBeCloseToRelative(Math.exp(-2), 1e-14);
    expect(regularizedUpperGamma(3, 0)).toBe(1);
    expect(() => regularizedUpperGamma(0, 1)).toThrow(/regularizedUpperGamma needs a > 0/);
  });
});
