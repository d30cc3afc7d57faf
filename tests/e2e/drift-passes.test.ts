import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duckdb, sqlPath } from '../../packages/core/src/table/testing/duckdb.js';
import { type BinResult, inParallel, makeTempDir, spawnBin } from '../helpers/bins.js';
import { seededRandom } from '../helpers/random.js';

/**
 * A budget too small for every column at once: the check reads its columns in passes, and what it
 * prints (the JSON report, Markdown, the HTML page with its charts) is byte for byte what one pass
 * gives, for CSV (each pass reads the file again) and for Parquet (each pass reads its columns).
 */

const ROWS = 20_000;
const temp = makeTempDir('mlops-passes-');
const at = (name: string) => join(temp.dir, name);

// Numbers, integers with blanks, categories, a categorical column holding numbers (read again with
// its text), and a column the current file lacks (not scored).
const COLUMNS = ['amount', 'count', 'segment', 'code', 'legacy_flag'] as const;
const DUCKDB_TYPES =
  "{'amount': 'DOUBLE', 'count': 'BIGINT', 'segment': 'VARCHAR', 'code': 'VARCHAR', 'legacy_flag': 'DOUBLE'}";

function csvText(seed: number, shift: number, withLegacy: boolean): string {
  const next = seededRandom(seed);
  const names = withLegacy ? COLUMNS : COLUMNS.filter((name) => name !== 'legacy_flag');
  const lines = [names.join(',')];
  for (let row = 0; row < ROWS; row += 1) {
    const u = next();
    const cells = [
      (next() * 100 + shift * 10).toFixed(4),
      next() < 0.05 ? '' : String(Math.floor(next() * 20 + shift * 3)),
      ['retail', 'smb', 'enterprise', 'gov'][Math.floor(next() * (shift > 0 ? 4 : 3))]!,
      u < 0.6 ? String(Math.floor(next() * 5)) : u < 0.9 ? 'x' : '',
      ...(withLegacy ? [String(Math.floor(next() * 2))] : []),
    ];
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}

beforeAll(async () => {
  writeFileSync(at('ref.csv'), csvText(1, 0, true));
  writeFileSync(at('cur.csv'), csvText(2, 0.4, false));
  const db = await duckdb();
  try {
    for (const side of ['ref', 'cur']) {
      const types = side === 'ref' ? DUCKDB_TYPES : DUCKDB_TYPES.replace(", 'legacy_flag': 'DOUBLE'", '');
      await db.run(
        `COPY (SELECT * FROM read_csv(${sqlPath(at(`${side}.csv`))}, header = true, columns = ${types}, nullstr = '')) TO ${sqlPath(at(`${side}.parquet`))} (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 7000)`,
      );
    }
  } finally {
    db.close();
  }
});
afterAll(() => temp.cleanup());

interface Run {
  format: 'csv' | 'parquet';
  output: 'json' | 'markdown';
  budget?: string;
}

const label = (run: Run) => `${run.format}-${run.output}-${run.budget ?? 'default'}`;

function drift(run: Run): Promise<BinResult> {
  return spawnBin(
    'drift-detector',
    [
      '--reference',
      `ref.${run.format}`,
      '--current',
      `cur.${run.format}`,
      '--format',
      run.output,
      '--html',
      `${label(run)}.html`,
      '--debug',
      ...(run.budget === undefined ? [] : ['--max-memory', run.budget]),
    ],
    // One date on every HTML page (reproducible builds' convention).
    { cwd: temp.dir, env: { SOURCE_DATE_EPOCH: '1764547200' } },
  );
}

describe('a budget too small for every column at once: passes, and the same output as one pass', () => {
  it('five passes (one column each under 20 MB): byte-identical JSON (CSV), Markdown (Parquet) and HTML', async () => {
    // The text and Markdown reports are formatted from the report alone; the HTML page also holds
    // every column's chart data, drawn while its pass held the data.
    const runs: Run[] = [
      { format: 'csv', output: 'json' },
      { format: 'csv', output: 'json', budget: '20MB' },
      { format: 'parquet', output: 'markdown' },
      { format: 'parquet', output: 'markdown', budget: '20MB' },
    ];
    const results = await inParallel(runs, 2, drift);
    for (const result of results) expect(result.code).toBe(1);
    const html = (run: Run) => readFileSync(at(`${label(run)}.html`), 'utf8');
    for (const pair of [0, 2]) {
      const [one, passes] = [results[pair]!, results[pair + 1]!];
      // One pass by default (half of the machine's memory holds these files); five under 20 MB: one
      // column at a time, as the read's buffers alone take most of a file's share.
      expect(one.stderr).not.toContain('passes');
      expect(passes.stderr).toContain(
        'debug: the columns were read in 5 passes, as the memory budget of 20 MB cannot hold them all at once\n',
      );
      expect(passes.stdout).toBe(one.stdout);
      expect(html(runs[pair + 1]!)).toBe(html(runs[pair]!));
    }
    const report = JSON.parse(results[0]!.stdout) as { features: { feature: string; scored: boolean }[] };
    expect(report.features.map((feature) => feature.feature).sort()).toEqual([...COLUMNS].sort());
    expect(report.features.find((feature) => feature.feature === 'legacy_flag')?.scored).toBe(false);
    expect(results[2]!.stdout).toContain('legacy_flag');
    expect(html(runs[0]!)).toContain('enterprise');
  });
});
