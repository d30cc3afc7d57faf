import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { releaseEdits } from '../../scripts/release.mjs';
import { ROOT } from '../helpers/bins.js';

/**
 * `npm run release -- --dry-run <version>` on the repository itself: it bumps, writes the changelog
 * entry and runs `npm publish --dry-run` for every package on a temporary copy, and leaves the work
 * tree exactly as it was. (`--offline`: npm then does not ask the registry whether the version exists.)
 */
describe('release --dry-run', () => {
  it('shows the new version of every package and the changelog entry, and changes nothing', () => {
    const { current, edits } = releaseEdits(ROOT, '99.0.0', '2026-12-01');
    const files = [...edits.keys()];
    const snapshot = () => ({
      status: spawnSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' }).stdout,
      files: Object.fromEntries(files.map((path) => [path, readFileSync(join(ROOT, path), 'utf8')])),
    });
    const before = snapshot();
    const result = spawnSync(
      process.execPath,
      [join(ROOT, 'scripts/release.mjs'), '--dry-run', '--offline', '99.0.0'],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    expect(result.stderr.replace(/^npm (warn|notice) .*\n/gm, '')).toBe('');
    expect(result.status).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe(`dry run: release ${current} → 99.0.0`);
    expect(lines[1]).toBe(`files changed: ${files.join(', ')}`);
    expect(lines).toContain(`## 99.0.0 (${new Date().toISOString().slice(0, 10)})`);
    const published = lines.filter((line) => /^ {2}@mlops\//.test(line));
    expect(published.map((line) => line.trim().split(':')[0]).sort()).toEqual([
      '@mlops/cli-kit@99.0.0',
      '@mlops/cli@99.0.0',
      '@mlops/core@99.0.0',
      '@mlops/drift-detector@99.0.0',
      '@mlops/model-registry@99.0.0',
      '@mlops/pipeline-validator@99.0.0',
    ]);
    for (const line of published)
      expect(line).toMatch(/: \d+\.\d kB packed, \d+\.\d kB unpacked, \d+ files$/);
    expect(lines.at(-2)).toMatch(/^nothing was written/);
    expect(snapshot()).toEqual(before);
  }, 120_000);
});
