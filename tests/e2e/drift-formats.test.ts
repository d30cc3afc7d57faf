import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pl from 'nodejs-polars';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duckdb, sqlPath } from '../../packages/core/src/table/testing/duckdb.js';
import { type BinResult, hasStackTrace, inParallel, makeTempDir, spawnBin } from '../helpers/bins.js';
import { runInProcess } from '../helpers/in-process.js';
import { seededRandom } from '../helpers/random.js';

/**
 * The same report whatever the format: one dataset pair written as CSV (by this test), as Parquet
 * (by DuckDB, with several codecs and row-group sizes, and by polars), as Arrow IPC (by polars: file,
 * stream, LZ4 and ZSTD buffers) and as JSON Lines (by DuckDB and polars, gzipped or not) gives
 * byte-identical JSON reports, the file names aside. The data has what a feature table has: doubles, integers, float32
 * values (written to CSV as their widened doubles), categories, booleans, number text mixed with text,
 * and missing values.
 */

const ROWS = 3000;
const temp = makeTempDir('mlops-formats-');
const at = (name: string) => join(temp.dir, name);

type Row = Record<string, number | string | boolean | null>;

function rows(seed: number, shift: number): Row[] {
  const next = seededRandom(seed);
  return Array.from({ length: ROWS }, () => {
    const u = next();
    return {
      amount: Number((next() * 100 + shift * 10).toFixed(6)),
      count: Math.floor(next() * 20 + shift * 3),
      ratio: Math.fround(next() * (1 + shift)),
      segment: ['retail', 'smb', 'enterprise', 'gov'][Math.floor(next() * (shift > 0 ? 4 : 3))]!,
      active: next() < 0.5 + shift / 4,
      code: u < 0.6 ? String(Math.floor(next() * 5)) : u < 0.9 ? 'x' : null,
      score: next() < 0.1 ? null : Number((next() * 2 - 1).toFixed(4)),
    };
  });
}

const COLUMNS = ['amount', 'count', 'ratio', 'segment', 'active', 'code', 'score'] as const;
const DUCKDB_TYPES =
  "{'amount': 'DOUBLE', 'count': 'BIGINT', 'ratio': 'FLOAT', 'segment': 'VARCHAR', 'active': 'BOOLEAN', 'code': 'VARCHAR', 'score': 'DOUBLE'}";

const csvCell = (value: Row[string]) => (value === null ? '' : String(value));
const csvText = (data: Row[]) =>
  `${COLUMNS.join(',')}\n${data.map((row) => COLUMNS.map((name) => csvCell(row[name]!)).join(',')).join('\n')}\n`;

/** Parquet variants: [suffix, writer]. */
const PARQUET = [
  ['snappy-rg1000', 'COMPRESSION snappy, ROW_GROUP_SIZE 1000'],
  ['zstd-rg100', 'COMPRESSION zstd, ROW_GROUP_SIZE 100'],
  ['gzip-rg333', 'COMPRESSION gzip, ROW_GROUP_SIZE 333'],
  ['lz4-rg3000', 'COMPRESSION lz4, ROW_GROUP_SIZE 3000'],
  ['brotli-rg2048', 'COMPRESSION brotli, ROW_GROUP_SIZE 2048'],
  ['none-rg100000', 'COMPRESSION uncompressed, ROW_GROUP_SIZE 100000'],
] as const;

beforeAll(async () => {
  const data = { ref: rows(1, 0), cur: rows(2, 0.4) };
  const db = await duckdb();
  try {
    for (const [side, table] of Object.entries(data)) {
      writeFileSync(at(`${side}.csv`), csvText(table));
      const source = `SELECT * FROM read_csv(${sqlPath(at(`${side}.csv`))}, header = true, columns = ${DUCKDB_TYPES}, nullstr = '')`;
      for (const [suffix, options] of PARQUET)
        await db.run(
          `COPY (${source}) TO ${sqlPath(at(`${side}.${suffix}.parquet`))} (FORMAT parquet, ${options})`,
        );
      // Parts: the same rows in three files of a folder, and a Hive-partitioned folder.
      mkdirSync(at(`${side}-parts`));
      for (let part = 0; part < 3; part += 1)
        await db.run(
          `COPY (${source} LIMIT 1000 OFFSET ${part * 1000}) TO ${sqlPath(at(`${side}-parts/part-${part}.parquet`))} (FORMAT parquet)`,
        );
      writeFileSync(at(`${side}-parts/_SUCCESS`), '');
      // JSON Lines by DuckDB, plain and gzipped. JSON has no float32: the widened doubles are written.
      const asDoubles = `SELECT * REPLACE (ratio::DOUBLE AS ratio) FROM (${source})`;
      await db.run(`COPY (${asDoubles}) TO ${sqlPath(at(`${side}.duckdb.ndjson`))} (FORMAT json)`);
      await db.run(
        `COPY (${asDoubles}) TO ${sqlPath(at(`${side}.duckdb.jsonl.gz`))} (FORMAT json, COMPRESSION gzip)`,
      );
      // polars, a second writer: from the CSV with the same types, as Parquet, Arrow IPC (a file,
      // LZ4- and ZSTD-compressed files, a stream) and JSON Lines.
      const frame = pl.readCSV(readFileSync(at(`${side}.csv`)), {
        dtypes: {
          amount: pl.Float64,
          count: pl.Int64,
          ratio: pl.Float32,
          segment: pl.Utf8,
          active: pl.Bool,
          code: pl.Utf8,
          score: pl.Float64,
        },
      });
      frame.writeParquet(at(`${side}.polars.parquet`));
      frame.writeIPC(at(`${side}.arrow`));
      frame.writeIPC(at(`${side}.lz4.feather`), { compression: 'lz4' });
      frame.writeIPC(at(`${side}.zstd.arrow`), { compression: 'zstd' });
      frame.writeIPCStream(at(`${side}.arrows`));
      frame
        .withColumn(pl.col('ratio').cast(pl.Float64))
        .writeJSON(at(`${side}.polars.jsonl`), { format: 'lines' });
    }
  } finally {
    db.close();
  }
}, 60_000);

afterAll(() => temp.cleanup());

/** The report's JSON with the file names replaced by `REF` and `CUR`. */
const normalized = (result: BinResult, ref: string, cur: string) =>
  result.stdout
    .replaceAll(JSON.stringify(ref).slice(1, -1), 'REF')
    .replaceAll(JSON.stringify(cur).slice(1, -1), 'CUR');

// A low alert share, so that the one drifted column fires the gate (exit 1) in every format. The
// bin as a process for the CSV pair and one Parquet pair; the program in this process for the rest
// (tests/e2e/in-process.test.ts holds the two to the same output).
const checkArgs = (ref: string, cur: string) => [
  '--reference',
  ref,
  '--current',
  cur,
  '--json',
  '--drift-share',
  '0.1',
];
const check = (ref: string, cur: string) =>
  spawnBin('drift-detector', checkArgs(ref, cur), { cwd: temp.dir });
const checkHere = (ref: string, cur: string) =>
  runInProcess('drift-detector', checkArgs(ref, cur), { cwd: temp.dir });

describe('the same report whatever the format', () => {
  it('gives the CSV report for every Parquet codec, row-group size and writer, Arrow and JSON Lines, for parts and for mixed pairs', async () => {
    const baseline = await check('ref.csv', 'cur.csv');
    expect(baseline.code).toBe(1);
    expect(baseline.stderr).toBe('');
    const expected = normalized(baseline, 'ref.csv', 'cur.csv');
    expect(JSON.parse(expected).features).toHaveLength(COLUMNS.length);
    const pairs: [string, string][] = [
      ...PARQUET.map(([suffix]): [string, string] => [`ref.${suffix}.parquet`, `cur.${suffix}.parquet`]),
      ['ref.polars.parquet', 'cur.polars.parquet'],
      ['ref-parts', 'cur-parts'],
      ['ref-parts/*.parquet', 'cur-parts/part-*.parquet'],
      ['ref.arrow', 'cur.arrow'],
      ['ref.lz4.feather', 'cur.zstd.arrow'],
      ['ref.arrows', 'cur.arrows'],
      ['ref.duckdb.ndjson', 'cur.duckdb.jsonl.gz'],
      ['ref.polars.jsonl', 'cur.polars.jsonl'],
      ['ref.csv', 'cur.zstd-rg100.parquet'],
      ['ref.polars.parquet', 'cur.csv'],
      ['ref.arrow', 'cur.duckdb.ndjson'],
    ];
    const results: BinResult[] = [await check(...pairs[0]!)];
    for (const [ref, cur] of pairs.slice(1)) results.push(await checkHere(ref, cur));
    expect(results).toHaveLength(pairs.length);
    results.forEach((result, index) => {
      const [ref, cur] = pairs[index]!;
      expect({ pair: pairs[index], code: result.code, stderr: result.stderr }).toEqual({
        pair: pairs[index],
        code: 1,
        stderr: '',
      });
      expect(normalized(result, ref, cur)).toBe(expected);
    });
  });
});

describe('Parquet input in the CLI', () => {
  it('reports a column whose type changed between reference and current, and fails the gate', async () => {
    const db = await duckdb();
    try {
      await db.run(
        `COPY (SELECT i::DOUBLE AS a, i % 3 AS b FROM range(50) r(i)) TO ${sqlPath(at('t-ref.parquet'))} (FORMAT parquet)`,
      );
      await db.run(
        `COPY (SELECT i::VARCHAR AS a, i % 3 AS b FROM range(50) r(i)) TO ${sqlPath(at('t-cur.parquet'))} (FORMAT parquet)`,
      );
    } finally {
      db.close();
    }
    const result = await check('t-ref.parquet', 't-cur.parquet');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    const a = report.features.find((feature: { feature: string }) => feature.feature === 'a');
    expect(a.is_drifted).toBe(true);
    expect(a.reason).toBe('type changed from double in reference to string in current');
    const b = report.features.find((feature: { feature: string }) => feature.feature === 'b');
    expect(b.is_drifted).toBe(false);
  });

  it('ends with one line and exit 2 for a file that is not Parquet, a truncated one and an empty pattern', async () => {
    writeFileSync(at('bad.parquet'), 'a,b\n1,2\n');
    const whole = readFileSync(at('ref.snappy-rg1000.parquet'));
    writeFileSync(at('cut.parquet'), whole.subarray(0, whole.length - 100));
    copyFileSync(at('ref.csv'), at('ref-copy.csv'));
    const cases: [string[], RegExp][] = [
      [
        ['--reference', 'bad.parquet', '--current', 'cur.csv'],
        /^error: bad\.parquet: is not a Parquet file: too short/,
      ],
      [
        ['--reference', 'ref.csv', '--current', 'cut.parquet'],
        /^error: cut\.parquet: is not a readable Parquet file: /,
      ],
      [
        ['--reference', 'none/*.parquet', '--current', 'cur.csv'],
        /^error: none\/\*\.parquet: no file matches this pattern/,
      ],
      [
        ['--reference', 'ref-copy.csv', '--current', 'cur.csv', '--input-format', 'parquet'],
        /^error: ref-copy\.csv: is not a Parquet file: no PAR1 magic number at its start \(check the path, or give the format with --input-format\)/,
      ],
    ];
    const results = await inParallel(cases, 2, ([args]) =>
      spawnBin('drift-detector', args, { cwd: temp.dir }),
    );
    expect(results).toHaveLength(cases.length);
    results.forEach((result, index) => {
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(cases[index]![1]);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(hasStackTrace(result.stderr)).toBe(false);
    });
  });
});
