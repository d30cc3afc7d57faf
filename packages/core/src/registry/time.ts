/**
 * Timestamps. New ones are ISO-8601 UTC with milliseconds and `Z` (`2026-11-27T05:12:25.123Z`). Legacy
 * ones are local time without a zone (`2026-11-27T05:12:25`); they are compared as local time of the
 * machine reading them, which is what they meant on the machine that wrote them.
 */

/** The current time as the registry stores it. */
export function registryTimestamp(now: Date = new Date()): string {
  return now.toISOString();
}

/**
 * The instant a stored timestamp stands for, in milliseconds since the epoch: with a zone, that
 * instant; without one, local time (as `Date.parse` reads a date-time without an offset).
 *
 * @example registryInstant('2026-11-27T05:12:25Z') // => 1795756345000
 */
export function registryInstant(timestamp: string): number {
  const instant = Date.parse(timestamp);
  if (Number.isNaN(instant))
    throw new RangeError(`registryInstant: not a timestamp: ${JSON.stringify(timestamp)}`);
  return instant;
}
