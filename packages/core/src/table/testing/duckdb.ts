import { DuckDBInstance } from '@duckdb/node-api';

/**
 * DuckDB (a writer independent of the reader under test) for tests that write Parquet and CSV files:
 * one in-memory database, nothing downloaded (extension autoloading off).
 */
export async function duckdb(): Promise<{ run: (sql: string) => Promise<void>; close: () => void }> {
  const instance = await DuckDBInstance.create(':memory:', {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    threads: '1',
  });
  const connection = await instance.connect();
  return {
    run: async (sql: string) => {
      await connection.run(sql);
    },
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** A path as a SQL string literal. */
export const sqlPath = (path: string): string => `'${path.replaceAll("'", "''")}'`;
