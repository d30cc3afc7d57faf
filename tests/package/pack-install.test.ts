import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packAndInstall, type Tarball } from '../../scripts/pack-install.mjs';
import { BINS, type BinName, cleanEnv, hasStackTrace, makeTempDir, ROOT, runBin } from '../helpers/bins.js';

/**
 * The packages as a user gets them: `npm pack` of every workspace, `npm install` of the tarballs into an
 * empty project outside the repository (from npm's cache, see scripts/pack-install.mjs), then every bin
 * of that install run on the fixtures, and compared with the same bin run from the clone.
 */
const temp = makeTempDir('mlops-pack-install-');
let tarballs: Tarball[];
let project: string;
/** A folder with a copy of fixtures/, where the installed bins run. */
let work: string;
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

beforeAll(() => {
  ({ tarballs, project } = packAndInstall(temp.dir));
  work = join(temp.dir, 'work');
  cpSync(join(ROOT, 'fixtures'), join(work, 'fixtures'), { recursive: true });
}, 120_000);
afterAll(() => temp.cleanup());

/** Runs an installed bin the way a shell would: the file in node_modules/.bin, through its #! line. */
function installed(name: BinName, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(join(project, 'node_modules/.bin', name), args, {
    cwd: work,
    env: cleanEnv({ ...env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}` }),
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (result.error) throw result.error;
  return { stdout: result.stdout, stderr: result.stderr, code: result.status };
}

/** The same bin run from the clone, in the same folder. */
function fromClone(name: BinName, args: string[], env: Record<string, string> = {}) {
  return runBin(name, args, { cwd: work, env });
}

const PACKAGES = [
  '@mlops/cli',
  '@mlops/cli-kit',
  '@mlops/core',
  '@mlops/drift-detector',
  '@mlops/model-registry',
  '@mlops/pipeline-validator',
];

describe('the tarballs', () => {
  it('one per package, holding only the manifest, the README, bin/ and built dist/ files', () => {
    expect(tarballs.map((tarball) => tarball.name).sort()).toEqual(PACKAGES);
    for (const tarball of tarballs) {
      expect(tarball.version).toBe(version);
      expect(tarball.paths).toContain('package.json');
      expect(tarball.paths).toContain('README.md');
      for (const path of tarball.paths) {
        expect(path, tarball.name).toMatch(
          /^(package\.json|README\.md|bin\/[a-z-]+\.js|dist\/.+\.(js|d\.ts))$/,
        );
        expect(path, tarball.name).not.toMatch(/\.test\.|\/testing\/|\/fixtures\//);
      }
      // Source maps doubled the size of each: 929 kB for @mlops/cli. The bins and the CSV worker
      // bundle the table readers (apache-arrow, hyparquet and its compressors: about 500 kB minified
      // of the drift bin's 516 kB tarball, measured 2026-12-02; the worker and the bin each carry
      // them), so the bound is 700 kB.
      expect(tarball.size, tarball.name).toBeLessThan(700_000);
    }
  });

  it('manifests pin their siblings to this exact version, and declare what a registry shows', () => {
    for (const name of PACKAGES) {
      const manifest = JSON.parse(readFileSync(join(project, 'node_modules', name, 'package.json'), 'utf8'));
      expect(manifest.license, name).toBe('MIT');
      expect(manifest.engines, name).toEqual({ node: '>=20.11' });
      expect(manifest.repository?.directory, name).toMatch(/^packages\/[a-z-]+$/);
      // A scoped package is published private unless it says otherwise.
      expect(manifest.publishConfig, name).toEqual({ access: 'public' });
      for (const [dependency, range] of Object.entries(manifest.dependencies ?? {}))
        if (dependency.startsWith('@mlops/')) expect(range, `${name} → ${dependency}`).toBe(version);
      // Every export a consumer can resolve (all conditions but the repository's own) exists.
      for (const [subpath, conditions] of Object.entries(
        manifest.exports as Record<string, Record<string, string>>,
      ))
        for (const [condition, target] of Object.entries(conditions))
          if (condition !== 'mlops-source')
            expect(
              existsSync(join(project, 'node_modules', name, target)),
              `${name} ${subpath} ${condition}`,
            ).toBe(true);
    }
  });
});

describe('the install', () => {
  it('links the four bins of @mlops/cli', () => {
    for (const name of Object.keys(BINS)) {
      const link = join(project, 'node_modules/.bin', name);
      expect(readlinkSync(link), name).toBe(`../@mlops/cli/bin/${name}.js`);
      expect(realpathSync(link).startsWith(realpathSync(project)), name).toBe(true);
    }
  });

  it('--version: every bin prints the version', () => {
    for (const name of Object.keys(BINS) as BinName[])
      expect(installed(name, ['--version']), name).toEqual({ stdout: `${version}\n`, stderr: '', code: 0 });
  });

  it('drift: the sample files drifted (exit 1), as from the clone, in worker threads or not', () => {
    const args = ['--reference', 'fixtures/drift/reference.csv', '--current', 'fixtures/drift/current.csv'];
    const expected = fromClone('drift-detector', args);
    expect(expected.code).toBe(1);
    expect(expected.stdout).toContain('ALERT: 2/6 features drifted');
    expect(installed('drift-detector', args)).toEqual(expected);
    expect(installed('drift-detector', args, { MLOPS_DRIFT_THREADS: 'on' })).toEqual(expected);
    expect(installed('mlops', ['drift', ...args, '--html', 'report.html'])).toEqual(expected);
    expect(readFileSync(join(work, 'report.html'), 'utf8')).toMatch(/^<!doctype html>/i);
  });

  it('pipeline: the invalid sample fails (exit 1), the valid one passes, as from the clone', () => {
    const invalid = ['fixtures/pipeline/invalid.json'];
    const expected = fromClone('pipeline-validator', invalid);
    expect(expected.code).toBe(1);
    expect(installed('pipeline-validator', invalid)).toEqual(expected);
    const valid = installed('mlops', ['pipeline', 'validate', 'fixtures/pipeline/valid.json', '--strict']);
    expect(valid).toEqual({
      ...fromClone('mlops', ['pipeline', 'validate', 'fixtures/pipeline/valid.json', '--strict']),
    });
    expect(valid.code).toBe(0);
  });

  it('registry: register, promote and get write and read a registry; a refusal is exit 1', () => {
    const registry = ['--registry', 'registry.json'];
    expect(
      installed('model-registry', [
        ...registry,
        'register',
        '--name',
        'fraud',
        '--version',
        '1.0.0',
        '--metrics',
        '{"auc": 0.91}',
      ]),
    ).toEqual({
      stdout: 'Registered: fraud 1.0.0 (stage: development)\n  Metrics: auc=0.91\n',
      stderr: '',
      code: 0,
    });
    expect(
      installed('mlops', [
        'registry',
        ...registry,
        'promote',
        '--name',
        'fraud',
        '--version',
        '1.0.0',
        '--stage',
        'production',
      ]).code,
    ).toBe(0);
    expect(
      installed('model-registry', [...registry, 'get', '--name', 'fraud', '--stage', 'production']),
    ).toEqual({
      stdout: '1.0.0\n',
      stderr: '',
      code: 0,
    });
    const refused = installed('model-registry', [
      ...registry,
      'get',
      '--name',
      'fraud',
      '--stage',
      'staging',
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error: fraud has no version in staging/);
  });

  it('a usage error is exit 2, one line, no stack trace', () => {
    const result = installed('mlops', ['pipeline', 'validate', '--strcit']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(hasStackTrace(result.stderr)).toBe(false);
  });
});
