/**
 * docs/ci-recipes.md's recipes, run as written: each block after a `<!-- recipe: NAME -->` line.
 * The GitHub workflows' steps through the runner emulation (tests/helpers/github-runner.ts), the
 * GitLab jobs through the GitLab one (tests/helpers/gitlab-runner.ts), the shell script by sh; each
 * in a checkout holding the files the recipe names, copied from fixtures/.
 */

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { cleanEnv, makeTempDir, ROOT } from '../helpers/bins.js';
import {
  installCliInto,
  makeRunner,
  type RunStep,
  runAction,
  runBashStep,
  substituteExpressions,
} from '../helpers/github-runner.js';
import { type GitlabJob, readGitlabTemplate, resolveJob, runGitlabJob } from '../helpers/gitlab-runner.js';
import { runInProcess } from '../helpers/in-process.js';

// Each test starts several Node processes (npx, a runner's shell, the tools), seconds each on a
// loaded machine: more time than the default, which suits a test of one process.
vi.setConfig({ testTimeout: 120_000 });

const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const docs = readFileSync(join(ROOT, 'docs/ci-recipes.md'), 'utf8');

/** The code block right after `<!-- recipe: name -->`. */
function recipe(name: string): string {
  const match = new RegExp(`<!-- recipe: ${name} -->\\n\`\`\`[a-z]+\\n([^]*?)\\n\`\`\`\\n`).exec(docs);
  if (!match) throw new Error(`docs/ci-recipes.md has no recipe ${name}`);
  return `${match[1]}\n`;
}

let temp: { dir: string; cleanup: () => void };
let count = 0;
beforeAll(() => {
  temp = makeTempDir('mlops-recipes-');
});
afterAll(() => temp.cleanup());

/** The files the recipes name, in a fresh folder: a checkout of a project using the tools. */
function checkout(
  folder: string,
  files: Record<string, string> = {
    'pipelines/train.json': 'fixtures/pipeline/valid.json',
    'pipelines/score.json': 'fixtures/pipeline/invalid.json',
    'data/train.csv': 'fixtures/drift/reference.csv',
    'data/today.csv': 'fixtures/drift/current.csv',
    'registry/model_registry.json': 'fixtures/registry/model_registry.json',
  },
): void {
  for (const [to, from] of Object.entries(files)) {
    mkdirSync(join(folder, to, '..'), { recursive: true });
    copyFileSync(join(ROOT, from), join(folder, to));
  }
}

interface WorkflowStep extends Partial<RunStep> {
  uses?: string;
  with?: Record<string, unknown>;
  if?: string;
}
interface Workflow {
  jobs: Record<string, { 'runs-on': string; steps: WorkflowStep[] }>;
}

describe('GitHub Actions, with the action', () => {
  const workflow: Workflow = parse(recipe('github-action'));

  it('uses the action at the current version, the SARIF upload reading the file the action writes', () => {
    const uses = Object.values(workflow.jobs).flatMap((job) => job.steps.map((step) => step.uses));
    expect(uses.filter((each) => each?.startsWith('mlops/'))).toEqual(
      Array(3).fill(`mlops/mlops@v${version}`),
    );
    const steps = workflow.jobs.pipelines!.steps;
    expect(steps[2]!.with).toEqual({ sarif_file: steps[1]!.with!.sarif });
  });

  /** Runs a job's mlops steps in a fresh checkout; other steps (checkout, upload) are GitHub's own. */
  function runJob(name: string) {
    const runner = makeRunner(join(temp.dir, `github-${++count}`));
    checkout(runner.workspace);
    // The job has no npm ci: the action installs @mlops/cli under RUNNER_TEMP. That install is
    // stood in for by this repository's bins where it would put them (no registry here).
    installCliInto(join(runner.temp, `mlops-cli-${version}`));
    const results = workflow.jobs[name]!.steps.filter((step) => step.uses?.startsWith('mlops/mlops@')).map(
      (step) =>
        runAction(
          runner,
          // The runner hands every `with:` value to the action as a string (YAML true is 'true').
          Object.fromEntries(Object.entries(step.with ?? {}).map(([key, value]) => [key, String(value)])),
        ),
    );
    return { runner, results };
  }

  it('pipelines: exit 1 (score.json has errors), annotations, the summary and the SARIF file', async () => {
    const { runner, results } = runJob('pipelines');
    expect(results).toHaveLength(1);
    const [result] = results;
    expect(result!.code).toBe(1);
    expect(result!.stdout).toMatch(/^::error file=pipelines\/score\.json,line=16,col=7,title=SCHEMA::/);
    const files = ['pipelines/score.json', 'pipelines/train.json'];
    const markdown = await runInProcess(
      'pipeline-validator',
      [...files, '--strict', '--format', 'markdown'],
      {
        cwd: runner.workspace,
      },
    );
    expect(result!.summary).toBe(markdown.stdout);
    const sarif = JSON.parse(readFileSync(join(runner.workspace, 'reports/pipeline.sarif'), 'utf8'));
    expect(sarif.runs[0].results.length).toBeGreaterThan(0);
  });

  it('drift: exit 1 (both columns drifted), the Markdown report in the summary', () => {
    const [result] = runJob('drift').results;
    expect(result!.code).toBe(1);
    expect(result!.summary).toMatch(/^### Data drift: 2 of 2 features drifted \(100%\), 🔴 alert\n/);
  });

  it('registry: exit 0, the production versions in the summary', () => {
    const [result] = runJob('registry').results;
    expect(result!.code).toBe(0);
    expect(result!.summary).toBe(`### model-registry\n\n\`\`\`\n${result!.stdout}\`\`\`\n`);
    expect(result!.stdout).toContain('production');
  });
});

describe('GitHub Actions, with plain steps', () => {
  const workflow: Workflow = parse(recipe('github-steps'));

  it('runs each step as the runner would: exit codes, annotations and the summary', async () => {
    const runner = makeRunner(join(temp.dir, `github-${++count}`));
    checkout(runner.workspace);
    // What `npm ci` installs in a project that depends on @mlops/cli (the step itself needs the registry).
    installCliInto(runner.workspace);
    const steps = workflow.jobs.checks!.steps;
    expect(steps.slice(0, 3).map((step) => step.uses ?? step.run)).toEqual([
      'actions/checkout@v4',
      'actions/setup-node@v4',
      'npm ci',
    ]);
    let failed = false;
    const results = [];
    let summary = '';
    for (const step of steps.slice(3)) {
      if (step.if !== undefined) expect(step.if).toBe(`\${{ !cancelled() }}`);
      else if (failed) continue;
      const result = runBashStep(
        runner,
        substituteExpressions(step.run!, { github: { workspace: runner.workspace } }),
        { env: { npm_config_offline: 'true' } },
      );
      summary += readFileSync(runner.summaryFile, 'utf8');
      results.push(result);
      failed ||= result.code !== 0;
    }
    expect(results.map((result) => result.code)).toEqual([1, 1, 1]);
    const files = ['pipelines/score.json', 'pipelines/train.json'];
    const cwd = runner.workspace;
    const markdown = await runInProcess(
      'pipeline-validator',
      [...files, '--strict', '--format', 'markdown'],
      { cwd },
    );
    const github = await runInProcess('pipeline-validator', [...files, '--strict', '--format', 'github'], {
      cwd,
    });
    const drift = await runInProcess(
      'drift-detector',
      ['--reference', 'data/train.csv', '--current', 'data/today.csv', '--format', 'markdown'],
      { cwd },
    );
    expect(results[1]!.stdout).toBe(github.stdout);
    expect(summary).toBe(`${markdown.stdout}${drift.stdout}`);
  });
});

describe('GitLab CI', () => {
  const pipeline: Record<string, GitlabJob> & { include?: { remote: string }[] } = parse(recipe('gitlab'));
  const { include, ...jobs } = pipeline;

  it('includes the template from the tag of the current version', () => {
    expect(include).toEqual([
      {
        remote: `https://raw.githubusercontent.com/mlops/mlops/v${version}/ci/gitlab/mlops.gitlab-ci.yml`,
      },
    ]);
    expect(Object.keys(jobs)).toEqual(['pipeline-lint', 'drift']);
  });

  it('runs the jobs: exit 1 each, the Code Quality report and the drift reports written', async () => {
    // The included file is this repository's template.
    const template = readGitlabTemplate();
    const project = join(temp.dir, `gitlab-${++count}`);
    mkdirSync(project);
    checkout(project);
    installCliInto(project);
    const lint = runGitlabJob(resolveJob(jobs['pipeline-lint']!, template), project);
    expect(lint.code).toBe(1);
    const codequality = JSON.parse(
      readFileSync(join(project, 'mlops-reports/pipeline-codequality.json'), 'utf8'),
    );
    expect(codequality.map((issue: { location: { path: string } }) => issue.location.path)).toContain(
      'pipelines/score.json',
    );
    const drift = runGitlabJob(resolveJob(jobs.drift!, template), project);
    expect(drift.code).toBe(1);
    expect(JSON.parse(readFileSync(join(project, 'mlops-reports/drift.json'), 'utf8')).drifted_features).toBe(
      2,
    );
    expect(readFileSync(join(project, 'mlops-reports/drift.md'), 'utf8')).toMatch(/^### Data drift: 2 of 6/);
  });
});

describe('a shell script (Jenkins and others)', () => {
  const script = recipe('shell');

  /** Runs the script with sh in a project holding these files; its output and exit code. */
  function runScript(files: Record<string, string>) {
    const project = join(temp.dir, `shell-${++count}`);
    mkdirSync(project);
    checkout(project, files);
    installCliInto(project);
    writeFileSync(join(project, 'ml-checks.sh'), script);
    const result = spawnSync('sh', ['ml-checks.sh'], {
      cwd: project,
      env: cleanEnv(),
      encoding: 'utf8',
      input: '',
      timeout: 60_000,
    });
    return { project, code: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it('all fine: exit 0', async () => {
    const run = runScript({
      'pipelines/train.json': 'fixtures/pipeline/valid.json',
      'data/train.csv': 'fixtures/drift/reference.csv',
      'data/today.csv': 'fixtures/drift/reference.csv',
    });
    const pipelines = await runInProcess('pipeline-validator', ['pipelines/train.json', '--strict'], {
      cwd: run.project,
    });
    expect(run.stdout).toBe(
      `${pipelines.stdout}pipelines: no errors\ndrift: no alert (report in drift.md)\n`,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(readFileSync(join(run.project, 'drift.md'), 'utf8')).toMatch(/^### Data drift: 0 of 6/);
  });

  it('a pipeline error and a drift alert: both reported, exit 1', () => {
    const run = runScript({
      'pipelines/train.json': 'fixtures/pipeline/valid.json',
      'pipelines/score.json': 'fixtures/pipeline/invalid.json',
      'data/train.csv': 'fixtures/drift/reference.csv',
      'data/today.csv': 'fixtures/drift/current.csv',
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Status: [FAIL]');
    expect(run.stdout).toMatch(
      /\npipelines: errors found \(see above\)\ndrift: ALERT \(report in drift\.md\)\n$/,
    );
  });

  it('data that cannot be read: exit 2, no drift report left; a pipeline finding does not hide it', () => {
    const run = runScript({
      'pipelines/score.json': 'fixtures/pipeline/invalid.json',
      'data/train.csv': 'fixtures/drift/reference.csv',
    });
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(
      /\npipelines: errors found \(see above\)\ndrift: not checked \(exit 2\): fix the command or the data\n$/,
    );
    expect(run.stderr).toMatch(/^error: data\/today\.csv/);
    expect(existsSync(join(run.project, 'drift.md'))).toBe(false);
  });

  it('no pipeline file matching: exit 2', () => {
    const run = runScript({
      'data/train.csv': 'fixtures/drift/reference.csv',
      'data/today.csv': 'fixtures/drift/reference.csv',
    });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe(
      'pipelines: not checked (exit 2): fix the command or the files\ndrift: no alert (report in drift.md)\n',
    );
    // The shell passes the pattern that matched nothing as it is; the tool expands it and says so.
    expect(run.stderr).toBe(
      'error: pipelines/*.json: no file matches this pattern (quote the pattern so the shell passes it as typed, and check the folder (node_modules and names starting with "." are skipped))\n',
    );
  });
});
