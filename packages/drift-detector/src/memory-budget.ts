import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';

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
