/**
 * Timestamps. New ones are ISO-8601 UTC with milliseconds and `Z` (`2026-11-27T05:12:25.123Z`). Legacy
 * ones are local time without a zone (`2026-11-27T05:12:25`); they are read as local time of the
 * machine reading them, which is what they meant on the machine that wrote them.
 *
 * Accepted form: `YYYY-MM-DDTHH:MM:SS`, then an optional fraction of a second (1 to 9 digits), then an
 * optional zone, `Z` or `±HH:MM`; the date must exist (no 30 February), hours 00–23, minutes and
 * seconds 00–59. Parsed by hand: a registry holds tens of thousands of them and `Date.parse` plus a
 * regular expression cost ten times more.
 */

/** The current time as the registry stores it. */
export function registryTimestamp(now: Date = new Date()): string {
  return now.toISOString();
}

const ZERO = 48;

function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let index = start; index < start + count; index++) {
    const digit = text.charCodeAt(index) - ZERO;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * The instant a stored timestamp stands for, in milliseconds since the epoch, or NaN when it is not a
 * timestamp of the accepted form: with a zone, that instant; without one, local time.
 *
 * @example parseRegistryTimestamp('2026-11-27T05:12:25Z') // => 1795756345000
 * @example parseRegistryTimestamp('2026-02-30T00:00:00Z') // => NaN
 */
export function parseRegistryTimestamp(text: string): number {
  return readTimestamp(text, true);
}

/** Reads a timestamp: its instant when `instant` is true, else 0 when valid; NaN when invalid. */
function readTimestamp(text: string, instant: boolean): number {
  if (text.length < 19) return Number.NaN;
  if (text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':' || text[16] !== ':') {
    return Number.NaN;
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return Number.NaN;
  let position = 19;
  let milliseconds = 0;
  if (text[position] === '.') {
    const start = ++position;
    while (position < text.length && position - start < 10) {
      const digit = text.charCodeAt(position) - ZERO;
      if (digit < 0 || digit > 9) break;
      if (position - start < 3) milliseconds += digit * 10 ** (2 - (position - start));
      position++;
    }
    if (position === start || position - start > 9) return Number.NaN;
  }
  let offsetMinutes: number | undefined;
  if (text[position] === 'Z') {
    offsetMinutes = 0;
    position++;
  } else if (text[position] === '+' || text[position] === '-') {
    const offsetHour = digits(text, position + 1, 2);
    const offsetMinute = digits(text, position + 4, 2);
    if (
      text[position + 3] !== ':' ||
      offsetHour < 0 ||
      offsetHour > 23 ||
      offsetMinute < 0 ||
      offsetMinute > 59
    ) {
      return Number.NaN;
    }
    offsetMinutes = (text[position] === '-' ? -1 : 1) * (offsetHour * 60 + offsetMinute);
    position += 6;
  }
  if (position !== text.length) return Number.NaN;
  if (!instant) return 0;
  if (offsetMinutes === undefined) {
    const local = new Date(year, month - 1, day, hour, minute, second, milliseconds);
    if (year < 100) local.setFullYear(year);
    return local.getTime();
  }
  let utc = Date.UTC(year, month - 1, day, hour, minute, second, milliseconds);
  if (year < 100) utc = new Date(utc).setUTCFullYear(year);
  return utc - offsetMinutes * 60_000;
}

/** Whether a string is a timestamp of the accepted form. */
export function isRegistryTimestamp(text: string): boolean {
  return readTimestamp(text, false) === 0;
}

/**
 * The instant of a timestamp already checked by the schema.
 *
 * @throws RangeError when it is not a timestamp (a bug: the schema admits only valid ones).
 */
export function registryInstant(timestamp: string): number {
  const instant = parseRegistryTimestamp(timestamp);
  if (Number.isNaN(instant))
    throw new RangeError(`registryInstant: not a timestamp: ${JSON.stringify(timestamp)}`);
  return instant;
}
