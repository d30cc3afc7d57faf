import type { CsvColumn } from '../csv/columns.js';

/**
 * What a numeric column's values stand for when its file declares them as dates or instants
 * (Parquet `DATE`/`TIMESTAMP`, Arrow `Date32`/`Date64`/`Timestamp`): both are compared as seconds since
 * 1970-01-01 UTC, and the report shows them as dates too. A CSV column has none.
 */
export type DateValueType = 'date' | 'timestamp';

/**
 * The date value type of a column as its file declares it (the reference file's), none for any other
 * column (numbers, text, every CSV column).
 *
 * @example dateValueType({ type: 'date', valueClass: 'date' }) // => 'date'
 * @example dateValueType({ type: 'timestamp[micros]', valueClass: 'date' }) // => 'timestamp'
 * @example dateValueType({ type: 'int64', valueClass: 'number' }) // => undefined
 */
export function dateValueType(column: Pick<CsvColumn, 'type' | 'valueClass'>): DateValueType | undefined {
  if (column.valueClass !== 'date') return undefined;
  return column.type === 'date' ? 'date' : 'timestamp';
}

/** The largest span of a JavaScript Date: ±8.64e15 ms from the epoch, in seconds. */
const DATE_LIMIT_SECONDS = 8.64e12;

/**
 * Seconds since 1970-01-01 UTC as an ISO 8601 text: a whole UTC day of a `date` column as the day alone
 * (`2026-11-30`), anything else as the instant in UTC with its milliseconds when there are any
 * (`2026-11-30T12:00:00Z`, `2026-11-30T12:00:00.250Z`); undefined beyond the years ±275,760, which
 * a Date cannot show (the number stays in the report).
 *
 * @example isoFromEpochSeconds(1764460800, 'date') // => '2025-11-30'
 * @example isoFromEpochSeconds(1764504000, 'date') // => '2025-11-30T12:00:00Z'
 * @example isoFromEpochSeconds(1764460800.25, 'timestamp') // => '2025-11-30T00:00:00.250Z'
 */
export function isoFromEpochSeconds(seconds: number, type: DateValueType): string | undefined {
  if (!Number.isFinite(seconds) || Math.abs(seconds) > DATE_LIMIT_SECONDS) return undefined;
  const text = new Date(Math.round(seconds * 1000)).toISOString();
  if (type === 'date' && text.endsWith('T00:00:00.000Z')) return text.slice(0, -14);
  return text.endsWith('.000Z') ? `${text.slice(0, -5)}Z` : text;
}

/** Units of a span of time, largest first, for {@link formatSeconds}. */
const SPANS: readonly (readonly [number, string])[] = [
  [86_400, 'd'],
  [3_600, 'h'],
  [60, 'min'],
  [1, 's'],
];

/**
 * A span of seconds (a standard deviation of dates) in the largest unit it reaches, to three
 * significant digits: `3.5 d`, `2 h`, `45 s`, `0.25 s`.
 *
 * @example formatSeconds(302400) // => '3.5 d'
 * @example formatSeconds(7200) // => '2 h'
 * @example formatSeconds(0.25) // => '0.25 s'
 */
export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  const magnitude = Math.abs(seconds);
  const [size, unit] = SPANS.find(([span]) => magnitude >= span) ?? SPANS[SPANS.length - 1]!;
  return `${Number((seconds / size).toPrecision(3))} ${unit}`;
}
