/**
 * How many cases a fast-check property runs. `npm test` runs every property with a modest count
 * (at most {@link SHORT_RUNS}) from the fixed seed; a long run (`npm run fuzz`, which sets
 * MLOPS_FUZZ_LONG=1) runs each with its full count, from the run's seed. The cases of the short run
 * are the first ones of the long run with the same seed (fast-check draws them in order).
 */
export const SHORT_RUNS = 200;

/** True in a long run: `npm run fuzz`, or MLOPS_FUZZ_LONG=1 given to vitest directly. */
export const LONG_RUN = process.env.MLOPS_FUZZ_LONG === '1';

/** `full` cases in a long run, else at most SHORT_RUNS of them. */
export function propertyRuns(full: number): number {
  return LONG_RUN ? full : Math.min(full, SHORT_RUNS);
}
