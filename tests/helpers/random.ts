/**
 * The seed of every generated case in the suite: fuzz cases, crash schedules and fast-check properties
 * (MLOPS_FUZZ_SEED; `npm run fuzz -- --seed 7` replays or varies it).
 */
export const FUZZ_SEED = Number(process.env.MLOPS_FUZZ_SEED ?? 20261127);

/**
 * mulberry32: a small seeded generator of floats in [0, 1), so that generated test data, fuzz cases and
 * crash schedules are the same on every run and a failing seed can be replayed.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
