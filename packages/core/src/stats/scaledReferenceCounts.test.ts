import { describe, expect, it } from 'vitest';
import { scaledReferenceCounts } from './scaledReferenceCounts.js';

describe('scaledReferenceCounts', () => {
  it('multiplies each count by n_current / n_reference, the ratio first (Evidently k_norm)', () => {
    // Python: k_norm = 16 / 6; [1 * k_norm, 2 * k_norm, 3 * k_norm]
    expect([...scaledReferenceCounts([1, 2, 3], 16)]).toEqual([2.6666666666666665, 5.333333333333333, 8]);
    expect([...scaledReferenceCounts([0, 4], 2)]).toEqual([0, 2]);
  });

  it('refuses empty references, negative counts and a non-positive total', () => {
    expect(() => scaledReferenceCounts([0, 0], 3)).toThrow(/at least one reference count/);
    expect(() => scaledReferenceCounts([1, -1], 3)).toThrow(/finite non-negative counts/);
    expect(() => scaledReferenceCounts([1, 2], 0)).toThrow(/positive current total/);
  });
});
