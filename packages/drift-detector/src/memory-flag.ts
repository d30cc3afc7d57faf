import { escapeText } from '@mlops/core';
import { memoryBudgetCeiling } from './memory-budget.js';

/** `--max-memory`: parsing its value, and the hint when a read stops at the budget. */

/** The smallest budget accepted: below it, the read buffers of a few columns would not fit. */
export const MIN_MEMORY_BUDGET = 1e7;

/** Decimal units, as `--max-memory` takes them. */
const UNITS: ReadonlyMap<string, number> = new Map([
  ['', 1],
  ['b', 1],
  ['kb', 1e3],
  ['mb', 1e6],
  ['gb', 1e9],
  ['tb', 1e12],
]);

/** A size as `--max-memory` writes it: `4.3GB`. */
export function sizeFlagValue(bytes: number): string {
  const units: Array<[string, number]> = [
    ['TB', 1e12],
    ['GB', 1e9],
    ['MB', 1e6],
    ['KB', 1e3],
  ];
  for (const [unit, size] of units) {
    if (bytes >= size) return `${Math.floor((bytes / size) * 10) / 10}${unit}`;
  }
  return String(bytes);
}

/**
 * Parses a `--max-memory` value: a decimal number of bytes with an optional decimal unit (`2GB` is
 * 2·10⁹ bytes, `512MB`, `1.5GB`, `10000000`), at least 10 MB (MIN_MEMORY_BUDGET) and at most
 * {@link memoryBudgetCeiling}.
 * Returns the bytes, or the reason it is refused.
 *
 * @example parseMemorySize('512MB') // => { bytes: 512000000 }
 */
export function parseMemorySize(
  text: string,
  ceiling = memoryBudgetCeiling(),
): { bytes: number } | { error: string } {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = match === null ? undefined : UNITS.get(match[2]!.toLowerCase());
  if (match === null || unit === undefined)
    return {
      error: `expected a size such as 2GB, 512MB or 1000000 (bytes; decimal units, 1 GB = 1000000000 bytes), got "${escapeText(text)}"`,
    };
  const bytes = Math.floor(Number(match[1]) * unit);
  if (bytes < MIN_MEMORY_BUDGET) return { error: `expected at least 10MB, got "${escapeText(text)}"` };
  if (bytes > ceiling)
    return {
      error: `${escapeText(text.trim())} is more than this process can hold (${sizeFlagValue(ceiling)}, Node.js's heap limit; raise that with NODE_OPTIONS=--max-old-space-size=<megabytes>)`,
    };
  return { bytes };
}

/**
 * What to do when a read stops at the budget: the flag to raise it, with a value that could do; and,
 * unless the read was of one column alone (the columns are then already read a few at a time),
 * comparing fewer columns.
 */
export function memoryBudgetHint(budget: number, ceiling = memoryBudgetCeiling(), oneColumn = false): string {
  const more = Math.min(budget * 2, ceiling);
  const raise =
    more > budget
      ? `raise it with --max-memory, e.g. --max-memory ${sizeFlagValue(more)}, at most ${sizeFlagValue(ceiling)} here`
      : `this is the most Node.js's heap limit allows: raise that with NODE_OPTIONS=--max-old-space-size=<megabytes>, then --max-memory`;
  return oneColumn ? raise : `${raise}; or compare fewer columns with --columns`;
}
