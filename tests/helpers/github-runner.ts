/**
 * What the GitHub Actions runner does with a composite action's step or a workflow's `run:` step,
 * enough of it to run ours for real in a test: expressions substituted (`${{ inputs.x }}`,
 * `${{ github.action_path }}`, `${{ github.workspace }}`; any other is an error here, so a step
 * using one is noticed), the script written to a file and run as `bash --noprofile --norc -eo
 * pipefail FILE` (the runner's command for `shell: bash`), in the workspace, with the environment
 * files and variables the runner sets (GITHUB_STEP_SUMMARY, GITHUB_WORKSPACE, GITHUB_ACTION_PATH,
 * RUNNER_TEMP, CI, GITHUB_ACTIONS).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { cleanEnv, ROOT, underTimeout } from './bins.js';

export interface ActionInput {
  description: string;
  required?: boolean;
  default?: string;
}

export interface RunStep {
  name?: string;
  shell?: string;
  run: string;
  env?: Record<string, string>;
}

export interface ActionDefinition {
  name: string;
  description: string;
  inputs: Record<string, ActionInput>;
  runs: { using: string; steps: RunStep[] };
}

/** action.yml at the root of the repository, parsed. */
export function readAction(): ActionDefinition {
  return parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
}

export interface ExpressionContext {
  inputs?: Record<string, string>;
  github: { action_path?: string; workspace: string };
}

/**
 * The text with each `${{ … }}` replaced by its value, as the runner evaluates these simple ones: a
 * property of `inputs` (its names are case-insensitive; a missing input is the empty string) or of
 * `github`. Throws on any other expression.
 */
export function substituteExpressions(text: string, context: ExpressionContext): string {
  return text.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, expression: string) => {
    const input = /^inputs\.([A-Za-z_][\w-]*)$/.exec(expression);
    if (input && context.inputs) {
      const name = input[1]!.toLowerCase();
      const key = Object.keys(context.inputs).find((each) => each.toLowerCase() === name);
      return key === undefined ? '' : context.inputs[key]!;
    }
    const github = /^github\.(action_path|workspace)$/.exec(expression);
    const value = github ? context.github[github[1] as 'action_path' | 'workspace'] : undefined;
    if (value === undefined) throw new Error(`this runner emulation cannot evaluate \${{ ${expression} }}`);
    return value;
  });
}

export interface StepResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface Runner {
  /** The checkout of the repository under test (GITHUB_WORKSPACE), the working folder of steps. */
  workspace: string;
  /** RUNNER_TEMP. */
  temp: string;
  /** The step summary file of the last step (GITHUB_STEP_SUMMARY; a fresh file per step). */
  summaryFile: string;
}

/** A runner whose workspace and temporary folder are under `root` (made here). */
export function makeRunner(root: string): Runner {
  const workspace = join(root, 'workspace');
  const temp = join(root, 'runner-temp');
  mkdirSync(workspace, { recursive: true });
  mkdirSync(temp, { recursive: true });
  return { workspace, temp, summaryFile: join(temp, 'summary-0.md') };
}

let stepNumber = 0;

/**
 * Runs a `run:` script as the runner runs a step with `shell: bash`, with the step's `env` (already
 * substituted) over the runner's environment. Each step gets a fresh, empty summary file.
 */
export function runBashStep(
  runner: Runner,
  script: string,
  options: { env?: Record<string, string | undefined>; actionPath?: string; timeoutMs?: number } = {},
): StepResult {
  stepNumber++;
  runner.summaryFile = join(runner.temp, `summary-${process.pid}-${stepNumber}.md`);
  writeFileSync(runner.summaryFile, '');
  const file = join(runner.temp, `step-${process.pid}-${stepNumber}.sh`);
  writeFileSync(file, script);
  const seconds = (options.timeoutMs ?? 60_000) / 1000;
  const result = spawnSync(
    ...underTimeout(seconds, 'bash', ['--noprofile', '--norc', '-eo', 'pipefail', file]),
    {
      cwd: runner.workspace,
      env: cleanEnv({
        CI: 'true',
        GITHUB_ACTIONS: 'true',
        GITHUB_WORKSPACE: runner.workspace,
        GITHUB_STEP_SUMMARY: runner.summaryFile,
        RUNNER_TEMP: runner.temp,
        ...(options.actionPath === undefined ? {} : { GITHUB_ACTION_PATH: options.actionPath }),
        ...options.env,
      }),
      input: '',
      encoding: 'utf8',
      // A backstop: underTimeout ends the step's whole process group first.
      timeout: (seconds + 10) * 1000,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs this repository's action (action.yml) with `inputs` (`with:`), as the runner runs a composite
 * action: the inputs' defaults filled in, then each step's `run` and `env` substituted and run in the
 * workspace with GITHUB_ACTION_PATH the repository root. Returns the last step's result and its
 * summary (the action has one step).
 */
export function runAction(
  runner: Runner,
  inputs: Record<string, string>,
  env: Record<string, string | undefined> = {},
): StepResult & { summary: string } {
  const action = readAction();
  const withDefaults = Object.fromEntries(
    Object.entries(action.inputs).map(([name, input]) => [name, inputs[name] ?? input.default ?? '']),
  );
  for (const name of Object.keys(inputs))
    if (!(name in action.inputs)) throw new Error(`action.yml has no input ${name}`);
  const context = { inputs: withDefaults, github: { action_path: ROOT, workspace: runner.workspace } };
  let result: StepResult | undefined;
  for (const step of action.runs.steps) {
    const stepEnv = Object.fromEntries(
      Object.entries(step.env ?? {}).map(([key, value]) => [
        key,
        substituteExpressions(String(value), context),
      ]),
    );
    result = runBashStep(runner, substituteExpressions(step.run, context), {
      env: { ...env, ...stepEnv },
      actionPath: ROOT,
    });
    if (result.code !== 0) break;
  }
  return { ...result!, summary: readFileSync(runner.summaryFile, 'utf8') };
}

/**
 * Makes the workspace a project that has installed @mlops/cli at this repository's version, as
 * `npm ci` would: package.json names it, node_modules/@mlops/cli is this repository's packages/mlops
 * (its built bins), node_modules/.bin holds the bins.
 */
export function installCliInto(folder: string): void {
  const cli = JSON.parse(readFileSync(join(ROOT, 'packages/mlops/package.json'), 'utf8'));
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    join(folder, 'package.json'),
    `${JSON.stringify({ name: 'ml-project', private: true, devDependencies: { '@mlops/cli': cli.version } }, null, 2)}\n`,
  );
  mkdirSync(join(folder, 'node_modules', '@mlops'), { recursive: true });
  mkdirSync(join(folder, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(join(ROOT, 'packages/mlops'), join(folder, 'node_modules', '@mlops', 'cli'), 'dir');
  for (const [bin, path] of Object.entries(cli.bin as Record<string, string>))
    symlinkSync(join('..', '@mlops', 'cli', path), join(folder, 'node_modules', '.bin', bin));
}
