import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Table, tableFromArrays, tableToIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTable } from '../csv/table-reader.js';
import { datasetBytes } from './dataset.js';
import { duckdb, sqlPath } from './testing/duckdb.js';

// The progress of a typed read: the bytes of the parts read so far against all of them, reported as
// the read goes on (per row group, record batch or 65,536 lines), never decreasing, ending whole.

let folder: string;
const at = (name: string) => join(folder, name);
const fixture = (name: string) => resolve(import.meta.dirname, '../../../../fixtures', name);

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'mlops-progress-'));
  const db = await duckdb();
  try {
    // 100,000 rows in row groups of 10,000: ten row groups per column.
    await db.run(
      `COPY (SELECT i AS a, i * 0.5 AS b, ('c' || (i % 7)) AS s FROM range(100000) r(i)) TO ${sqlPath(at('groups.parquet'))} (FORMAT parquet, ROW_GROUP_SIZE 10000)`,
    );
    mkdirSync(at('parts'));
    for (const part of [0, 1, 2])
      await db.run(
        `COPY (SELECT i AS a FROM range(${part * 1000}, ${part * 1000 + 1000}) r(i)) TO ${sqlPath(at(`parts/part-${part}.parquet`))} (FORMAT parquet)`,
      );
  } finally {
    db.close();
  }
  writeFileSync(
    at('lines.jsonl'),
    Array.from({ length: 140_000 }, (_, index) => `{"x": ${index}, "s": "v${index % 3}"}\n`).join(''),
  );
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Every progress report of reading `path` (as `name`). */
async function reports(path: string, name = path, only?: string[]) {
  const seen: { file: string; read: number; total: number }[] = [];
  await readTable(path, { file: name, ...(only ? { only: new Set(only) } : {}) }, (file, read, total) =>
    seen.push({ file, read, total }),
  );
  return seen;
}

function expectSteady(seen: readonly { read: number; total: number }[], total: number, atLeast: number) {
  expect(seen.length).toBeGreaterThanOrEqual(atLeast);
  for (const report of seen) expect(report.total).toBe(total);
  for (let index = 1; index < seen.length; index += 1)
    expect(seen[index]!.read).toBeGreaterThanOrEqual(seen[index - 1]!.read);
  expect(seen.at(-1)!.read).toBe(total);
  expect(seen[0]!.read).toBeLessThan(total);
}

describe('progress of a typed read', () => {
  it('Parquet: per row group of each column read, in the file bytes', async () => {
    const size = statSync(at('groups.parquet')).size;
    const seen = await reports(at('groups.parquet'), 'groups.parquet');
    // Three columns of ten row groups, and the end of the part.
    expectSteady(seen, size, 30);
    expect(new Set(seen.map((report) => report.file))).toEqual(new Set(['groups.parquet']));
    // One column: its ten row groups spread over the whole file's bytes.
    expectSteady(await reports(at('groups.parquet'), 'groups.parquet', ['b']), size, 10);
  });

  it('a folder of parts: each part adds its bytes', async () => {
    const sizes = [0, 1, 2].map((part) => statSync(at(`parts/part-${part}.parquet`)).size);
    const total = sizes[0]! + sizes[1]! + sizes[2]!;
    expect(datasetBytes(at('parts'), 'parts')).toBe(total);
    const seen = await reports(at('parts'), 'parts');
    expectSteady(seen, total, 3);
    // After each part, its bytes exactly.
    for (const done of [sizes[0]!, sizes[0]! + sizes[1]!, total])
      expect(seen.some((report) => report.read === done)).toBe(true);
  });

  it('Arrow IPC: per record batch', async () => {
    // Four record batches of 1,000 rows.
    const batches = [0, 1, 2, 3].map(
      (batch) =>
        tableFromArrays({ x: Float64Array.from({ length: 1000 }, (_, index) => batch * 1000 + index) })
          .batches[0]!,
    );
    writeFileSync(at('batches.arrow'), tableToIPC(new Table(batches), 'file'));
    const seen = await reports(at('batches.arrow'));
    expectSteady(seen, statSync(at('batches.arrow')).size, 4);
    // A file of one batch: whole at its first report.
    const one = fixture('arrow/polars-types.arrow');
    const size = statSync(one).size;
    for (const report of await reports(one)) expect(report).toEqual({ file: one, read: size, total: size });
  });

  it('JSON Lines: every 65,536 lines, then the whole file', async () => {
    const size = statSync(at('lines.jsonl')).size;
    const seen = await reports(at('lines.jsonl'));
    expectSteady(seen, size, 3);
    expect(seen[0]!.read).toBe(Math.round((65_536 / 140_000) * size));
  });

  it('datasetBytes: a plain file is its size; what cannot be read counts nothing', () => {
    expect(datasetBytes(at('lines.jsonl'), 'lines.jsonl')).toBe(statSync(at('lines.jsonl')).size);
    expect(datasetBytes(at('missing.parquet'), 'missing.parquet')).toBe(0);
    expect(datasetBytes(at('nothing-*.parquet'), 'nothing-*.parquet')).toBe(0);
  });
});
