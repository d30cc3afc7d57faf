import { describe, expect, it } from 'vitest';
import { LONG_RUN, propertyRuns, SHORT_RUNS } from './runs.js';

describe('propertyRuns', () => {
  it('gives the full count in a long run, else at most SHORT_RUNS', () => {
    expect(LONG_RUN).toBe(process.env.MLOPS_FUZZ_LONG === '1');
    expect(propertyRuns(5000)).toBe(LONG_RUN ? 5000 : SHORT_RUNS);
    expect(propertyRuns(50)).toBe(50);
  });
});
