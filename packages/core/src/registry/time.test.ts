import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../../../../tests/helpers/runs.js';
import { isRegistryTimestamp, parseRegistryTimestamp, registryInstant, registryTimestamp } from './time.js';

describe('parseRegistryTimestamp', () => {
  it.each([
    ['2026-11-27T05:12:25Z', Date.UTC(2026, 10, 27, 5, 12, 25)],
    ['2026-11-27T05:12:25.123Z', Date.UTC(2026, 10, 27, 5, 12, 25, 123)],
    ['2026-11-27T05:12:25.1Z', Date.UTC(2026, 10, 27, 5, 12, 25, 100)],
    ['2026-11-27T05:12:25.123456789Z', Date.UTC(2026, 10, 27, 5, 12, 25, 123)],
    ['2026-11-27T06:12:25+01:00', Date.UTC(2026, 10, 27, 5, 12, 25)],
    ['2026-11-27T00:12:25-05:00', Date.UTC(2026, 10, 27, 5, 12, 25)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
    ['0050-01-01T00:00:00Z', Date.parse('0050-01-01T00:00:00Z')],
  ])('%s is an instant', (text, expected) => {
    expect(parseRegistryTimestamp(text)).toBe(expected);
    expect(isRegistryTimestamp(text)).toBe(true);
  });

  it('reads a timestamp without a zone (the legacy form) as local time, like Date.parse', () => {
    for (const text of ['2026-11-27T05:12:25', '2026-07-01T23:59:59.5', '2026-03-29T02:30:00']) {
      expect(parseRegistryTimestamp(text)).toBe(Date.parse(text));
    }
  });

  it.each([
    '',
    '2026-11-27',
    '2026-11-27 05:12:25',
    '2026-11-27T05:12',
    '2026-02-29T00:00:00Z',
    '2026-02-30T00:00:00',
    '2026-13-01T00:00:00',
    '2026-00-01T00:00:00',
    '2026-11-31T00:00:00',
    '2026-11-27T24:00:00Z',
    '2026-11-27T05:60:00Z',
    '2026-11-27T05:12:60Z',
    '2026-11-27T05:12:25.Z',
    '2026-11-27T05:12:25.1234567890Z',
    '2026-11-27T05:12:25+0100',
    '2026-11-27T05:12:25+24:00',
    '2026-11-27T05:12:25z',
    '2026-11-27T05:12:25Z ',
    'Nov 27 2026 05:12:25',
    '+02026-11-27T05:12:25Z',
  ])('%j is not a registry timestamp', (text) => {
    expect(parseRegistryTimestamp(text)).toBeNaN();
    expect(isRegistryTimestamp(text)).toBe(false);
  });

  it('agrees with Date.parse on every valid timestamp with a zone', () => {
    for (let day = 0; day < 800; day += 7) {
      const text = new Date(Date.UTC(2025, 0, 1) + day * 86_400_000 + day * 1234567).toISOString();
      expect(parseRegistryTimestamp(text)).toBe(Date.parse(text));
    }
  });
});

describe('registryTimestamp and registryInstant', () => {
  it('writes ISO-8601 UTC with milliseconds and Z, which reads back', () => {
    const now = new Date(Date.UTC(2026, 10, 27, 5, 12, 25, 7));
    expect(registryTimestamp(now)).toBe('2026-11-27T05:12:25.007Z');
    expect(registryInstant(registryTimestamp(now))).toBe(now.getTime());
  });

  it('throws on something the schema would not have let through', () => {
    expect(() => registryInstant('yesterday')).toThrow(RangeError);
  });
});

/** An independent reading of the accepted form: a regular expression and the Date constructors. */
function reference(text: string): number {
  const match =
    /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|([+-])(\d{2}):(\d{2}))?$/.exec(text);
  if (!match) return Number.NaN;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const milliseconds = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3));
  const check = new Date(Date.UTC(2000, month - 1, day));
  check.setUTCFullYear(year);
  if (month < 1 || month > 12 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59)
    return Number.NaN;
  if (match[8] === undefined) {
    const local = new Date(2000, month - 1, day, hour, minute, second, milliseconds);
    local.setFullYear(year);
    return local.getTime();
  }
  const offsetHours = Number(match[10] ?? 0);
  const offsetMinutes = Number(match[11] ?? 0);
  if (offsetHours > 23 || offsetMinutes > 59) return Number.NaN;
  const utc = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, milliseconds));
  utc.setUTCFullYear(year);
  return utc.getTime() - (match[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
}

describe('parseRegistryTimestamp against an independent reading', () => {
  const seeds = [
    '2026-11-27T05:12:25.123Z',
    '2026-11-27T05:12:25',
    '2024-02-29T23:59:59.9+05:30',
    '0099-12-31T00:00:00Z',
  ];
  const alphabet = '0123456789-:TZ.+ a';
  it('agrees on timestamps with one or two characters changed, added or removed', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...seeds),
        fc.array(
          fc.tuple(fc.nat(30), fc.constantFrom(...alphabet), fc.constantFrom('replace', 'insert', 'delete')),
          {
            maxLength: 2,
          },
        ),
        (seed, edits) => {
          let text = seed;
          for (const [at, char, kind] of edits) {
            const index = at % (text.length + 1);
            if (kind === 'replace') text = text.slice(0, index) + char + text.slice(index + 1);
            else if (kind === 'insert') text = text.slice(0, index) + char + text.slice(index);
            else text = text.slice(0, index) + text.slice(index + 1);
          }
          const expected = reference(text);
          if (Number.isNaN(expected)) expect(parseRegistryTimestamp(text)).toBeNaN();
          else expect(parseRegistryTimestamp(text)).toBe(expected);
          expect(isRegistryTimestamp(text)).toBe(!Number.isNaN(expected));
        },
      ),
      { numRuns: propertyRuns(5000) },
    );
  });

  it('agrees on every day of four years, in both common forms', () => {
    for (let day = 0; day < 4 * 366; day++) {
      const iso = new Date(Date.UTC(2023, 0, 1) + day * 86_400_000 + (day % 86_400) * 1001).toISOString();
      expect(parseRegistryTimestamp(iso)).toBe(reference(iso));
      expect(parseRegistryTimestamp(iso.slice(0, 19))).toBe(reference(iso.slice(0, 19)));
    }
  });
});
