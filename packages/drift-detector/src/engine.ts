import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SqlConnection, UsageError } from '@mlops/core';

/** The engines that run a drift check: the built-in one (in JavaScript), or DuckDB through SQL. */
export const DRIFT_ENGINES = ['js', 'duckdb'] as const;
export type DriftEngine = (typeof DRIFT_ENGINES)[number];

/** The version of @duckdb/node-api this toolkit is tested with (its optional peer dependency). */
export const DUCKDB_VERSION = '1.5.6-r.1';

type DuckdbModule = typeof import('@duckdb/node-api');

/**
 * An in-memory DuckDB as the SQL engine of a drift check: loaded on demand (a 68 MB native package
 * that most users never need, so an optional peer dependency), extensions never downloaded, its
 * memory limited to `maxMemoryBytes` (it spills to a temporary folder beyond).
 *
 * @throws UsageError when @duckdb/node-api is not installed.
 */
export async function openDuckdb(
  maxMemoryBytes: number | undefined,
  load: () => Promise<DuckdbModule> = () => import('@duckdb/node-api'),
): Promise<SqlConnection & { close: () => void }> {
  let duckdb: DuckdbModule;
  try {
    duckdb = await load();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') throw error;
    throw new UsageError(
      `--engine duckdb needs @duckdb/node-api: npm install @duckdb/node-api@${DUCKDB_VERSION}`,
    );
  }
  // Where it spills beyond its memory limit: a folder of its own, removed on close (not `.tmp` in
  // the working folder, DuckDB's default).
  const spill = mkdtempSync(join(tmpdir(), 'mlops-duckdb-'));
  const instance = await duckdb.DuckDBInstance.create(':memory:', {
    temp_directory: spill,
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    ...(maxMemoryBytes === undefined
      ? {}
      : { memory_limit: `${Math.max(1, Math.floor(maxMemoryBytes / 1e6))}MB` }),
  });
  const connection = await instance.connect();
  return {
    run: async (sql) => {
      await connection.run(sql);
    },
    rows: async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJS(),
    close: () => {
      connection.closeSync();
      instance.closeSync();
      rmSync(spill, { recursive: true, force: true });
    },
  };
}
