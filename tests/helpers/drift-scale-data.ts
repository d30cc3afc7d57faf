import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BinResult, makeTempDir, spawnBin } from './bins.js';
import { runInProcess } from './in-process.js';
import { seededRandom } from './random.js';

/**
 * The generated files of tests/e2e/drift-scale*.test.ts (the fast data path against the slow one),
 * and how those files run drift-detector.
 */

/** Uniform and normal draws from one seeded stream, so the files are the same on every run. */
function generator(seed: number) {
  const uniform = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(uniform() + 1e-12)) * Math.cos(2 * Math.PI * uniform());
  return { uniform, normal };
}

/** rows × (6 numeric with 6 decimals, 2 categorical, 1 mostly-numeric code) columns; `shift` moves some. */
export function csv(rows: number, seed: number, shift: number): string {
  const { uniform, normal } = generator(seed);
  const lines = ['n0,n1,n2,n3,n4,n5,plan,region,code'];
  const plans = ['free', 'pro', 'team', ...(shift > 0 ? ['trial'] : [])];
  const regions = ['eu', 'us', 'apac'];
  for (let row = 0; row < rows; row += 1) {
    const numbers = Array.from({ length: 6 }, (_, column) =>
      (normal() * (column + 1) + (column < 3 ? shift * column : 0)).toFixed(6),
    );
    const missing = uniform() < 0.01 ? '' : numbers[0]!;
    const code = uniform() < 0.7 ? String(Math.floor(uniform() * 20)) : `K${Math.floor(uniform() * 5)}`;
    lines.push(
      [
        missing,
        ...numbers.slice(1),
        plans[Math.floor(uniform() * plans.length)],
        regions[Math.floor(uniform() * 3)],
        code,
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A temporary folder with the reference and current files, about 1.6 MB each; `cleanup` removes it. */
export function writeScaleFiles(): { dir: string; reference: string; current: string; cleanup: () => void } {
  const { dir, cleanup } = makeTempDir('mlops-drift-scale-');
  const reference = join(dir, 'reference.csv');
  const current = join(dir, 'current.csv');
  // MLOPS_DRIFT_THREADS=on starts the workers whatever the size.
  writeFileSync(reference, csv(20_000, 1, 0));
  writeFileSync(current, csv(18_000, 2, 0.05));
  return { dir, reference, current, cleanup };
}

/**
 * The bin with worker threads (MLOPS_DRIFT_THREADS=on: the bin starts one before the program loads),
 * else the program in this process, which reads in this thread as the bin does with threads off.
 */
export function drift(args: string[], env: Record<string, string>): Promise<BinResult> {
  return env.MLOPS_DRIFT_THREADS === 'on'
    ? spawnBin('drift-detector', args, { env, timeoutMs: 60_000 })
    : runInProcess('drift-detector', args, { env });
}
