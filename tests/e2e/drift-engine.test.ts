import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duckdb, sqlPath } from '../../packages/core/src/table/testing/duckdb.js';
import { type BinResult, hasStackTrace, makeTempDir, ROOT } from '../helpers/bins.js';
import { runInProcess } from '../helpers/in-process.js';

/**
 * `--engine duckdb`: the same stdout, stderr and exit code as the built-in engine for CSV and Parquet
 * pairs, in every output format; one clean line and exit 2 for what it does not do. The program runs
 * in this process (runInProcess: the same code and streams as the built bin, checked against the
 * bins in in-process.test.ts).
 */

const temp = makeTempDir('mlops-engine-');
const at = (name: string) => join(temp.dir, name);
const run = (args: readonly string[]) => runInProcess('drift-detector', args, { cwd: temp.dir });
/** Each of the command lines, one after the other: their results in the same order. */
async function runEach(lines: readonly (readonly string[])[]): Promise<BinResult[]> {
  const results: BinResult[] = [];
  for (const args of lines) results.push(await run(args));
  return results;
}

beforeAll(async () => {
  for (const side of ['reference', 'current'])
    copyFileSync(join(ROOT, 'fixtures/drift', `${side}.csv`), at(`${side}.csv`));
  const db = await duckdb();
  try {
    for (const side of ['reference', 'current'])
      await db.run(
        `COPY (SELECT * FROM read_csv(${sqlPath(at(`${side}.csv`))})) TO ${sqlPath(at(`${side}.parquet`))} (FORMAT parquet)`,
      );
  } finally {
    db.close();
  }
}, 30_000);

afterAll(() => temp.cleanup());

describe('drift-detector --engine duckdb', () => {
  it('prints what the built-in engine prints, with its exit code (CSV and Parquet, JSON and Markdown)', async () => {
    const cases = [
      ['--reference', 'reference.csv', '--current', 'current.csv', '--json'],
      ['--reference', 'reference.parquet', '--current', 'current.parquet', '--format', 'markdown'],
    ];
    const results = await runEach(cases.flatMap((args) => [args, [...args, '--engine', 'duckdb']]));
    for (let index = 0; index < cases.length; index++) {
      const builtIn = results[2 * index]!;
      const sql = results[2 * index + 1]!;
      expect(builtIn.stderr).toBe('');
      expect(sql).toEqual(builtIn);
    }
    expect(results[0]!.code).toBe(1);
    expect(JSON.parse(results[0]!.stdout).features.length).toBeGreaterThan(0);
  }, 30_000);

  it('refuses, in one line with exit 2, what it does not do', async () => {
    const base = ['--reference', 'reference.csv', '--current', 'current.csv'];
    const expected: [string[], RegExp][] = [
      [
        [...base, '--engine', 'duckdb', '--method', 'ks'],
        /^error: the SQL engine computes the legacy method only, not ks \(use the built-in engine for the other methods\)\n$/,
      ],
      [[...base, '--engine', 'duckdb', '--html', 'r.html'], /^error: --html: not with --engine duckdb/],
      [
        ['--reference', 'reference.csv', '--current', 'nope.csv', '--engine', 'duckdb'],
        /^error: nope\.csv: file not found \(check the path\)\n$/,
      ],
    ];
    const results = await runEach(expected.map(([args]) => args));
    results.forEach((result, index) => {
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(expected[index]![1]);
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(hasStackTrace(result.stderr)).toBe(false);
    });
  }, 30_000);
});
