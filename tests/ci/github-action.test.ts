/**
 * The GitHub Action (action.yml), run the way the runner runs a composite action: its one step's
 * `run` and `env` with the `${{ … }}` substituted, by bash, in a workspace that has installed
 * @mlops/cli (this repository's built bins), with GITHUB_STEP_SUMMARY a file. The exit code, the log
 * (stdout, stderr), the summary file and the SARIF file are what a workflow would get. Last, in a
 * workspace that has not: npm installs @mlops/cli from a local registry serving this repository's
 * packages (tests/helpers/npm-registry.ts).
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cliVersion } from '../../ci/github/run.mjs';
import { hasStackTrace, makeTempDir, ROOT } from '../helpers/bins.js';
import { checkoutFixtures } from '../helpers/checkout.js';
import { installCliInto, makeRunner, type Runner, readAction, runAction } from '../helpers/github-runner.js';
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

let temp: { dir: string; cleanup: () => void };
let runner: Runner;

/** The files the tests name, copied from fixtures/ into a workspace: a checkout of a project. */
function checkout(workspace: string): void {
  checkoutFixtures(workspace, { registry: true });
}

beforeAll(() => {
  temp = makeTempDir('mlops-action-');
  runner = makeRunner(temp.dir);
  installCliInto(runner.workspace);
  checkout(runner.workspace);
});
afterAll(() => temp.cleanup());

/** What the tool prints for these arguments, run directly in the workspace. */
async function direct(bin: 'drift-detector' | 'pipeline-validator' | 'model-registry', args: string[]) {
  return await runInProcess(bin, args, { cwd: runner.workspace });
}

/** An error of the action itself: exit 2, one line on stderr naming the input, no stack trace. */
function expectActionError(result: ReturnType<typeof runAction>, message: string | RegExp) {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(typeof message === 'string' ? `mlops action: ${message}` : message);
  expect(hasStackTrace(result.stderr)).toBe(false);
  expect(result.summary).toBe('');
}

describe('action.yml', () => {
  const action = readAction();

  it('is a composite action of one bash step running the script, the inputs in its env only', () => {
    expect(action.runs.using).toBe('composite');
    expect(action.runs.steps).toHaveLength(1);
    const [step] = action.runs.steps;
    expect(step!.shell).toBe('bash');
    expect(step!.run.trim()).toBe('node "$GITHUB_ACTION_PATH/ci/github/run.mjs"');
    // No expression in the script: an input substituted there would be read by bash (injection).
    expect(step!.run).not.toContain('${{');
    expect(step!.env).toEqual(
      Object.fromEntries(
        Object.keys(action.inputs).map((name) => [`INPUT_${name.toUpperCase()}`, `\${{ inputs.${name} }}`]),
      ),
    );
  });

  it('declares the inputs, tool the only required one, each described', () => {
    expect(Object.keys(action.inputs)).toEqual(['tool', 'args', 'summary', 'sarif', 'version']);
    for (const [name, input] of Object.entries(action.inputs)) {
      expect(input.description.length, name).toBeGreaterThan(20);
      expect(input.required ?? false, name).toBe(name === 'tool');
      if (name !== 'tool') expect(typeof input.default, name).toBe('string');
    }
    expect(action.inputs.summary!.default).toBe('false');
  });
});

describe('drift', () => {
  const args = '--reference data/reference.csv --current data/current.csv';

  it('alert: exit 1; one run, its Markdown report in the log and the summary', async () => {
    const result = runAction(runner, { tool: 'drift', args, summary: 'true' });
    const expected = await direct('drift-detector', [...args.split(' '), '--format', 'markdown']);
    expect(expected.code).toBe(1);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(expected.stdout);
    expect(result.summary).toBe(expected.stdout);
    expect(result.summary).toMatch(/^### Data drift: 2 of 6 features drifted \(33\.3%\), 🔴 alert\n/);
    expect(result.stderr).toMatch(/^mlops action: drift-detector of @mlops\/cli \d+\.\d+\.\d+ \(.+\)\n$/);
  });

  it('no alert: exit 0, the summary says so', () => {
    const result = runAction(runner, {
      tool: 'drift',
      args: '--reference data/reference.csv --current data/reference.csv',
      summary: 'true',
    });
    expect(result.code).toBe(0);
    expect(result.summary).toMatch(/^### Data drift: 0 of 6 features drifted \(0%\), 🟢 no alert\n/);
  });

  it('without summary: the tool as the args say (text), nothing in the summary', async () => {
    const result = runAction(runner, { tool: 'drift', args });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe((await direct('drift-detector', args.split(' '))).stdout);
    expect(result.summary).toBe('');
  });

  it('--json with a summary: the JSON in the log, the Markdown (a second run) in the summary', async () => {
    const result = runAction(runner, { tool: 'drift', args: `${args} --json`, summary: 'true' });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).drifted_features).toBe(2);
    expect(result.summary).toBe(
      (await direct('drift-detector', [...args.split(' '), '--format', 'markdown'])).stdout,
    );
  });

  it('-f json -o FILE with a summary: one run writes the file and prints the Markdown for the log and the summary', async () => {
    const result = runAction(runner, {
      tool: 'drift',
      args: `${args} -f json -o drift.json`,
      summary: 'true',
    });
    expect(result.stderr).not.toContain('error');
    expect(result.code).toBe(1);
    const markdown = (await direct('drift-detector', [...args.split(' '), '--format', 'markdown'])).stdout;
    expect(result.stdout).toBe(markdown);
    expect(result.summary).toBe(markdown);
    const written = JSON.parse(readFileSync(join(runner.workspace, 'drift.json'), 'utf8'));
    expect(written).toEqual(
      JSON.parse((await direct('drift-detector', [...args.split(' '), '--json'])).stdout),
    );
  });

  it('bad input: exit 2, the error in the log and in the summary', () => {
    const result = runAction(runner, {
      tool: 'drift',
      args: '--reference data/missing.csv --current data/current.csv',
      summary: 'true',
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('error: data/missing.csv');
    expect(result.summary).toMatch(
      /^### drift-detector: exit 2 \(usage or input error\)\n\n```\nerror: data\/missing\.csv[^\n]*\n```\n$/,
    );
  });
});

describe('pipeline', () => {
  it('findings: exit 1; annotations in the log, Markdown in the summary, SARIF in the file; files by a pattern', async () => {
    const result = runAction(runner, {
      tool: 'pipeline',
      args: '--format github pipelines/*.json',
      summary: 'true',
      sarif: 'reports/pipeline.sarif',
    });
    const files = ['pipelines/invalid.json', 'pipelines/valid.json'];
    expect(result.code).toBe(1);
    expect(result.stdout).toBe((await direct('pipeline-validator', [...files, '--format', 'github'])).stdout);
    expect(result.stdout).toMatch(/^::error file=pipelines\/invalid\.json,line=16,col=7,title=SCHEMA::/);
    expect(result.summary).toBe(
      (await direct('pipeline-validator', [...files, '--format', 'markdown'])).stdout,
    );
    expect(result.summary).toMatch(/^### pipeline-validator: ❌ 1 of 2 files failed\n/);
    const sarif = readFileSync(join(runner.workspace, 'reports/pipeline.sarif'), 'utf8');
    expect(sarif).toBe((await direct('pipeline-validator', [...files, '--format', 'sarif'])).stdout);
    expect(JSON.parse(sarif).runs[0].results).toHaveLength(8);
    expect(readdirSync(join(runner.workspace, 'reports'))).toEqual(['pipeline.sarif']);
    expect(result.stderr).toContain('mlops action: SARIF log written to "reports/pipeline.sarif"\n');
  });

  it('clean: exit 0, a passing summary, a SARIF log without results', () => {
    const result = runAction(runner, {
      tool: 'pipeline',
      args: 'clean/*.json --strict',
      summary: 'true',
      sarif: 'clean.sarif',
    });
    expect(result.code).toBe(0);
    expect(result.summary).toMatch(/^### pipeline-validator: ✅ passed\n/);
    expect(result.stdout).toBe(result.summary);
    expect(JSON.parse(readFileSync(join(runner.workspace, 'clean.sarif'), 'utf8')).runs[0].results).toEqual(
      [],
    );
  });

  it('a report larger than a step summary holds (1 MiB): cut at a line, with a note; the log has it whole', () => {
    const stages = Array.from({ length: 16_000 }, (_, index) => ({
      name: `stage_${String(index).padStart(6, '0')}_${'x'.repeat(30)}`,
      type: 'transform',
    }));
    writeFileSync(join(runner.workspace, 'big.json'), JSON.stringify({ name: 'big', stages }));
    const result = runAction(runner, { tool: 'pipeline', args: 'big.json', summary: 'true' });
    expect(Buffer.byteLength(result.stdout)).toBeGreaterThan(1024 * 1024);
    expect(Buffer.byteLength(result.summary)).toBeLessThanOrEqual(1024 * 1024);
    const note = `\n**Cut here**: the output has ${Buffer.byteLength(result.stdout)} bytes and a step summary holds 1048576 at most; the tool's output in full is in the step's log, or in a file when the step writes one.\n`;
    expect(result.summary.endsWith(note)).toBe(true);
    const kept = result.summary.slice(0, -note.length);
    expect(kept.endsWith('|\n')).toBe(true);
    expect(result.stdout.startsWith(kept)).toBe(true);
    expect(Buffer.byteLength(kept)).toBeGreaterThan(1000 * 1000);
  });

  it('files after --: the formats the action asks for go before it', () => {
    copyFileSync(join(ROOT, 'fixtures/pipeline/valid.json'), join(runner.workspace, '--format.json'));
    const result = runAction(runner, {
      tool: 'pipeline',
      args: '--strict -- --format.json',
      summary: 'true',
      sarif: 'dash.sarif',
    });
    expect(result.code).toBe(0);
    expect(result.summary).toContain('| <code>\\--format.json</code> | churn_prediction_weekly |');
    const sarif = JSON.parse(readFileSync(join(runner.workspace, 'dash.sarif'), 'utf8'));
    expect(sarif.runs[0].results).toEqual([]);
  });

  it('an unreadable file: exit 2, no SARIF file written', () => {
    const result = runAction(runner, { tool: 'pipeline', args: 'nowhere.json', sarif: 'none.sarif' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('error: nowhere.json: pipeline file not found');
    expect(existsSync(join(runner.workspace, 'none.sarif'))).toBe(false);
  });
});

describe('registry', () => {
  it('list: exit 0, the output in the log and in a code block of the summary', async () => {
    const args = ['--registry', 'model_registry.json', 'list'];
    const result = runAction(runner, { tool: 'registry', args: args.join(' '), summary: 'true' });
    const expected = await direct('model-registry', args);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(expected.stdout);
    expect(result.summary).toBe(`### model-registry\n\n\`\`\`\n${expected.stdout}\`\`\`\n`);
  });

  it('a write runs once, whatever the summary; a refusal is exit 1 with its reason in the summary', () => {
    writeFileSync(
      join(runner.workspace, 'fresh.json'),
      readFileSync(join(ROOT, 'fixtures/registry/model_registry.json')),
    );
    const args = `--registry fresh.json register --name "churn model" --version 9.9.9 --metrics '{"auc": 0.91}'`;
    const first = runAction(runner, { tool: 'registry', args, summary: 'true' }, { MLOPS_ACTOR: 'ci' });
    expect(first.code).toBe(0);
    expect(first.summary).toBe(
      '### model-registry\n\n```\nRegistered: churn model 9.9.9 (stage: development)\n  Metrics: auc=0.91\n```\n',
    );
    const registry = JSON.parse(readFileSync(join(runner.workspace, 'fresh.json'), 'utf8'));
    const entries = JSON.stringify(registry).match(/9\.9\.9/g) ?? [];
    expect(entries.length).toBeGreaterThan(0);
    const again = runAction(runner, { tool: 'registry', args, summary: 'true' }, { MLOPS_ACTOR: 'ci' });
    expect(again.code).toBe(1);
    const error =
      'error: churn model 9.9.9 already registered (stage: development) (register a new version, or use promote to change its stage)\n';
    expect(again.stderr.endsWith(error)).toBe(true);
    expect(again.summary).toBe(
      `### model-registry: exit 1 (refused, or no matching version)\n\n\`\`\`\n${error}\`\`\`\n`,
    );
    expect(JSON.parse(readFileSync(join(runner.workspace, 'fresh.json'), 'utf8'))).toEqual(registry);
  });
});

describe('inputs are data, never shell', () => {
  it('args holding shell syntax reach the tool as words; nothing runs', () => {
    const result = runAction(runner, {
      tool: 'pipeline',
      args: '$(touch pwned1) `touch pwned2` ; touch pwned3 "$(touch pwned4)"',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('error: $(touch: pipeline file not found');
    for (const name of ['pwned1', 'pwned2', 'pwned3', 'pwned4', 'pwned1)'])
      expect(existsSync(join(runner.workspace, name)), name).toBe(false);
  });

  it('a hostile tool name is refused, quoted on one line', () => {
    const result = runAction(runner, { tool: 'drift"; touch pwned5; echo "\n::error::x\u001b[2J' });
    expectActionError(
      result,
      'tool: expected drift, pipeline, registry, got "drift\\"; touch pwned5; echo \\"\\n::error::x\\u001b[2J"',
    );
    expect(existsSync(join(runner.workspace, 'pwned5'))).toBe(false);
  });

  it.each([
    [{ tool: 'registry', summary: 'yes' }, 'summary: expected true or false, got "yes"'],
    [{ tool: 'drift', sarif: 'x.sarif' }, 'sarif: only the pipeline tool writes SARIF (tool is drift)'],
    [
      { tool: 'pipeline', args: "--format 'github" },
      /^mlops action: args: the single quote at character 10 is not closed/,
    ],
    [
      { tool: 'pipeline', version: 'latest' },
      'version: expected a version of @mlops/cli such as 0.1.0, got "latest"',
    ],
    [{ tool: '' }, 'tool: expected drift, pipeline, registry, got ""'],
  ])('%j is refused: exit 2', (inputs, message) => {
    expectActionError(runAction(runner, inputs), message);
  });
});

describe('where the bins come from', () => {
  it("a version the project has not installed is installed with npm; npm's failure is exit 2, nothing left behind", () => {
    // Offline, with an empty cache: npm cannot get the package, as on a runner without the registry.
    const result = runAction(
      runner,
      { tool: 'drift', args: '--version', version: '0.0.1' },
      { npm_config_offline: 'true', npm_config_cache: join(temp.dir, 'empty-npm-cache') },
    );
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      `mlops action: installing @mlops/cli@0.0.1 into ${join(runner.temp, 'mlops-cli-0.0.1')}\n`,
    );
    expect(result.stderr.trimEnd().split('\n').at(-1)).toMatch(
      /^mlops action: could not install @mlops\/cli@0\.0\.1 with npm \(exit \d+\): check the version and the job's access to the npm registry, or install it in the project first \(npm ci\)$/,
    );
    expect(readdirSync(runner.temp).filter((name) => name.startsWith('mlops-cli-'))).toEqual([]);
  });

  it('an install left by an earlier step under RUNNER_TEMP is used', () => {
    // An @mlops/cli whose version says 0.0.2, its drift-detector this repository's.
    const cached = join(runner.temp, 'mlops-cli-0.0.2', 'node_modules', '@mlops', 'cli');
    mkdirSync(join(cached, 'bin'), { recursive: true });
    writeFileSync(
      join(cached, 'package.json'),
      JSON.stringify({ name: '@mlops/cli', version: '0.0.2', bin: { 'drift-detector': './bin/drift.js' } }),
    );
    writeFileSync(
      join(cached, 'bin', 'drift.js'),
      `import ${JSON.stringify(pathToFileURL(join(ROOT, 'packages/mlops/bin/drift-detector.js')).href)};\n`,
    );
    const result = runAction(runner, { tool: 'drift', args: '--version', version: '0.0.2' });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(result.stderr).toBe(`mlops action: drift-detector of @mlops/cli 0.0.2 (${cached})\n`);
  });
});

describe('where the bins come from: npm really installs them', () => {
  // This repository's packages served by a local registry, as they would be published; a workspace
  // without @mlops/cli, on a runner of its own (the other tests' workspace has it installed).
  let registry: LocalRegistry;
  let fresh: Runner;

  beforeAll(async () => {
    registry = await startLocalRegistry(join(temp.dir, 'registry'));
    fresh = makeRunner(join(temp.dir, 'fresh'));
    checkout(fresh.workspace);
  }, 60_000);
  afterAll(async () => await registry?.stop());

  it('a project without @mlops/cli: npm installs the pinned version under RUNNER_TEMP, whose bins run the checks; a later step reuses it', async () => {
    const version = cliVersion('');
    expect(registry.tarballs.map((tarball) => tarball.version)).toEqual(Array(6).fill(version));
    const folder = join(fresh.temp, `mlops-cli-${version}`);
    const cli = join(folder, 'node_modules', '@mlops', 'cli');

    const args = ['--reference', 'data/reference.csv', '--current', 'data/current.csv'];
    const drift = runAction(fresh, { tool: 'drift', args: args.join(' '), summary: 'true' }, registry.env);
    const report = await runInProcess('drift-detector', [...args, '--format', 'markdown'], {
      cwd: fresh.workspace,
    });
    expect(drift.code, drift.stderr).toBe(1);
    expect(drift.stderr).toBe(
      `mlops action: installing @mlops/cli@${version} into ${folder}\nmlops action: drift-detector of @mlops/cli ${version} (${cli})\n`,
    );
    // npm's one line of output (it runs with --loglevel=error), then the tool's report.
    const npmOutput = /^\nadded \d+ packages in [\d.]+m?s\n/.exec(drift.stdout);
    expect(npmOutput, drift.stdout.slice(0, 200)).not.toBeNull();
    expect(drift.stdout.slice(npmOutput![0].length)).toBe(report.stdout);
    expect(drift.summary).toBe(report.stdout);

    // Every @mlops package and tarball came from the registry, once; the rest is npm's business.
    expect(registry.requests().sort()).toEqual(installRequests(registry.tarballs));
    // A real install of the pinned version in its own folder, not a link to this repository...
    expect(JSON.parse(readFileSync(join(cli, 'package.json'), 'utf8')).version).toBe(version);
    expect(realpathSync(cli).startsWith(`${realpathSync(fresh.temp)}/`)).toBe(true);
    expect(readdirSync(join(folder, 'node_modules', '.bin')).sort()).toEqual(
      expect.arrayContaining(['drift-detector', 'mlops', 'model-registry', 'pipeline-validator']),
    );
    // ...and nothing else: no partial install left, the project's files untouched.
    expect(readdirSync(fresh.temp).filter((name) => name.startsWith('mlops-cli-'))).toEqual([
      `mlops-cli-${version}`,
    ]);
    expect(readdirSync(folder)).toEqual(['node_modules']);
    expect(readdirSync(fresh.workspace).sort()).toEqual([
      'clean',
      'data',
      'model_registry.json',
      'pipelines',
    ]);

    // The next step of the job finds the install: npm does not run, the registry is not asked.
    const files = ['pipelines/invalid.json', 'pipelines/valid.json'];
    const lint = runAction(
      fresh,
      { tool: 'pipeline', args: 'pipelines/*.json', summary: 'true' },
      registry.env,
    );
    expect(lint.code).toBe(1);
    expect(lint.stderr).toBe(`mlops action: pipeline-validator of @mlops/cli ${version} (${cli})\n`);
    expect(lint.stdout).toBe(
      (await runInProcess('pipeline-validator', [...files, '--format', 'markdown'], { cwd: fresh.workspace }))
        .stdout,
    );
    expect(lint.summary).toBe(lint.stdout);
    expect(registry.requests()).toHaveLength(2 * registry.tarballs.length);
  });

  it("the workspace's .npmrc reaches the install: a registry named there alone is used", () => {
    const project = makeRunner(join(temp.dir, 'project-npmrc'));
    checkout(project.workspace);
    writeFileSync(join(project.workspace, '.npmrc'), `@mlops:registry=${registry.url}\n`);
    // The user config without the scope's registry: only the project's names it.
    const env = envWithoutScope(registry, join(temp.dir, 'npmrc-without-scope'));
    const before = registry.requests().length;
    const drift = runAction(
      project,
      { tool: 'drift', args: '--reference data/reference.csv --current data/current.csv' },
      env,
    );
    expect(drift.code, drift.stderr).toBe(1);
    expect(registry.requests().slice(before).sort()).toEqual(installRequests(registry.tarballs));
    // The workspace keeps its .npmrc, and nothing else is added to it.
    expect(readFileSync(join(project.workspace, '.npmrc'), 'utf8')).toBe(`@mlops:registry=${registry.url}\n`);
  });
});
