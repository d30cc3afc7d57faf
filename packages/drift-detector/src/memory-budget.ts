import { totalmem } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * The memory budget of a drift check (`--max-memory`): how much data its reads may hold. The core
 * gets it as `maxMemoryBytes` and splits it between the two files (see csv/memory.ts in the core).
 * This module imports nothing heavy: the bin's first lines use it (see early-read.ts).
 */

/**
 * The most this process can hold: V8's heap limit (`--max-old-space-size`). The column arrays live
 * outside the heap, but the texts do, so a budget above the heap could end in an out-of-memory crash
 * instead of a message.
 */
export function memoryBudgetCeiling(): number {
  return getHeapStatistics().heap_size_limit;
}

/** The default budget: half of the machine's memory, at most {@link memoryBudgetCeiling}. */
export function defaultMemoryBudget(): number {
  return Math.floor(Math.min(totalmem() / 2, memoryBudgetCeiling()));
}

/**
 * Frees the memory of a pass's columns before the next pass of a check in passes reads (see the
 * core's drift/passes.ts). Left to itself, V8 collects the main thread's garbage when the main thread
 * allocates, but a pass's current file is read in a worker thread, whose allocations do not count
 * there: the last pass's arrays could still be held while the next pass's are read, and the process
 * would pass its budget (measured: 1.28 GB of RSS under --max-memory 1GB at 10 million rows, against
 * ≤ 1 GB with this). So a full collection is asked for (V8's `gc`, exposed for this), and the freeing,
 * which V8 finishes on background threads, is waited for: until the array-buffer memory stops falling,
 * at most 0.5 s.
 */
export async function releasePassMemory(): Promise<void> {
  setFlagsFromString('--expose-gc');
  const collect = runInNewContext('gc') as (() => void) | undefined;
  if (typeof collect !== 'function') return;
  collect();
  let before = process.memoryUsage().arrayBuffers;
  for (let wait = 0; wait < 100; wait += 1) {
    await sleep(5);
    const now = process.memoryUsage().arrayBuffers;
    if (now >= before) return;
    before = now;
  }
}
