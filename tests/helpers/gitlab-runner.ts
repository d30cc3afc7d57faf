/**
 * What GitLab does with a job of a `.gitlab-ci.yml`, enough of it to run our template's jobs for real
 * in a test: `extends` resolved (GitLab's rule: hashes merged deeply, the extending job's keys win,
 * arrays and strings replaced whole), the job's variables in the environment, its `before_script` and
 * `script` lines run in order as one shell script that stops at the first failing line (the runner's
 * `set -e`), in the project folder (CI_PROJECT_DIR).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { cleanEnv, ROOT, underTimeout } from './bins.js';

export type GitlabJob = Record<string, unknown> & {
  extends?: string | string[];
  variables?: Record<string, string>;
  before_script?: string[];
  script?: string[];
  artifacts?: {
    when?: string;
    paths?: string[];
    reports?: Record<string, string>;
    expose_as?: string;
  };
};

/** ci/gitlab/mlops.gitlab-ci.yml, parsed: job name → job. */
export function readGitlabTemplate(): Record<string, GitlabJob> {
  return parse(readFileSync(join(ROOT, 'ci/gitlab/mlops.gitlab-ci.yml'), 'utf8'));
}

function isHash(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** GitLab's merge for `extends`: hashes deeply, anything else replaced by the extending side. */
function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over))
    merged[key] = isHash(value) && isHash(merged[key]) ? deepMerge(merged[key], value) : value;
  return merged;
}

/** The job with its `extends` chain resolved against the jobs of `jobs` (in order, the last wins). */
export function resolveJob(job: GitlabJob, jobs: Record<string, GitlabJob>, depth = 0): GitlabJob {
  if (depth > 11) throw new Error('extends nests deeper than GitLab allows (11 levels)');
  const parents = job.extends === undefined ? [] : [job.extends].flat();
  let merged: Record<string, unknown> = {};
  for (const name of parents) {
    const parent = jobs[name];
    if (!parent) throw new Error(`extends: no job ${name}`);
    merged = deepMerge(merged, resolveJob(parent, jobs, depth + 1));
  }
  const { extends: _extends, ...own } = job;
  return deepMerge(merged, own) as GitlabJob;
}

export interface JobResult {
  code: number | null;
  /** stdout and stderr of the job, as the job log interleaves them (here: one after the other). */
  stdout: string;
  stderr: string;
}

/**
 * Runs a resolved job's before_script and script in `project` with `shell` (`bash` or `sh`, as the
 * runner picks the image's), `set -e` as the runner sets it, the job's variables and `env` in the
 * environment.
 */
export function runGitlabJob(
  job: GitlabJob,
  project: string,
  options: { shell?: 'bash' | 'sh'; env?: Record<string, string | undefined> } = {},
): JobResult {
  const lines = [...(job.before_script ?? []), ...(job.script ?? [])];
  const result = spawnSync(...underTimeout(60, options.shell ?? 'bash', ['-e', '-c', lines.join('\n')]), {
    cwd: project,
    env: cleanEnv({
      CI: 'true',
      GITLAB_CI: 'true',
      CI_PROJECT_DIR: project,
      ...job.variables,
      ...options.env,
    }),
    input: '',
    encoding: 'utf8',
    // A backstop: underTimeout ends the job's whole process group first.
    timeout: 70_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
