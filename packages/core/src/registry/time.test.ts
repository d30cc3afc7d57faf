import { describe, expect, it } from 'vitest';
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
