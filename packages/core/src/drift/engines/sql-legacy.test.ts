import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../errors.js';
import { mersenneTwister } from '../../stats/index.js';
import { sqlPath } from '../../table/testing/duckdb.js';
import { type DriftRequest, runDriftCheck } from '../detect.js';
import { runSqlDriftCheck } from './sql-legacy.js';
import { duckdbConnection } from './testing/duckdb-connection.js';

let db: Awaited<ReturnType<typeof duckdbConnection>>;
let folder: string;
const at = (name: string) => join(folder, name);

/** Both engines' JSON reports for one request. */
async function both(request: DriftRequest, stdMargin?: number): Promise<[string, string]> {
  const builtIn = JSON.stringify((await runDriftCheck(request)).report);
  const sql = JSON.stringify((await runSqlDriftCheck(request, db, { stdMargin })).report);
  return [builtIn, sql];
}

/** A CSV field, quoted when it must be. */
const field = (text: string) => (/[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/**
 * A pair with what makes cells hard: ties, blanks, NaN and ±inf spellings, extra missing markers,
 * white space (Unicode too) and underscores around numbers, −0, subnormals, huge values, text among
 * numbers, quoted categories with commas and quotes, new and missing categories, a column missing
 * from the current file, one with no value in the current file.
 */
function generatedPair(): { reference: string; current: string } {
  const random = mersenneTwister(15);
  const uniform = () => random.nextUint32() / 2 ** 32;
  const pick = <T>(items: readonly T[]) => items[Math.floor(uniform() * items.length)]!;
  const odd = [
    'nan',
    ' -Inf',
    'NA',
    'null',
    '',
    '  ',
    ' 1_000.5 ',
    '\u30003.25\u3000',
    '-0',
    '1e-320',
    '1e300',
    '-1e300',
    '007',
    '5.',
    '.5',
  ];
  const categories = ['a', 'b', ' a', 'x,y', 'say "hi"', 'é', '😀', 'Z', '10', '10.0'];
  const rows = (count: number, shift: number, side: 'reference' | 'current') => {
    const header = [
      'ties',
      'cont',
      'mixed',
      'cat',
      'catnum',
      'gone',
      'blank_cur',
      side === 'reference' ? 'only_ref' : 'only_cur',
    ];
    const lines = [header.join(',')];
    for (let row = 0; row < count; row++) {
      const cont = uniform() < 0.05 ? pick(odd) : String((uniform() - 0.5) * 100 + shift);
      const mixed =
        uniform() < 0.1 ? pick(['x', 'y', 'n/a']) : String(Math.round(uniform() * 1000) / 10 + shift);
      const cat =
        uniform() < 0.03 ? '' : pick(side === 'reference' ? categories.slice(0, 9) : categories.slice(1));
      lines.push(
        [
          uniform() < 0.02 ? '' : String(Math.floor(uniform() * (10 + shift))),
          cont,
          mixed,
          cat,
          pick(['7', '7.0', '8', ' 9']),
          side === 'reference' ? String(uniform()) : pick(['a', 'b']),
          side === 'reference' ? String(row % 5) : '',
          String(row),
        ]
          .map(field)
          .join(','),
      );
    }
    return `${lines.join('\r\n')}\r\n`;
  };
  return { reference: rows(2000, 0, 'reference'), current: rows(1500, 3, 'current') };
}

beforeAll(async () => {
  db = await duckdbConnection();
  folder = mkdtempSync(join(tmpdir(), 'sql-legacy-'));
  const pair = generatedPair();
  writeFileSync(at('ref.csv'), pair.reference);
  writeFileSync(at('cur.csv'), pair.current);
  // Typed Parquet columns, nulls and non-finite floats included; the current in two part files.
  const typed = (seed: number, shift: number) =>
    `SELECT CASE WHEN i % 17 = 0 THEN NULL ELSE (i * ${seed}) % 23 + ${shift} END::BIGINT AS i64, ` +
    `CASE WHEN i % 29 = 0 THEN 'NaN'::DOUBLE WHEN i % 31 = 0 THEN '-0.0'::DOUBLE WHEN i % 37 = 0 THEN 'inf'::DOUBLE ELSE sin(i * ${seed}) * 10 + ${shift} END AS d, ` +
    `(cos(i) * 3 + ${shift})::FLOAT AS f, ((i * ${seed}) % 1000 / 7 + ${shift})::DECIMAL(10,3) AS dec, ` +
    `CASE WHEN i % 13 = 0 THEN NULL WHEN i % 11 = 0 THEN 'txt' ELSE ((i * ${seed}) % 50)::VARCHAR END AS s, ` +
    `CASE WHEN i % 19 = 0 THEN NULL ELSE (i * ${seed}) % 3 = 0 END AS b, (i % 4)::INTEGER AS code ` +
    `FROM range(${seed === 7 ? 3000 : 2400}) r(i)`;
  await db.run(`COPY (${typed(7, 0)}) TO ${sqlPath(at('ref.parquet'))} (FORMAT parquet)`);
  mkdirSync(at('cur-parts'));
  await db.run(`CREATE TABLE cur_typed AS ${typed(11, 2)}`);
  await db.run(
    `COPY (SELECT * FROM cur_typed LIMIT 1200) TO ${sqlPath(at('cur-parts/part-0.parquet'))} (FORMAT parquet)`,
  );
  await db.run(
    `COPY (SELECT * FROM cur_typed OFFSET 1200) TO ${sqlPath(at('cur-parts/part-1.parquet'))} (FORMAT parquet)`,
  );
});

afterAll(() => {
  db?.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('runSqlDriftCheck (DuckDB): the built-in engine’s report, byte for byte', () => {
  it('a generated pair with ties, blanks, markers, odd numbers and quoted categories', async () => {
    const request: DriftRequest = {
      referencePath: at('ref.csv'),
      currentPath: at('cur.csv'),
      referenceName: 'ref.csv',
      currentName: 'cur.csv',
      naValues: ['NA', 'null'],
      categorical: ['catnum'],
    };
    const [builtIn, sql] = await both(request);
    expect(sql).toBe(builtIn);
    // The pair reaches the cases it is meant to.
    const report = JSON.parse(sql) as { features: { feature: string; reason?: string; data_type: string }[] };
    const reasons = Object.fromEntries(report.features.map((f) => [f.feature, f.reason ?? f.data_type]));
    expect(reasons).toMatchObject({
      ties: 'numeric',
      cont: 'numeric',
      mixed: 'numeric',
      cat: 'categorical',
      catnum: 'categorical',
      gone: 'no numeric values in current',
      blank_cur: 'all values missing in current',
      only_ref: 'column missing in current',
    });
  });

  it('the same when every standard deviation is taken from the sorted values (the fallback)', async () => {
    const [builtIn, sql] = await both({ referencePath: at('ref.csv'), currentPath: at('cur.csv') }, 1);
    expect(sql).toBe(builtIn);
  });

  it('typed Parquet columns (int64, double with NaN/±inf/−0, float, decimal, string, boolean) and a glob of parts', async () => {
    for (const categorical of [undefined, ['code', 'i64', 'f', 'dec']]) {
      const [builtIn, sql] = await both({
        referencePath: at('ref.parquet'),
        currentPath: at('cur-parts/*.parquet'),
        referenceName: 'ref.parquet',
        currentName: 'cur-parts/*.parquet',
        categorical,
      });
      expect(sql).toBe(builtIn);
    }
  });

  it('CSV against Parquet, a threshold and several legacy tests', async () => {
    await db.run(
      `COPY (SELECT * FROM read_csv(${sqlPath(at('ref.csv'))}, all_varchar = true)) TO ${sqlPath(at('ref-text.parquet'))} (FORMAT parquet)`,
    );
    const [builtIn, sql] = await both({
      referencePath: at('ref-text.parquet'),
      currentPath: at('cur.csv'),
      threshold: 0.2,
      columns: ['ties', 'cont', 'cat'],
    });
    expect(sql).toBe(builtIn);
  });

  it('refuses other methods, and formats other than CSV and Parquet', async () => {
    const request = { referencePath: at('ref.csv'), currentPath: at('cur.csv') };
    await expect(runSqlDriftCheck({ ...request, method: 'ks' }, db)).rejects.toThrow(UsageError);
    await expect(runSqlDriftCheck({ ...request, method: 'ks' }, db)).rejects.toThrow(
      'the SQL engine computes the legacy method only, not ks',
    );
    writeFileSync(at('ref.jsonl'), '{"a": 1}\n');
    await expect(runSqlDriftCheck({ ...request, referencePath: at('ref.jsonl') }, db)).rejects.toThrow(
      'the SQL engine reads CSV and Parquet files, not jsonl',
    );
  });
});
