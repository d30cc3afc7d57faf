import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LONG_RUN, runBinAsync } from '../fuzz/harness.js';
import { makeTempDir } from '../helpers/bins.js';

/**
 * Load: 50 writers at once on one registry, 200 write operations in all (each writer registers two
 * versions, promotes one and sets an alias, one process per operation, as 50 CI jobs would), in a long
 * run (`npm run fuzz`, MLOPS_FUZZ_LONG=1); `npm test` runs the same test with 12 writers (48 processes,
 * still more writers than models, so promotions race). Zero
 * lost writes: every operation that reported success is in the file, in its history. Prints the time
 * per operation (wall time of the whole load / 200, and the median and 95th percentile of one
 * process's own time, which includes waiting for the lock).
 */

const WRITERS = LONG_RUN ? 50 : 12;
const OPERATIONS_PER_WRITER = 4;

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = makeTempDir('mlops-load-'));
});
afterEach(() => cleanup());

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

describe(`${WRITERS} concurrent writers, ${WRITERS * OPERATIONS_PER_WRITER} operations`, () => {
  it('lose no write', async () => {
    const registry = join(dir, 'model_registry.json');
    writeFileSync(registry, '[]\n');
    const times: number[] = [];
    const failures: string[] = [];
    const run = async (writer: number, step: number, args: string[]) => {
      const reason = `w${writer}-s${step}`;
      const outcome = await runBinAsync(
        'model-registry',
        ['--registry', registry, '--lock-timeout', '120', ...args, '--reason', reason],
        {
          cwd: dir,
          env: { MLOPS_ACTOR: `writer-${writer}` },
          timeoutMs: 120_000,
        },
      );
      times.push(outcome.ms);
      if (outcome.code !== 0 || outcome.stderr !== '')
        failures.push(`${args.join(' ')}: exit ${outcome.code} ${outcome.stderr}`);
      return reason;
    };
    const started = performance.now();
    const reasons = await Promise.all(
      Array.from({ length: WRITERS }, async (_, writer) => {
        const model = `model-${writer % 10}`;
        return [
          await run(writer, 0, [
            'register',
            '--name',
            model,
            '--version',
            `${writer}.0`,
            '--metrics',
            `{"auc": 0.${writer}}`,
          ]),
          await run(writer, 1, ['register', '--name', model, '--version', `${writer}.1`, '--tags', 'load']),
          await run(writer, 2, [
            'promote',
            '--name',
            model,
            '--version',
            `${writer}.0`,
            '--stage',
            'production',
          ]),
          await run(writer, 3, [
            'alias',
            '--name',
            model,
            '--version',
            `${writer}.1`,
            '--alias',
            `w${writer}`,
          ]),
        ];
      }),
    );
    const wall = performance.now() - started;
    expect(failures).toEqual([]);
    const entries = JSON.parse(readFileSync(registry, 'utf8')) as {
      name: string;
      stage: string;
      history: { reason: string }[];
    }[];
    expect(entries).toHaveLength(WRITERS * 2);
    const recorded = new Set(entries.flatMap((entry) => entry.history.map((event) => event.reason)));
    const lost = reasons.flat().filter((reason) => !recorded.has(reason));
    expect(lost).toEqual([]);
    // One production version per model, whatever the order the promotions ran in.
    for (let model = 0; model < 10; model++)
      expect(
        entries.filter((entry) => entry.name === `model-${model}` && entry.stage === 'production'),
      ).toHaveLength(1);
    expect(readdirSync(dir)).toEqual(['model_registry.json']);
    const sorted = [...times].sort((a, b) => a - b);
    console.log(
      `load: ${WRITERS} writers, ${times.length} operations, 0 lost; wall ${Math.round(wall)} ms = ${(wall / times.length).toFixed(1)} ms per operation; one process (lock wait included): median ${Math.round(quantile(sorted, 0.5))} ms, p95 ${Math.round(quantile(sorted, 0.95))} ms, max ${Math.round(sorted.at(-1)!)} ms`,
    );
  }, 300_000);
});
