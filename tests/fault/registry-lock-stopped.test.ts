import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, it } from 'vitest';
import {
  bigRegistry,
  entries,
  register,
  run,
  STALE_MS,
  start,
  testFolder,
  untilLocked,
} from './registry-lock-helpers.js';

/**
 * The registry's lock held by a process stopped with SIGSTOP for longer than the stale period (5 s): a
 * waiter takes it over, and the holder, once continued, finds it lost and writes nothing. Apart from
 * the other registry-lock suites so that vitest runs them side by side: the case spends its time
 * waiting out the stale period.
 */

describe('a holder stopped with SIGSTOP for longer than the stale period', () => {
  it(`loses its lock after ${STALE_MS / 1000} s to a waiter; continued, it writes nothing and exits 2`, async ({
    expect,
    onTestFinished,
  }) => {
    // Three attempts at once, each on its own registry: each waits out the stale period. The registries
    // are all written before any holder starts: writing one blocks this thread, which must be free to
    // catch a holder holding the lock.
    const big = bigRegistry(20_000);
    const folders = [0, 1, 2].map(() => {
      const folder = testFolder(onTestFinished);
      writeFileSync(folder.registry, big);
      return folder;
    });
    const outcomes = await Promise.all(
      folders.map(async (folder, attempt) => {
        const { dir, registry } = folder;
        const holder = start(folder, register(`stopped-${attempt}`));
        expect(await untilLocked(registry, holder)).toBe(true);
        holder.child.kill('SIGSTOP');
        const waiter = await run(folder, register(`waiter-${attempt}`));
        expect(waiter).toMatchObject({ code: 0, stderr: '' });
        expect(waiter.ms).toBeGreaterThanOrEqual(STALE_MS); // it is alive (stopped): only the refresh rule applies
        const written = readFileSync(registry);
        holder.child.kill('SIGCONT');
        const end = await holder.done;
        const versions = new Set(entries(registry).map((entry) => entry.version));
        expect(versions.has(`waiter-${attempt}`)).toBe(true);
        if (end.code === 2) {
          // Stopped before its final check: it found the lock lost and wrote nothing.
          expect(end.stderr, end.stderr).toMatch(
            /^error: .*model_registry\.json\.lock: lost the registry lock: this command was stopped or stalled for \d+(\.\d)? s while it held the lock, and another writer took it over; nothing was written \(run the command again\)\n$/,
          );
          expect(readFileSync(registry).equals(written)).toBe(true);
          expect(versions.has(`stopped-${attempt}`)).toBe(false);
        } else {
          // Stopped after its rename (its write was complete): both writes are there.
          expect(end, `attempt ${attempt}`).toMatchObject({ code: 0, stderr: '' });
          expect(versions.has(`stopped-${attempt}`)).toBe(true);
        }
        expect(readdirSync(dir)).toEqual(['model_registry.json']);
        return end.code === 2;
      }),
    );
    const lost = outcomes.includes(true);
    expect(lost, 'in 3 attempts the holder was never stopped before its final check').toBe(true);
  }, 120_000);
});
