import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duckdb, sqlPath } from '../table/testing/duckdb.js';
import { dateValueType, formatSeconds, isoFromEpochSeconds } from './dates.js';
import { runDriftCheck } from './detect.js';

describe('isoFromEpochSeconds', () => {
  it.each([
    // Expected texts from Python: datetime.fromtimestamp(s, timezone.utc).isoformat()
    [1793491200, 'date', '2026-11-01'],
    [1793880000, 'date', '2026-11-05T12:00:00Z'],
    [1793880000, 'timestamp', '2026-11-05T12:00:00Z'],
    [1793491200, 'timestamp', '2026-11-01T00:00:00Z'],
    [1793507400.5, 'timestamp', '2026-11-01T04:30:00.500Z'],
    [0, 'date', '1970-01-01'],
    [-86400, 'date', '1969-12-31'],
    [8.64e12, 'timestamp', '+275760-09-13T00:00:00Z'],
  ] as const)('%d as a %s is %s', (seconds, type, text) => {
    expect(isoFromEpochSeconds(seconds, type)).toBe(text);
  });

  it('gives none beyond what a date can show, and for NaN', () => {
    expect(isoFromEpochSeconds(8.64e12 + 1, 'timestamp')).toBeUndefined();
    expect(isoFromEpochSeconds(Number.NaN, 'date')).toBeUndefined();
  });
});

describe('formatSeconds', () => {
  it.each([
    [261588.9906, '3.03 d'],
    [302400, '3.5 d'],
    [7200, '2 h'],
    [90, '1.5 min'],
    [45, '45 s'],
    [0.25, '0.25 s'],
    [0, '0 s'],
  ])('%d s is %s', (seconds, text) => {
    expect(formatSeconds(seconds)).toBe(text);
  });
});

describe('dateValueType', () => {
  it('is date for a date, timestamp for an instant, none otherwise', () => {
    expect(dateValueType({ type: 'date', valueClass: 'date' })).toBe('date');
    expect(dateValueType({ type: 'timestamp[nanos]', valueClass: 'date' })).toBe('timestamp');
    expect(dateValueType({ type: 'int64', valueClass: 'number' })).toBeUndefined();
    expect(dateValueType({})).toBeUndefined();
  });
});

describe('a check of date and timestamp columns', () => {
  let folder: string;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'mlops-dates-'));
    const db = await duckdb();
    // Ten days from 2026-11-01 (and ten hours, half a second past each), then the same ten days later.
    const write = (name: string, start: string) =>
      db.run(
        `COPY (SELECT (DATE '${start}' + i::INTEGER)::DATE AS day,
                      TIMESTAMP '${start} 00:00:00.5' + i * INTERVAL 1 HOUR AS seen,
                      i AS n
               FROM range(10) t(i)) TO ${sqlPath(join(folder, name))} (FORMAT parquet)`,
      );
    await write('reference.parquet', '2026-11-01');
    await write('current.parquet', '2026-11-21');
    db.close();
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('compares them as seconds and reports their means as dates too', async () => {
    const { report } = await runDriftCheck({
      referencePath: join(folder, 'reference.parquet'),
      currentPath: join(folder, 'current.parquet'),
    });
    const byName = Object.fromEntries(report.features.map((feature) => [feature.feature, feature]));
    // numpy: mean([1793491200 + 86400 * i for i in range(10)]) = 1793880000;
    // statistics.stdev of the same = 261588.99059402326 (rounded to 4 places in the report)
    expect(byName.day).toMatchObject({
      value_type: 'date',
      ref_mean: 1793880000,
      cur_mean: 1795608000,
      ref_mean_iso: '2026-11-05T12:00:00Z',
      cur_mean_iso: '2026-11-25T12:00:00Z',
      ref_std: 261588.9906,
      is_drifted: true,
    });
    expect(byName.seen).toMatchObject({
      value_type: 'timestamp',
      ref_mean: 1793507400.5,
      ref_mean_iso: '2026-11-01T04:30:00.500Z',
      cur_mean_iso: '2026-11-21T04:30:00.500Z',
    });
    // A number column carries none of it.
    expect(Object.keys(byName.n!)).not.toContain('value_type');
    expect(Object.keys(byName.n!)).not.toContain('ref_mean_iso');
  });

  it('names the type of a date column forced to categories nowhere', async () => {
    const { report } = await runDriftCheck({
      referencePath: join(folder, 'reference.parquet'),
      currentPath: join(folder, 'current.parquet'),
      categorical: ['day'],
    });
    const day = report.features.find((feature) => feature.feature === 'day')!;
    expect(day.data_type).toBe('categorical');
    expect(day.value_type).toBeUndefined();
  });
});
