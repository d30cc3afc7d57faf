import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableHeldBytes } from '../csv/columns.js';
import { readTable } from '../csv/table-reader.js';
import { CSV_SAMPLE_BYTES, estimateTable, TYPED_TEXT_BYTES_PER_ROW } from './estimate.js';
import { duckdb, sqlPath } from './testing/duckdb.js';

let folder: string;
const at = (name: string) => join(folder, name);

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'mlops-estimate-'));
  writeFileSync(at('small.csv'), 'x,k,e\n1.5,a,\n2,b,\n,abc,\n');
  // 100,000 rows of about 20 bytes: 2 MB, twice the sample.
  const rows = Array.from({ length: 100_000 }, (_, i) => `${i * 0.25},${'pq'[i % 2]}${i % 5},${i % 9}`);
  writeFileSync(at('big.csv'), `x,k,n\n${rows.join('\n')}\n`);
  writeFileSync(at('pipe.csv.gz'), 'x');
  const db = await duckdb();
  try {
    await db.run(
      `COPY (SELECT i::DOUBLE AS d, i::BIGINT AS n, ('s' || i % 3) AS s, (i % 2 = 0) AS b, [i] AS l FROM range(1000) r(i)) TO ${sqlPath(at('t.parquet'))} (FORMAT parquet, ROW_GROUP_SIZE 300)`,
    );
  } finally {
    db.close();
  }
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('estimateTable: what the columns will hold, before reading them', () => {
  it('a CSV file within the sample: its exact rows, and the bytes the read holds', async () => {
    const estimate = await estimateTable(at('small.csv'), {});
    expect(estimate?.header).toEqual(['x', 'k', 'e']);
    expect(estimate?.rows).toBe(3);
    // x: two numbers and one missing; k: three distinct texts (2 bytes a code unit, 80 an entry).
    expect(Object.fromEntries(estimate!.columnBytes)).toEqual({
      x: 16,
      k: 3 * 4 + (2 + 80) + (2 + 80) + (6 + 80),
      e: 0,
    });
  });

  it('a CSV file past the sample: the rows extrapolated from its bytes, within 2%', async () => {
    const estimate = await estimateTable(at('big.csv'), {});
    expect(estimate?.rows).toBeGreaterThan(100_000 * 0.98);
    expect(estimate?.rows).toBeLessThan(100_000 * 1.02);
    const table = await readTable(at('big.csv'), {});
    for (const column of table.columns) {
      const held = tableHeldBytes({ ...table, columns: [column] });
      const estimated = estimate!.columnBytes.get(column.name)!;
      // The sample saw k's ten texts only; the extrapolation counts them for every megabyte.
      expect(estimated).toBeGreaterThan(held * 0.95);
    }
    expect(CSV_SAMPLE_BYTES).toBeLessThan(2_000_000);
  });

  it("keeping a column's text counts its codes too", async () => {
    const plain = await estimateTable(at('small.csv'), {});
    const kept = await estimateTable(at('small.csv'), { keepText: new Set(['x']) });
    expect(kept!.columnBytes.get('x')! - plain!.columnBytes.get('x')!).toBe(
      2 * 4 + (2 * 3 + 80) + (2 * 1 + 80),
    );
  });

  it('Parquet: the exact rows from the footers, 8 bytes per number, 4 per boolean, a guess per text', async () => {
    const estimate = await estimateTable(at('t.parquet'), {});
    expect(estimate?.header).toEqual(['d', 'n', 's', 'b', 'l']);
    expect(estimate?.rows).toBe(1000);
    expect(Object.fromEntries(estimate!.columnBytes)).toEqual({
      d: 8000,
      n: 8000,
      s: 1000 * TYPED_TEXT_BYTES_PER_ROW,
      b: 4000,
      l: 0,
    });
  });

  it('no estimate for what cannot be told cheaply or read: a gzipped CSV, a missing file', async () => {
    expect(await estimateTable(at('pipe.csv.gz'), {})).toBeUndefined();
    expect(await estimateTable(at('missing.csv'), {})).toBeUndefined();
    expect(await estimateTable(at('missing.parquet'), {})).toBeUndefined();
  });
});
