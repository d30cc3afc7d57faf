/**
 * The GitLab CI template (ci/gitlab/mlops.gitlab-ci.yml): jobs that extend its hidden jobs, resolved
 * as GitLab resolves `extends`, run by bash and by sh (dash) in a project folder, with this
 * repository's built bins as the project's @mlops/cli; and the install it falls back on, with npm
 * stood in for by a script that records its arguments, and done by npm from a local registry serving
 * this repository's packages (tests/helpers/npm-registry.ts).
 */
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeTempDir, ROOT } from '../helpers/bins.js';
import { checkoutFixtures } from '../helpers/checkout.js';
import { installCliInto } from '../helpers/github-runner.js';
import { type GitlabJob, readGitlabTemplate, resolveJob, runGitlabJob } from '../helpers/gitlab-runner.js';
import { runInProcess } from '../helpers/in-process.js';
import {
  envWithoutScope,
  installRequests,
  type LocalRegistry,
  startLocalRegistry,
} from '../helpers/npm-registry.js';

// Each test starts several Node processes (npx, a runner's shell, the tools), seconds each on a
// loaded machine: more time than the default, which suits a test of one process.
vi.setConfig({ testTimeout: 120_000 });

const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const template = readGitlabTemplate();

let temp: { dir: string; cleanup: () => void };
let count = 0;

beforeAll(() => {
  temp = makeTempDir('mlops-gitlab-');
});
afterAll(() => temp.cleanup());

/** A fresh project folder holding the fixtures (and @mlops/cli installed, unless told not to). */
function project(install = true): string {
  const dir = join(temp.dir, `project-${++count}`);
  mkdirSync(dir, { recursive: true });
  if (install) installCliInto(dir);
  checkoutFixtures(dir);
  return dir;
}

/** A job of a user's .gitlab-ci.yml extending one of the template's, resolved. */
function job(own: GitlabJob): GitlabJob {
  return resolveJob(own, template);
}

const reports = (dir: string) =>
  existsSync(join(dir, 'mlops-reports')) ? readdirSync(join(dir, 'mlops-reports')).sort() : [];

describe('the template', () => {
  it('has the hidden jobs to extend, each on the setup job, pinned to the current version', () => {
    expect(Object.keys(template)).toEqual(['.mlops-setup', '.mlops-drift', '.mlops-pipeline']);
    expect(template['.mlops-drift']!.extends).toBe('.mlops-setup');
    expect(template['.mlops-pipeline']!.extends).toBe('.mlops-setup');
    expect(template['.mlops-setup']!.variables).toEqual({ MLOPS_CLI_PACKAGE: `@mlops/cli@${version}` });
  });

  it('declares the drift reports as artifacts and the pipeline findings as a Code Quality report', () => {
    const drift = job({ extends: '.mlops-drift' });
    expect(drift.artifacts).toEqual({
      when: 'always',
      expose_as: 'drift report',
      paths: ['mlops-reports/drift.md', 'mlops-reports/drift.json'],
    });
    const pipeline = job({ extends: '.mlops-pipeline' });
    expect(pipeline.artifacts).toEqual({
      when: 'always',
      reports: { codequality: 'mlops-reports/pipeline-codequality.json' },
    });
    expect(pipeline.before_script).toEqual(template['.mlops-setup']!.before_script);
  });

  it('a job overriding a variable keeps the template’s others (extends merges hashes)', () => {
    const resolved = job({ extends: '.mlops-pipeline', variables: { MLOPS_PIPELINE_ARGS: 'a.json' } });
    expect(resolved.variables).toEqual({
      MLOPS_CLI_PACKAGE: `@mlops/cli@${version}`,
      MLOPS_PIPELINE_ARGS: 'a.json',
    });
  });
});

describe.each(['bash', 'sh'] as const)('jobs, run by %s', (shell) => {
  const drift = (args: string) => job({ extends: '.mlops-drift', variables: { MLOPS_DRIFT_ARGS: args } });
  const lint = (args?: string) =>
    job({
      extends: '.mlops-pipeline',
      ...(args === undefined ? {} : { variables: { MLOPS_PIPELINE_ARGS: args } }),
    });

  it('drift alert: exit 1, the Markdown and JSON reports written and the Markdown in the log', async () => {
    const dir = project();
    const args = ['--reference', 'data/reference.csv', '--current', 'data/current.csv'];
    const result = runGitlabJob(drift(args.join(' ')), dir, { shell });
    expect(result.code).toBe(1);
    const markdown = await runInProcess('drift-detector', [...args, '--format', 'markdown'], { cwd: dir });
    const json = await runInProcess('drift-detector', [...args, '--json'], { cwd: dir });
    expect(readFileSync(join(dir, 'mlops-reports/drift.md'), 'utf8')).toBe(markdown.stdout);
    expect(readFileSync(join(dir, 'mlops-reports/drift.json'), 'utf8')).toBe(json.stdout);
    expect(result.stdout).toBe(markdown.stdout);
    expect(reports(dir)).toEqual(['drift.json', 'drift.md']);
  });

  it('no drift: exit 0', () => {
    const dir = project();
    const result = runGitlabJob(drift('--reference data/reference.csv --current data/reference.csv'), dir, {
      shell,
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'mlops-reports/drift.json'), 'utf8')).drifted_features).toBe(0);
  });

  it('drift, bad input (or no arguments): exit 2, the error in the log, no report', () => {
    const dir = project();
    const missing = runGitlabJob(drift('--reference data/nope.csv --current data/current.csv'), dir, {
      shell,
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('error: data/nope.csv');
    expect(reports(dir)).toEqual([]);
    const none = runGitlabJob(job({ extends: '.mlops-drift' }), dir, { shell });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^error: .*--reference/m);
  });

  it('pipeline findings (default files pipelines/*.json): exit 1, the text in the log, the Code Quality report', async () => {
    const dir = project();
    const result = runGitlabJob(lint(), dir, { shell });
    expect(result.code).toBe(1);
    const files = ['pipelines/invalid.json', 'pipelines/valid.json'];
    expect(result.stdout).toBe((await runInProcess('pipeline-validator', files, { cwd: dir })).stdout);
    const report = readFileSync(join(dir, 'mlops-reports/pipeline-codequality.json'), 'utf8');
    expect(report).toBe(
      (await runInProcess('pipeline-validator', [...files, '--format', 'codeclimate'], { cwd: dir })).stdout,
    );
    expect(JSON.parse(report)).toHaveLength(8);
    expect(JSON.parse(report)[0].location.path).toBe('pipelines/invalid.json');
  });

  it('clean pipelines: exit 0, an empty Code Quality report', () => {
    const dir = project();
    const result = runGitlabJob(lint('clean/*.json --strict'), dir, { shell });
    expect(result.code).toBe(0);
    expect(readFileSync(join(dir, 'mlops-reports/pipeline-codequality.json'), 'utf8')).toBe('[]\n');
  });

  it('an unreadable pipeline file: exit 2, no report', () => {
    const dir = project();
    const result = runGitlabJob(lint('missing/*.json'), dir, { shell });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('error: missing/*.json: no file matches this pattern');
    expect(reports(dir)).toEqual([]);
  });
});

describe('where the bins come from', () => {
  /** A stand-in for npm: records its arguments, and installs this repository's @mlops/cli into --prefix. */
  function fakeNpm(): { bin: string; log: string } {
    const bin = join(temp.dir, `fake-npm-${++count}`);
    const log = join(bin, 'calls.log');
    mkdirSync(bin, { recursive: true });
    writeFileSync(
      join(bin, 'npm'),
      `#!/bin/sh
printf '%s\\n' "$*" >> ${JSON.stringify(log)}
prefix=""
while [ $# -gt 0 ]; do
  if [ "$1" = "--prefix" ]; then prefix="$2"; shift; fi
  shift
done
mkdir -p "$prefix/node_modules/@mlops" "$prefix/node_modules/.bin"
ln -s ${JSON.stringify(join(ROOT, 'packages/mlops'))} "$prefix/node_modules/@mlops/cli"
for tool in mlops drift-detector model-registry pipeline-validator; do
  ln -s "../@mlops/cli/bin/$tool.js" "$prefix/node_modules/.bin/$tool"
done
`,
    );
    chmodSync(join(bin, 'npm'), 0o755);
    return { bin, log };
  }

  it('a project without @mlops/cli: npm installs the pinned version into .mlops-cli, not the project', () => {
    const npm = fakeNpm();
    const dir = project(false);
    const result = runGitlabJob(job({ extends: '.mlops-pipeline' }), dir, {
      env: { PATH: `${npm.bin}:${process.env.PATH}` },
    });
    expect(result.code).toBe(1);
    expect(readFileSync(npm.log, 'utf8')).toBe(
      `install --prefix ${dir}/.mlops-cli --no-save --no-package-lock --no-audit --no-fund --ignore-scripts --loglevel=error @mlops/cli@${version}\n`,
    );
    expect(existsSync(join(dir, 'package.json'))).toBe(false);
    expect(existsSync(join(dir, 'node_modules'))).toBe(false);
    expect(
      JSON.parse(readFileSync(join(dir, 'mlops-reports/pipeline-codequality.json'), 'utf8')),
    ).toHaveLength(8);
  });

  it('a project with another version of @mlops/cli installed: the pinned one is installed and used', () => {
    const npm = fakeNpm();
    const dir = project(false);
    const other = join(dir, 'node_modules', '@mlops', 'cli');
    mkdirSync(join(other, 'bin'), { recursive: true });
    writeFileSync(join(other, 'package.json'), JSON.stringify({ name: '@mlops/cli', version: '0.0.9' }));
    mkdirSync(join(dir, 'node_modules', '.bin'), { recursive: true });
    writeFileSync(join(dir, 'node_modules', '.bin', 'drift-detector'), '#!/bin/sh\necho old; exit 7\n');
    writeFileSync(join(dir, 'node_modules', '.bin', 'pipeline-validator'), '#!/bin/sh\necho old; exit 7\n');
    chmodSync(join(dir, 'node_modules', '.bin', 'drift-detector'), 0o755);
    chmodSync(join(dir, 'node_modules', '.bin', 'pipeline-validator'), 0o755);
    const result = runGitlabJob(
      job({ extends: '.mlops-pipeline', variables: { MLOPS_PIPELINE_ARGS: 'clean/*.json' } }),
      dir,
      {
        env: { PATH: `${npm.bin}:${process.env.PATH}` },
      },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('old');
    expect(readFileSync(npm.log, 'utf8')).toContain(`@mlops/cli@${version}\n`);
  });

  it('a project with the pinned version installed: npm is not run', () => {
    const npm = fakeNpm();
    const dir = project(true);
    const result = runGitlabJob(
      job({ extends: '.mlops-pipeline', variables: { MLOPS_PIPELINE_ARGS: 'clean/*.json' } }),
      dir,
      {
        env: { PATH: `${npm.bin}:${process.env.PATH}` },
      },
    );
    expect(result.code).toBe(0);
    expect(existsSync(npm.log)).toBe(false);
  });
});

describe('where the bins come from: npm really installs them', () => {
  // This repository's packages served by a local registry, as they would be published.
  let registry: LocalRegistry;

  beforeAll(async () => {
    registry = await startLocalRegistry(join(temp.dir, 'registry'));
  }, 60_000);
  afterAll(async () => await registry?.stop());

  it('a project without @mlops/cli: npm installs the pinned version into .mlops-cli, whose bins run the job', async () => {
    expect(registry.tarballs.map((tarball) => tarball.version)).toEqual(Array(6).fill(version));
    const dir = project(false);
    const result = runGitlabJob(job({ extends: '.mlops-pipeline' }), dir, { env: registry.env });
    expect(result.code, result.stderr).toBe(1);
    const files = ['pipelines/invalid.json', 'pipelines/valid.json'];
    // npm's one line of output (it runs with --loglevel=error), then the tool's.
    const npmOutput = /^\nadded \d+ packages in [\d.]+m?s\n/.exec(result.stdout);
    expect(npmOutput, result.stdout.slice(0, 200)).not.toBeNull();
    expect(result.stdout.slice(npmOutput![0].length)).toBe(
      (await runInProcess('pipeline-validator', files, { cwd: dir })).stdout,
    );
    expect(readFileSync(join(dir, 'mlops-reports/pipeline-codequality.json'), 'utf8')).toBe(
      (await runInProcess('pipeline-validator', [...files, '--format', 'codeclimate'], { cwd: dir })).stdout,
    );

    // Every @mlops package and tarball came from the registry, once; the rest is npm's business.
    expect(registry.requests().sort()).toEqual(installRequests(registry.tarballs));
    // A real install of the pinned version in .mlops-cli, not a link to this repository; the project's
    // own files (no package.json, lock file or node_modules) untouched.
    const cli = join(dir, '.mlops-cli', 'node_modules', '@mlops', 'cli');
    expect(JSON.parse(readFileSync(join(cli, 'package.json'), 'utf8')).version).toBe(version);
    expect(realpathSync(cli).startsWith(`${realpathSync(dir)}/`)).toBe(true);
    expect(readdirSync(join(dir, '.mlops-cli'))).toEqual(['node_modules']);
    expect(readdirSync(dir).sort()).toEqual(['.mlops-cli', 'clean', 'data', 'mlops-reports', 'pipelines']);
  });

  it("the project's .npmrc reaches the install: a registry named there alone is used", () => {
    const dir = project(false);
    writeFileSync(join(dir, '.npmrc'), `@mlops:registry=${registry.url}\n`);
    // The user config without the scope's registry: only the project's names it.
    const env = envWithoutScope(registry, join(temp.dir, 'npmrc-without-scope'));
    const before = registry.requests().length;
    const result = runGitlabJob(job({ extends: '.mlops-pipeline' }), dir, {
      env,
    });
    expect(result.code, result.stderr).toBe(1);
    expect(registry.requests().slice(before).sort()).toEqual(installRequests(registry.tarballs));
    expect(readFileSync(join(dir, '.npmrc'), 'utf8')).toBe(`@mlops:registry=${registry.url}\n`);
  });
});
