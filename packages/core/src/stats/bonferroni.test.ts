import { describe, expect, it } from 'vitest';
import { bonferroni } from './bonferroni.js';

describe('bonferroni', () => {
  it('bonferroni multiplies by m and caps at 1', () => {
    expect(bonferroni([0.01, 0.04, 0.5])).toEqual([0.03, 0.12, 1]);
    expect(bonferroni([])).toEqual([]);
    expect(() => bonferroni([1.5])).toThrow(/bonferroni needs p-values in \[0, 1\]/);
  });
});
