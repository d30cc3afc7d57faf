import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDriftCheck } from '../detect.js';
import { runSqlDriftCheck } from './sql-legacy.js';
import { duckdbConnection } from './testing/duckdb-connection.js';

// The drift fixtures, each through both engines: the SQL engine's JSON report is the built-in one's.
const fixtures = fileURLToPath(new URL('../../../../../fixtures/drift/', import.meta.url));
const FOLDERS = [
  '.',
  'huge-values',
  'legacy-boundaries',
  'legacy/categorical_new_levels',
  'legacy/missing_and_mixed',
  'legacy/no_drift',
  'legacy/numeric_shift',
  'methods/ks_asymp_10001',
  'methods/ks_exact_10000',
  'methods/large',
  'methods/small',
];

let db: Awaited<ReturnType<typeof duckdbConnection>>;
beforeAll(async () => {
  db = await duckdbConnection();
});
afterAll(() => db?.close());

describe('runSqlDriftCheck (DuckDB) on fixtures/drift', () => {
  it.each(FOLDERS)('%s', async (name) => {
    const request = {
      referencePath: join(fixtures, name, 'reference.csv'),
      currentPath: join(fixtures, name, 'current.csv'),
    };
    const builtIn = JSON.stringify((await runDriftCheck(request)).report);
    const sql = JSON.stringify((await runSqlDriftCheck(request, db)).report);
    expect(sql).toBe(builtIn);
  });
});
