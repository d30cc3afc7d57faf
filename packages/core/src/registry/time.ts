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

/**
 * The fast path for the two forms nearly every registry holds only: this tool's
 * `YYYY-MM-DDTHH:MM:SS.sssZ` and the legacy `YYYY-MM-DDTHH:MM:SS`. Straight-line code, no calls: a
 * registry command runs it tens of thousands of times, mostly before the JIT has optimised it.
 * Returns the instant (or 0 when `instant` is false), NaN when invalid, undefined for another form.
 */
function readCommonTimestamp(text: string, instant: boolean): number | undefined {
  const length = text.length;
  const utc = length === 24 && text.charCodeAt(23) === 90 && text.charCodeAt(19) === 46;
  if (!utc && length !== 19) return undefined;
  const y0 = text.charCodeAt(0) - ZERO;
  const y1 = text.charCodeAt(1) - ZERO;
  const y2 = text.charCodeAt(2) - ZERO;
  const y3 = text.charCodeAt(3) - ZERO;
  const mo0 = text.charCodeAt(5) - ZERO;
  const mo1 = text.charCodeAt(6) - ZERO;
  const d0 = text.charCodeAt(8) - ZERO;
  const d1 = text.charCodeAt(9) - ZERO;
  const h0 = text.charCodeAt(11) - ZERO;
  const h1 = text.charCodeAt(12) - ZERO;
  const mi0 = text.charCodeAt(14) - ZERO;
  const mi1 = text.charCodeAt(15) - ZERO;
  const s0 = text.charCodeAt(17) - ZERO;
  const s1 = text.charCodeAt(18) - ZERO;
  let ms0 = 0;
  let ms1 = 0;
  let ms2 = 0;
  if (utc) {
    ms0 = text.charCodeAt(20) - ZERO;
    ms1 = text.charCodeAt(21) - ZERO;
    ms2 = text.charCodeAt(22) - ZERO;
  }
  // Each digit in 0–9: unsigned, so that a negative difference is large.
  if (
    y0 >>> 0 > 9 ||
    y1 >>> 0 > 9 ||
    y2 >>> 0 > 9 ||
    y3 >>> 0 > 9 ||
    mo0 >>> 0 > 9 ||
    mo1 >>> 0 > 9 ||
    d0 >>> 0 > 9 ||
    d1 >>> 0 > 9 ||
    h0 >>> 0 > 9 ||
    h1 >>> 0 > 9 ||
    mi0 >>> 0 > 9 ||
    mi1 >>> 0 > 9 ||
    s0 >>> 0 > 9 ||
    s1 >>> 0 > 9 ||
    ms0 >>> 0 > 9 ||
    ms1 >>> 0 > 9 ||
    ms2 >>> 0 > 9 ||
    text.charCodeAt(4) !== 45 ||
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 ||
    text.charCodeAt(13) !== 58 ||
    text.charCodeAt(16) !== 58
  ) {
    return Number.NaN;
  }
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = mo0 * 10 + mo1;
  const day = d0 * 10 + d1;
  const hour = h0 * 10 + h1;
  const minute = mi0 * 10 + mi1;
  const second = s0 * 10 + s1;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return Number.NaN;
  if (day > 28 && day > daysInMonth(year, month)) return Number.NaN;
  if (!instant) return 0;
  if (year < 100) return undefined; // rare: the general path handles the two-digit-year quirk of Date
  const milliseconds = ms0 * 100 + ms1 * 10 + ms2;
  if (utc) return Date.UTC(year, month - 1, day, hour, minute, second, milliseconds);
  return new Date(year, month - 1, day, hour, minute, second).getTime();
}

/** Reads a timestamp: its instant when `instant` is true, else 0 when valid; NaN when invalid. */
function readTimestamp(text: string, instant: boolean): number {
  const common = readCommonTimestamp(text, instant);
  if (common !== undefined) return common;
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

/**
 * The two common forms with their ranges (month 01–12, day 01–31, hour 00–23, minutes and seconds
 * 00–59): a regular expression runs as native code, which checking tens of thousands of timestamps
 * needs; only a day from 29 on is then checked against its month.
 */
const COMMON_FORMS =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{3}Z)?$/;

/** Whether a string is a timestamp of the accepted form. */
export function isRegistryTimestamp(text: string): boolean {
  if (COMMON_FORMS.test(text)) {
    const day = (text.charCodeAt(8) - ZERO) * 10 + text.charCodeAt(9) - ZERO;
    if (day <= 28) return true;
    const year = Number(text.slice(0, 4));
    const month = (text.charCodeAt(5) - ZERO) * 10 + text.charCodeAt(6) - ZERO;
    return day <= daysInMonth(year, month);
  }
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
