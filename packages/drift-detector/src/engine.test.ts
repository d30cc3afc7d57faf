import { UsageError } from '@mlops/core';
import { describe, expect, it } from 'vitest';
import { DUCKDB_VERSION, openDuckdb } from './engine.js';

describe('openDuckdb', () => {
  it('says how to install @duckdb/node-api when it is missing (an optional peer dependency)', async () => {
    const missing = Object.assign(new Error("Cannot find package '@duckdb/node-api'"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    const attempt = openDuckdb(undefined, () => Promise.reject(missing));
    await expect(attempt).rejects.toThrow(UsageError);
    await expect(openDuckdb(undefined, () => Promise.reject(missing))).rejects.toThrow(
      `--engine duckdb needs @duckdb/node-api: npm install @duckdb/node-api@${DUCKDB_VERSION}`,
    );
  });

  it('passes on any other failure to load it', async () => {
    await expect(openDuckdb(undefined, () => Promise.reject(new Error('broken binary')))).rejects.toThrow(
      'broken binary',
    );
  });

  it('runs SQL within a memory limit', async () => {
    const db = await openDuckdb(512e6);
    try {
      expect(await db.rows("SELECT current_setting('memory_limit') AS limit_")).toEqual([
        { limit_: '488.2 MiB' },
      ]);
    } finally {
      db.close();
    }
  });

  it('pins the version the root package.json develops with', async () => {
    const root = await import('../../../package.json', { with: { type: 'json' } });
    const own = await import('../package.json', { with: { type: 'json' } });
    expect(root.default.devDependencies['@duckdb/node-api']).toBe(DUCKDB_VERSION);
    expect(own.default.peerDependencies['@duckdb/node-api']).toBe(DUCKDB_VERSION);
  });
});
