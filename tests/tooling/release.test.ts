import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  compareVersions,
  ReleaseError,
  release,
  releaseChangelog,
  releaseEdits,
  workspacePackages,
} from '../../scripts/release.mjs';
import { makeTempDir, ROOT } from '../helpers/bins.js';

/**
 * scripts/release.mjs without npm: the version arithmetic, the changelog, the files a release
 * rewrites (computed on a copy of the repository's manifests and docs) and its refusals. The dry run
 * with `npm publish --dry-run` is in tests/package/release.test.ts (npm run test:package).
 */
const SCRIPT = join(ROOT, 'scripts/release.mjs');
const { version: CURRENT } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const temp = makeTempDir('mlops-release-');
/** A copy of what a release reads: the manifests, the lock file, the docs, the changelog. */
const copy = join(temp.dir, 'repo');

beforeAll(() => {
  mkdirSync(copy);
  for (const file of ['package.json', 'package-lock.json', 'README.md', 'CHANGELOG.md'])
    cpSync(join(ROOT, file), join(copy, file));
  cpSync(join(ROOT, 'docs'), join(copy, 'docs'), {
    recursive: true,
    filter: (path) => !path.endsWith('.png'),
  });
  mkdirSync(join(copy, 'ci', 'gitlab'), { recursive: true });
  cpSync(join(ROOT, 'ci/gitlab/mlops.gitlab-ci.yml'), join(copy, 'ci/gitlab/mlops.gitlab-ci.yml'));
  for (const dir of readdirSync(join(ROOT, 'packages'))) {
    mkdirSync(join(copy, 'packages', dir), { recursive: true });
    for (const file of ['package.json', 'README.md'])
      cpSync(join(ROOT, 'packages', dir, file), join(copy, 'packages', dir, file));
  }
});
afterAll(() => temp.cleanup());

function runRelease(args: string[]) {
  return spawnSync(process.execPath, [SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8' });
}

describe('compareVersions', () => {
  it.each([
    ['1.0.0', '1.0.0', 0],
    ['1.0.1', '1.0.0', 1],
    ['0.10.0', '0.9.9', 1],
    ['2.0.0', '10.0.0', -1],
    ['1.0.0-rc.1', '1.0.0', -1],
    ['1.0.0-rc.2', '1.0.0-rc.10', -1],
    ['1.0.0-alpha', '1.0.0-alpha.1', -1],
    ['1.0.0-alpha.beta', '1.0.0-alpha.1', 1],
    ['1.0.0-beta', '1.0.0-alpha', 1],
  ])('%s vs %s: %i', (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected);
    expect(compareVersions(b, a)).toBe(-expected || 0);
  });
});

describe('releaseChangelog', () => {
  const text = '# Changelog\n\nIntro.\n\n## Unreleased\n\n- one\n- two\n\n## 0.1.0 (2026-01-02)\n\n- first\n';

  it('moves the Unreleased items under the version and leaves Unreleased empty', () => {
    expect(releaseChangelog(text, '0.2.0', '2026-12-01')).toBe(
      '# Changelog\n\nIntro.\n\n## Unreleased\n\n## 0.2.0 (2026-12-01)\n\n- one\n- two\n\n## 0.1.0 (2026-01-02)\n\n- first\n',
    );
    expect(releaseChangelog('## Unreleased\n- only\n', '1.0.0', 'D')).toBe(
      '## Unreleased\n\n## 1.0.0 (D)\n\n- only\n',
    );
  });

  it('refuses an empty Unreleased section, or none', () => {
    const released = releaseChangelog(text, '0.2.0', '2026-12-01');
    expect(() => releaseChangelog(released, '0.3.0', '2026-12-02')).toThrow(/nothing under "## Unreleased"/);
    expect(() => releaseChangelog('# Changelog\n', '0.3.0', 'D')).toThrow(/no "## Unreleased" section/);
  });
});

describe('releaseEdits', () => {
  it('lists the packages in dependency order', () => {
    const order = workspacePackages(copy).map((pkg) => pkg.manifest.name);
    expect(order.indexOf('@mlops/core')).toBeLessThan(order.indexOf('@mlops/cli-kit'));
    expect(order.indexOf('@mlops/cli-kit')).toBeLessThan(order.indexOf('@mlops/drift-detector'));
    expect(order.at(-1)).toBe('@mlops/cli');
    expect(order).toHaveLength(6);
  });

  it('bumps every manifest and the lock file, pins the siblings, and the docs pins', () => {
    const { current, edits } = releaseEdits(copy, '0.2.0', '2026-12-01');
    expect(current).toBe(CURRENT);
    expect(JSON.parse(edits.get('package.json')!).version).toBe('0.2.0');
    const manifests = [...edits.keys()].filter((path) => /^packages\/[^/]+\/package\.json$/.test(path));
    expect(manifests).toHaveLength(6);
    let pins = 0;
    for (const path of manifests) {
      const manifest = JSON.parse(edits.get(path)!);
      expect(manifest.version, path).toBe('0.2.0');
      for (const [name, range] of Object.entries(manifest.dependencies ?? {})) {
        if (name.startsWith('@mlops/')) {
          expect(range, `${path} ${name}`).toBe('0.2.0');
          pins++;
          // Other packages keep their range: a caret, or an exact version where exactness is tested
          // against that version's behaviour (the table readers).
        } else expect(range, `${path} ${name}`).toMatch(/^\^?\d+\.\d+\.\d+$/);
      }
      // Nothing but the version and the pins changes.
      const before = JSON.parse(readFileSync(join(copy, path), 'utf8'));
      expect(Object.keys(manifest)).toEqual(Object.keys(before));
      expect({ ...manifest, version: before.version, dependencies: before.dependencies }).toEqual(before);
    }
    expect(pins).toBeGreaterThanOrEqual(10);
    const lock = JSON.parse(edits.get('package-lock.json')!);
    expect(lock.packages[''].version).toBe('0.2.0');
    expect(lock.packages['packages/mlops'].version).toBe('0.2.0');
    expect(lock.packages['packages/mlops'].dependencies['@mlops/drift-detector']).toBe('0.2.0');
    expect(lock.packages['node_modules/commander'].version).toBe(
      JSON.parse(readFileSync(join(copy, 'package-lock.json'), 'utf8')).packages['node_modules/commander']
        .version,
    );
    const readme = edits.get('packages/mlops/README.md')!;
    expect(readme).toContain('@mlops/cli@0.2.0');
    expect(readme).not.toContain(`@mlops/cli@${CURRENT}`);
    // The GitLab CI template installs the pinned version.
    expect(edits.get('ci/gitlab/mlops.gitlab-ci.yml')).toContain('MLOPS_CLI_PACKAGE: "@mlops/cli@0.2.0"');
    expect(edits.get('CHANGELOG.md')).toMatch(/^## Unreleased\n\n## 0\.2\.0 \(2026-12-01\)\n\n(- |### )/m);
  });

  it('refuses a version that is not above the current one, or no version at all', () => {
    expect(() => releaseEdits(copy, CURRENT, 'D')).toThrow(ReleaseError);
    expect(() => releaseEdits(copy, '0.0.1', 'D')).toThrow(/not above the current version/);
    expect(() => releaseEdits(copy, 'v1.0.0', 'D')).toThrow(/not a version: v1\.0\.0/);
  });

  it('a real release refuses a work tree with changes, before writing anything', () => {
    expect(spawnSync('git', ['init', '-q', copy]).status).toBe(0);
    writeFileSync(join(copy, 'stray.txt'), 'x');
    const before = readFileSync(join(copy, 'package.json'), 'utf8');
    expect(() => release({ version: '0.2.0', dryRun: false, root: copy, log: () => {} })).toThrow(
      /the work tree has changes/,
    );
    expect(readFileSync(join(copy, 'package.json'), 'utf8')).toBe(before);
  });
});

describe('the command line', () => {
  it.each([
    [['--dry-run'], /give one version/],
    [['--dry-run', 'banana'], /not a version: banana/],
    [['--dry-run', CURRENT], /\S+ is not above the current version/],
    [['--dry-run', '--frobnicate', '9.0.0'], /unknown option --frobnicate/],
  ])('%j: exit 2, one error line', (args, message) => {
    const result = runRelease(args);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(new RegExp(`^error: ${message.source}`));
  });
});
