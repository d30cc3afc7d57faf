/**
 * Test-only: the seeded 32-bit linear congruential generator of scripts/fixtures/stats_common.py, so a
 * fixture can store a recipe instead of a large sample. Both sides do the same IEEE-754 operations in
 * the same order, so the samples are bit-identical.
 */
export interface SampleRecipe {
  seed: number;
  count: number;
  kind: 'uniform' | 'bell' | 'levels';
  offset: number;
  scale: number;
  levels?: number;
}

/** `count` uniforms state / 2^32 from state ← (1664525·state + 1013904223) mod 2^32. O(count). */
export function lcgUniforms(seed: number, count: number): Float64Array {
  const uniforms = new Float64Array(count);
  let state = seed >>> 0;
  for (let index = 0; index < count; index++) {
    state = (Math.imul(1664525, state) + 1013904223) >>> 0;
    uniforms[index] = state / 4294967296;
  }
  return uniforms;
}

/** The sample a recipe describes (see stats_common.py `sample_from_recipe`). O(count). */
export function sampleFromRecipe(recipe: SampleRecipe): Float64Array {
  const { kind, count, offset, scale } = recipe;
  const values = new Float64Array(count);
  if (kind === 'bell') {
    const uniforms = lcgUniforms(recipe.seed, 3 * count);
    for (let index = 0; index < count; index++) {
      values[index] =
        offset + scale * (uniforms[3 * index]! + uniforms[3 * index + 1]! + uniforms[3 * index + 2]!);
    }
    return values;
  }
  const uniforms = lcgUniforms(recipe.seed, count);
  for (let index = 0; index < count; index++) {
    const uniform = uniforms[index]!;
    values[index] =
      kind === 'uniform' ? offset + scale * uniform : offset + scale * Math.floor(uniform * recipe.levels!);
  }
  return values;
}
