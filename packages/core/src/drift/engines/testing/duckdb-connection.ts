import { DuckDBInstance } from '@duckdb/node-api';
import type { SqlConnection } from '../sql-legacy.js';

/**
 * An in-memory DuckDB as a {@link SqlConnection}, for tests (the CLI has its own, loaded on demand):
 * nothing downloaded (extension autoloading off).
 */
export async function duckdbConnection(): Promise<SqlConnection & { close: () => void }> {
  const instance = await DuckDBInstance.create(':memory:', {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    threads: '2',
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
    },
  };
}
