import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasStackTrace, makeTempDir, ROOT, runBin } from '../helpers/bins.js';
import { runInProcess } from '../helpers/in-process.js';

const LEGACY = join(ROOT, 'fixtures/pipeline/legacy');
const VALID = 'fixtures/pipeline/valid.json';
const INVALID = 'fixtures/pipeline/invalid.json';

let temp: { dir: string; cleanup: () => void };
beforeAll(() => {
  temp = makeTempDir('mlops-pipeline-');
});
afterAll(() => temp.cleanup());

/** Writes a file in the temporary folder and returns its path. */
function write(name: string, content: string): string {
  const path = join(temp.dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  return path;
}

/** Runs pipeline-validator's program in this process (runInProcess: the bin's stdout, stderr and exit code). */
async function validator(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  return await runInProcess('pipeline-validator', args, options);
}

/** An error run: exit 2, one line on stderr, nothing on stdout, no stack trace. */
function expectUsageError(result: Awaited<ReturnType<typeof validator>>, pattern: RegExp) {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr.trimEnd()).toMatch(pattern);
  expect(hasStackTrace(result.stderr)).toBe(false);
}

describe('legacy interface: --pipeline FILE [--strict] [--json]', () => {
  const cases = [
    'empty_stages',
    'fraud_training_valid',
    'missing_stages',
    'unknown_types_bad_cron',
    'wrong_order_and_names',
  ];
  it.each(cases.flatMap((name) => [[name, 'plain'] as const, [name, 'strict'] as const]))(
    '%s (%s): the legacy JSON object, its keys in order, positions added, same exit status',
    async (name, mode) => {
      const legacy = JSON.parse(readFileSync(join(LEGACY, `${name}.legacy-output.${mode}.json`), 'utf8'));
      const result = await validator([
        '--pipeline',
        join(LEGACY, `${name}.json`),
        ...(mode === 'strict' ? ['--strict'] : []),
        '--json',
      ]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(legacy._exit_status);
      const report = JSON.parse(result.stdout);
      const { _exit_status, ...legacyReport } = legacy;
      expect(Object.keys(report)).toEqual(Object.keys(legacyReport));
      expect(report.pipeline_name).toBe(legacy.pipeline_name);
      expect(report.total_stages).toBe(legacy.total_stages);
      for (const issue of report.issues)
        expect(Object.keys(issue)).toEqual(['severity', 'rule', 'message', 'path', 'line', 'column']);
      // Same issues apart from the two knowing departures tested issue by issue in
      // packages/core/src/pipeline/legacy.test.ts: '*/15' is valid cron; DEPLOY_WITHOUT_GATE is new.
      const legacyRules = legacy.issues
        .map((issue: { rule: string; message: string }) => `${issue.rule}: ${issue.message}`)
        .filter((line: string) => !line.includes("'*/15 * * * *'"))
        .sort();
      const ours = report.issues
        .map((issue: { rule: string; message: string }) => `${issue.rule}: ${issue.message}`)
        .filter((line: string) => !line.startsWith('DEPLOY_WITHOUT_GATE'))
        .sort();
      expect(ours).toEqual(legacyRules);
    },
  );
});

describe('text report', () => {
  it('prints the verdict, each issue with file:line:column in the order of the file, a summary (the README example)', async () => {
    const result = await validator([INVALID]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      [
        `Pipeline fraud_scoring (${INVALID}, 5 stages)`,
        'Status: [FAIL]  3 errors, 4 warnings, 1 info',
        '',
        `  [WARNING] INVALID_SCHEDULE  ${INVALID}:3:3`,
        "    Schedule '0 25 * * *' does not match cron format: hour 25 is out of range 0-23.",
        '',
        `  [WARNING] UNRESOLVED_INPUT  ${INVALID}:14:34`,
        "    Stage 'featurize' requires input 'merchant_risk' which is not produced by any earlier stage.",
        '',
        `  [ERROR] SCHEMA  ${INVALID}:16:7`,
        '    /stages/1/timeout_minutes: expected a number, got a string ("2h")',
        '',
        `  [INFO] UNUSED_OUTPUT  ${INVALID}:22:28`,
        "    Output 'training_log' of stage 'train' is not used by any other stage.",
        '',
        `  [ERROR] UNKNOWN_DEPENDENCY  ${INVALID}:23:22`,
        "    Stage 'train' depends on 'featurise', which is not the name of any stage.",
        '',
        `  [ERROR] INVALID_GATE  ${INVALID}:30:34`,
        "    Gate of stage 'evaluate' has threshold 85 for 'auc', which must lie between 0 and 1.",
        '',
        `  [WARNING] NO_ROLLBACK  ${INVALID}:32:5`,
        "    Deploy stage 'deploy' has no rollback configuration.",
        '',
        `  [WARNING] DEPLOY_WITHOUT_GATE  ${INVALID}:32:5`,
        "    Deploy stage 'deploy' is not downstream of an evaluate stage with a valid gate, so no quality gate protects it.",
        '',
        '✖ 8 issues (3 errors, 4 warnings, 1 info) in 1 file',
        '',
      ].join('\n'),
    );
  });

  it('mlops pipeline validate passes the realistic valid pipeline under --strict (the README example)', async () => {
    const result = await runInProcess('mlops', ['pipeline', 'validate', VALID, '--strict']);
    expect(result).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        'Pipeline churn_prediction_weekly (fixtures/pipeline/valid.json, 8 stages)',
        'Status: [PASS]  0 errors, 0 warnings, 0 info',
        'No issues found.',
        '',
        '✔ No issues found in 1 file',
        '',
      ].join('\n'),
    });
  });

  it('the three spellings give the same output', async () => {
    const direct = await validator([VALID, '--strict']);
    expect(await validator(['--pipeline', VALID, '--strict'])).toEqual(direct);
    expect(await validator(['validate', VALID, '--strict'])).toEqual(direct);
    expect(await validator(['--strict', 'validate', VALID])).toEqual(direct);
    expect(await runInProcess('mlops', ['pipeline', VALID, '--strict'])).toEqual(direct);
  });

  it('colours the verdict and severities only when asked (FORCE_COLOR), never on a pipe', async () => {
    expect((await validator([INVALID])).stdout).not.toContain('\u001b[');
    const coloured = await validator([INVALID], { env: { FORCE_COLOR: '1' } });
    expect(coloured.stdout).toContain('\u001b[31m\u001b[1m[FAIL]');
    expect(coloured.stdout).toContain('\u001b[33m\u001b[1m[WARNING]');
  });
});

describe('several files', () => {
  it('--json prints an array with a file key, in name order; exit 1 when any file has an error', async () => {
    const result = await validator([VALID, INVALID, '--json']);
    expect(result.code).toBe(1);
    const reports = JSON.parse(result.stdout);
    expect(reports.map((report: { file: string; valid: boolean }) => [report.file, report.valid])).toEqual([
      [INVALID, false],
      [VALID, true],
    ]);
    expect(Object.keys(reports[0])).toEqual([
      'file',
      'pipeline_name',
      'total_stages',
      'total_issues',
      'errors',
      'warnings',
      'info',
      'valid',
      'issues',
    ]);
  });

  it('text prints one report per file, a file named twice once', async () => {
    const result = await validator([VALID, join(LEGACY, 'fraud_training_valid.json'), VALID]);
    expect(result.code).toBe(0);
    expect(result.stdout.match(/^Status: \[PASS\]/gm)).toHaveLength(2);
  });
});

describe('--format sarif', () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/sarif-2.1.0.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
  // RFC 3986's characters: unreserved, reserved, and % only before two hex digits (the schema's
  // formats; ajv alone does not check them).
  const uriCharacters = "(?:[A-Za-z0-9\\-._~!$&'()*+,;=:@/?#\\[\\]]|%[0-9A-Fa-f]{2})*";
  ajv.addFormat('uri', new RegExp(`^[A-Za-z][A-Za-z0-9+.-]*:${uriCharacters}$`));
  ajv.addFormat('uri-reference', new RegExp(`^${uriCharacters}$`));
  const validate = ajv.compile(schema);

  it('validates against the SARIF 2.1.0 schema, with every rule and a located result per issue', async () => {
    const result = await validator([INVALID, VALID, '--format', 'sarif']);
    expect(result.code).toBe(1);
    const log = JSON.parse(result.stdout);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const run = log.runs[0];
    expect(log.version).toBe('2.1.0');
    expect(run.tool.driver.name).toBe('pipeline-validator');
    expect(run.tool.driver.rules).toHaveLength(24);
    for (const rule of run.tool.driver.rules) expect(rule.shortDescription.text.length).toBeGreaterThan(10);
    expect(run.results).toHaveLength(8);
    expect(run.results[0]).toEqual({
      ruleId: 'SCHEMA',
      ruleIndex: run.tool.driver.rules.findIndex((rule: { id: string }) => rule.id === 'SCHEMA'),
      level: 'error',
      message: { text: '/stages/1/timeout_minutes: expected a number, got a string ("2h")' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: INVALID, uriBaseId: '%SRCROOT%' },
            region: { startLine: 16, startColumn: 7 },
          },
        },
      ],
      properties: { path: '/stages/1/timeout_minutes' },
    });
    expect(run.results.map((r: { level: string }) => r.level)).toContain('note');
  });

  it('the schema fixture rejects what SARIF forbids (so the check above means something)', async () => {
    const log = JSON.parse((await validator([INVALID, '--format', 'sarif'])).stdout);
    const broken = structuredClone(log);
    broken.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    expect(validate(broken)).toBe(false);
    const noDriver = structuredClone(log);
    delete noDriver.runs[0].tool.driver;
    expect(validate(noDriver)).toBe(false);
    const badLevel = structuredClone(log);
    badLevel.runs[0].results[0].level = 'info';
    expect(validate(badLevel)).toBe(false);
    expect(validate({ ...log, version: '2.0.0' })).toBe(false);
  });

  it('uses a file: URI, and no base, for a file outside the working directory and any git work tree', async () => {
    const file = write('outside/p.json', readFileSync(join(ROOT, INVALID), 'utf8'));
    const log = JSON.parse((await validator([file, '--format', 'sarif'])).stdout);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({
      uri: pathToFileURL(file).href,
    });
  });

  it('is relative to the git work tree (%SRCROOT%) and percent-encoded, from any working directory', async () => {
    const repo = join(temp.dir, 'checkout');
    mkdirSync(join(repo, 'ci', 'pipelines'), { recursive: true });
    const init = spawnSync('git', ['init', '-q', repo], { encoding: 'utf8' });
    if (init.error || init.status !== 0) mkdirSync(join(repo, '.git')); // what the validator looks for
    const name = 'a #b%20c?d.json';
    const file = write(`checkout/ci/pipelines/${name}`, readFileSync(join(ROOT, INVALID), 'utf8'));
    const expected = { uri: 'ci/pipelines/a%20%23b%2520c%3Fd.json', uriBaseId: '%SRCROOT%' };
    for (const [cwd, arg] of [
      [repo, `ci/pipelines/${name}`],
      [join(repo, 'ci', 'pipelines'), name],
      [temp.dir, file],
    ] as const) {
      const result = await validator([arg, '--format', 'sarif'], { cwd });
      expect(result.code).toBe(1);
      const log = JSON.parse(result.stdout);
      expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
      const locations = log.runs[0].results.map(
        (r: { locations: { physicalLocation: { artifactLocation: unknown } }[] }) =>
          r.locations[0]!.physicalLocation.artifactLocation,
      );
      expect(locations).toHaveLength(8);
      for (const location of locations) expect(location).toEqual(expected);
    }
    // Any consumer resolving the URI against its own checkout lands on the same file.
    const elsewhere = pathToFileURL('/home/runner/work/checkout/');
    expect(fileURLToPath(new URL(expected.uri, elsewhere))).toBe(
      `/home/runner/work/checkout/ci/pipelines/${name}`,
    );
  });

  it('the schema fixture rejects a raw path as a URI (the encoding above is needed)', async () => {
    const log = JSON.parse((await validator([INVALID, '--format', 'sarif'])).stdout);
    log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = 'ci/a #b%2.json';
    expect(validate(log)).toBe(false);
  });

  it('outside any git work tree, is relative to the working directory', async () => {
    const dir = join(temp.dir, 'plain');
    write('plain/sub/p.json', readFileSync(join(ROOT, INVALID), 'utf8'));
    const log = JSON.parse((await validator(['sub/p.json', '--format', 'sarif'], { cwd: dir })).stdout);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({
      uri: 'sub/p.json',
      uriBaseId: '%SRCROOT%',
    });
  });
});

describe('--format github', () => {
  it('prints one workflow command per issue', async () => {
    const result = await validator([INVALID, '--format', 'github']);
    expect(result.code).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(8);
    expect(lines[0]).toBe(
      `::error file=${INVALID},line=16,col=7,title=SCHEMA::/stages/1/timeout_minutes: expected a number, got a string ("2h")`,
    );
    expect(lines[1]).toMatch(/^::warning file=.*,line=14,col=34,title=UNRESOLVED_INPUT::Stage 'featurize'/);
    expect(lines[3]).toMatch(/^::notice file=.*,title=UNUSED_OUTPUT::/);
  });

  it('escapes %, CR and LF in messages, and also : and , in properties', async () => {
    write(
      'odd,name:1.json',
      JSON.stringify({
        ...JSON.parse(readFileSync(join(ROOT, VALID), 'utf8')),
        schedule: '100% wrong\r\nschedule',
      }),
    );
    const result = await validator(['odd,name:1.json', '--format', 'github'], { cwd: temp.dir });
    expect(result.stdout).toBe(
      "::warning file=odd%2Cname%3A1.json,line=1,col=35,title=INVALID_SCHEDULE::Schedule '100%25 wrong%0D%0Aschedule' does not match cron format: character 11 is U+000D (a carriage return); cron separates fields with spaces and tabs only.\n",
    );
  });
});

describe('--format codeclimate', () => {
  it('the built bin prints a GitLab Code Quality report: one issue per finding, exit 1 on an error', () => {
    const result = runBin('pipeline-validator', [INVALID, VALID, '--format', 'codeclimate']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const issues = JSON.parse(result.stdout);
    expect(issues).toHaveLength(8);
    expect(issues[0]).toEqual({
      description: '/stages/1/timeout_minutes: expected a number, got a string ("2h")',
      check_name: 'SCHEMA',
      fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
      severity: 'major',
      location: {
        path: INVALID,
        lines: { begin: 16 },
        positions: { begin: { line: 16, column: 7 } },
      },
    });
    expect(issues.map((issue: { severity: string }) => issue.severity)).toEqual([
      'major',
      'minor',
      'major',
      'info',
      'major',
      'minor',
      'minor',
      'minor',
    ]);
    expect(new Set(issues.map((issue: { fingerprint: string }) => issue.fingerprint)).size).toBe(8);
    expect(result.stdout.endsWith('\n]\n')).toBe(true);
  });

  it('a clean file: an empty array and exit 0 (GitLab then shows no finding)', async () => {
    const result = await validator([VALID, '--format', 'codeclimate']);
    expect(result).toEqual({ code: 0, stdout: '[]\n', stderr: '' });
  });

  it('paths from the git work tree, with /, not encoded; the same fingerprints from any working directory', async () => {
    const repo = join(temp.dir, 'gitlab-checkout');
    mkdirSync(join(repo, 'ci', 'pipelines'), { recursive: true });
    const init = spawnSync('git', ['init', '-q', repo], { encoding: 'utf8' });
    if (init.error || init.status !== 0) mkdirSync(join(repo, '.git'));
    const name = 'a #b%20c?d.json';
    const file = write(`gitlab-checkout/ci/pipelines/${name}`, readFileSync(join(ROOT, INVALID), 'utf8'));
    const outputs = [];
    for (const [cwd, arg] of [
      [repo, `ci/pipelines/${name}`],
      [join(repo, 'ci', 'pipelines'), `./${name}`],
      [temp.dir, file],
    ] as const) {
      const result = await validator([arg, '--format', 'codeclimate'], { cwd });
      expect(result.code).toBe(1);
      const issues = JSON.parse(result.stdout);
      for (const issue of issues) expect(issue.location.path).toBe(`ci/pipelines/${name}`);
      outputs.push(result.stdout);
    }
    expect(outputs[1]).toBe(outputs[0]);
    expect(outputs[2]).toBe(outputs[0]);
  });

  it('a fingerprint stays when lines move, and a file given twice is reported once', async () => {
    const text = readFileSync(join(ROOT, INVALID), 'utf8');
    write('moved/p.json', text);
    write('moved/q.json', `\n\n\n${text}`);
    const fingerprints = async (file: string) =>
      JSON.parse(
        (await validator([file, '--format', 'codeclimate'], { cwd: join(temp.dir, 'moved') })).stdout,
      ).map((issue: { fingerprint: string; location: { path: string } }) => issue.fingerprint);
    const p = await fingerprints('p.json');
    // q.json is another file: other fingerprints; the same text moved down in p.json keeps them.
    expect(await fingerprints('q.json')).not.toEqual(p);
    write('moved/p.json', `\n\n\n${text}`);
    expect(await fingerprints('p.json')).toEqual(p);
    const twice = JSON.parse(
      (await validator(['p.json', './p.json', '--format', 'codeclimate'], { cwd: join(temp.dir, 'moved') }))
        .stdout,
    );
    expect(twice).toHaveLength(8);
    expect(new Set(twice.map((issue: { fingerprint: string }) => issue.fingerprint)).size).toBe(8);
  });

  it('--json with --format codeclimate is a usage error', async () => {
    expectUsageError(
      await validator([VALID, '--json', '--format', 'codeclimate']),
      /--json and --format codeclimate/,
    );
  });
});

describe('--format markdown', () => {
  it('prints a summary table and the issues of each failing file', async () => {
    const result = await validator([VALID, INVALID, '--format', 'markdown']);
    expect(result.code).toBe(1);
    const lines = result.stdout.split('\n');
    expect(lines.slice(0, 6)).toEqual([
      '### pipeline-validator: ❌ 1 of 2 files failed',
      '',
      '| File | Pipeline | Stages | Status | Errors | Warnings | Info |',
      '| --- | --- | ---: | --- | ---: | ---: | ---: |',
      `| <code>${INVALID}</code> | fraud_scoring | 5 | ❌ FAIL | 3 | 4 | 1 |`,
      `| <code>${VALID}</code> | churn_prediction_weekly | 8 | ✅ PASS | 0 | 0 | 0 |`,
    ]);
    expect(result.stdout).toContain(`#### <code>${INVALID}</code>`);
    expect(result.stdout).toContain(
      "| error | `INVALID_GATE` | 30:34 | Gate of stage 'evaluate' has threshold 85 for 'auc', which must lie between 0 and 1. |",
    );
  });
});

describe('--max-warnings', () => {
  const legacyValid = join(LEGACY, 'fraud_training_valid.json'); // 1 warning, no error

  it('fails when the warnings exceed N, and says so on stderr', async () => {
    expect((await validator([legacyValid, '--max-warnings', '1'])).code).toBe(0);
    const result = await validator([legacyValid, '--max-warnings', '0', '--json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).valid).toBe(true);
    expect(result.stderr).toBe('pipeline-validator: 1 warning, more than --max-warnings 0 allows\n');
  });

  it('counts the warnings of all files', async () => {
    const copy = write('max-warnings/copy.json', readFileSync(legacyValid, 'utf8'));
    expect((await validator([legacyValid, copy, '--max-warnings', '1'])).code).toBe(1);
    expect((await validator([legacyValid, legacyValid, '--max-warnings', '1'])).code).toBe(0); // once
  });

  it('rejects a value that is not a whole number', async () => {
    expectUsageError(
      await validator([legacyValid, '--max-warnings', 'many']),
      /^error: --max-warnings: expected a whole number/,
    );
    expectUsageError(
      await validator([legacyValid, '--max-warnings', '-1']),
      /^error: --max-warnings: expected a whole number/,
    );
  });
});

describe('config file', () => {
  it('reads .mlops-pipeline.json next to the pipeline', async () => {
    const dir = join(temp.dir, 'with-config');
    mkdirSync(dir, { recursive: true });
    copyFileSync(join(LEGACY, 'fraud_training_valid.json'), join(dir, 'p.json'));
    writeFileSync(
      join(dir, '.mlops-pipeline.json'),
      JSON.stringify({ rules: { UNRESOLVED_INPUT: 'error' } }),
    );
    const result = await validator([join(dir, 'p.json'), '--json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).issues.map((issue: { severity: string }) => issue.severity)).toEqual([
      'error',
    ]);
  });

  it('--config wins, and can turn a rule off', async () => {
    const config = write('off.json', JSON.stringify({ rules: { UNRESOLVED_INPUT: 'off' } }));
    const result = await validator([join(LEGACY, 'fraud_training_valid.json'), '--config', config, '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).issues).toEqual([]);
  });

  it('an unknown rule id is a usage error naming it and listing the valid ids', async () => {
    const config = write('typo.json', '{\n  "rules": {\n    "NO_TIMEOUTS": "off"\n  }\n}\n');
    const result = await validator([VALID, '--config', config]);
    expectUsageError(
      result,
      /^error: .*typo\.json:3:5: invalid config file: unknown rule "NO_TIMEOUTS" \(valid rule ids: DEPENDENCY_CYCLE, .*NO_TIMEOUT, .*UNUSED_OUTPUT\)$/,
    );
  });

  it('a wrong severity, an unknown key or invalid JSON is a usage error with its position', async () => {
    expectUsageError(
      await validator([VALID, '--config', write('sev.json', '{"rules": {"NO_TIMEOUT": "fatal"}}')]),
      /sev\.json:1:12: invalid config file: \/rules\/NO_TIMEOUT: expected one of "off", "info", "warning", "error"/,
    );
    expectUsageError(
      await validator([VALID, '--config', write('key.json', '{"rule": {}}')]),
      /key\.json:1:1: invalid config file: unknown key "rule"/,
    );
    expectUsageError(
      await validator([VALID, '--config', write('bad.json', '{"rules": {,}}')]),
      /bad\.json:1:12: config file is not valid JSON/,
    );
    expectUsageError(
      await validator([VALID, '--config', write('fixed.json', '{"rules": {"INVALID_JSON": "off"}}')]),
      /rule INVALID_JSON cannot be configured/,
    );
    expectUsageError(
      await validator([VALID, '--config', join(temp.dir, 'nope.json')]),
      /nope\.json: config file not found/,
    );
  });
});

describe('bad input', () => {
  it.each([
    [
      'empty file',
      '',
      'INVALID_JSON',
      'The file is not valid JSON: the file is empty: expected a JSON value.',
      1,
      1,
    ],
    [
      'truncated',
      '{\n  "name": "p",\n  "stages": [\n',
      'INVALID_JSON',
      expect.stringContaining('unexpected end of the file'),
      4,
      1,
    ],
    ['a JSON array', '[1, 2]', 'SCHEMA', '(root): expected an object, got an array', 1, 1],
    ['null', 'null', 'SCHEMA', '(root): expected an object, got null', 1, 1],
  ])('%s: a report with one error, exit 1', async (_name, content, rule, message, line, column) => {
    const file = write(`bad-${rule}-${line}-${content.length}.json`, content);
    const result = await validator([file, '--json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({
      pipeline_name: '(unnamed)',
      total_stages: 0,
      total_issues: 1,
      errors: 1,
      warnings: 0,
      info: 0,
      valid: false,
      issues: [{ severity: 'error', rule, message, path: '', line, column }],
    });
  });

  it('accepts a UTF-8 byte order mark, and positions ignore it', async () => {
    const text = readFileSync(join(LEGACY, 'wrong_order_and_names.json'), 'utf8');
    const file = write('bom.json', `\ufeff${text}`);
    const withBom = JSON.parse((await validator([file, '--json'])).stdout);
    const without = JSON.parse(
      (await validator([join(LEGACY, 'wrong_order_and_names.json'), '--json'])).stdout,
    );
    expect(withBom).toEqual(without);
  });

  it('a missing file, a directory, no file at all: exit 2, one line', async () => {
    expectUsageError(
      await validator([join(temp.dir, 'missing.json')]),
      /^error: .*missing\.json: pipeline file not found \(check the path\)$/,
    );
    mkdirSync(join(temp.dir, 'no-pipelines'), { recursive: true });
    expectUsageError(
      await validator([join(temp.dir, 'no-pipelines')]),
      /no-pipelines: no pipeline file \(\*\.json, \*\.yaml, \*\.yml\) in this folder \(node_modules and names starting with "\." are skipped; name a file of another kind directly\)$/,
    );
    expectUsageError(
      await validator([]),
      /^error: no pipeline file given \(pass FILE…, a folder or a quoted pattern, or --pipeline FILE/,
    );
    expectUsageError(await validator(['validate']), /^error: no pipeline file given/);
  });

  it('a missing file among good ones stops the run before any output', async () => {
    expectUsageError(await validator([VALID, join(temp.dir, 'missing.json')]), /pipeline file not found/);
  });

  it('conflicting or unknown formats are usage errors', async () => {
    expectUsageError(await validator([VALID, '--json', '--format', 'sarif']), /--json and --format sarif/);
    expectUsageError(
      await validator([VALID, '--format', 'xml']),
      /argument 'xml' is invalid\. Allowed choices are text, json, sarif, github, markdown, codeclimate, junit\./,
    );
  });

  it('a 10,000-stage file, as its own process', async () => {
    const stages = Array.from({ length: 10_000 }, (_, index) => ({
      name: `s${index}`,
      type: index === 0 ? 'data' : index === 1 ? 'transform' : index === 9_999 ? 'evaluate' : 'train',
      inputs: index === 0 ? [] : [`a${index - 1}`],
      outputs: [`a${index}`],
      ...(index === 9_999 ? { gate: { metric: 'f1', threshold: 0.9 } } : {}),
    }));
    const file = write(
      'huge.json',
      JSON.stringify({ name: 'huge', stages, notifications: { a: 'b' } }, null, 2),
    );
    const result = runBin('pipeline-validator', [file, '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ total_stages: 10_000, total_issues: 0 });
  });
});

describe('rules and schema', () => {
  it('rules lists every rule with its severity', async () => {
    const result = await validator(['rules']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(24);
    expect(lines.find((line) => line.startsWith('MISSING_EVAL_GATE'))).toMatch(
      /^MISSING_EVAL_GATE +warning \(error with --strict\) +An evaluate stage/,
    );
    expect(lines.find((line) => line.startsWith('NO_TIMEOUT'))).toMatch(/info \(--strict only\)/);
  });

  it('rules ID explains one rule with a bad and a good example (any case)', async () => {
    const result = await runInProcess('mlops', ['pipeline', 'rules', 'invalid_gate']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^INVALID_GATE: error\n/);
    expect(result.stdout).toContain('\nBad:\n  "gate": { "metric": "f1", "threshold": "0.85" }');
    expect(result.stdout).toContain('\nGood:\n');
    expect(result.stdout).toContain('Docs: docs/pipeline-validator.md#invalid_gate');
  });

  it('rules --json, and an unknown id is a usage error listing the ids', async () => {
    const rules = JSON.parse((await validator(['rules', '--json'])).stdout);
    expect(rules).toHaveLength(24);
    expect(rules[0]).toMatchObject({ id: 'DEPENDENCY_CYCLE', severity: 'error', legacy: false });
    expectUsageError(
      await validator(['rules', 'NOPE']),
      /^error: unknown rule "NOPE" \(valid ids: DEPENDENCY_CYCLE, /,
    );
  });

  it('schema prints a JSON Schema that accepts the valid fixture and $schema, and rejects wrong types', async () => {
    const result = await runInProcess('mlops', ['pipeline', 'schema']);
    expect(result.code).toBe(0);
    const schema = JSON.parse(result.stdout);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const validate = new Ajv2020({ strict: false }).compile(schema);
    const valid = JSON.parse(readFileSync(join(ROOT, VALID), 'utf8'));
    expect(validate({ $schema: './pipeline.schema.json', ...valid }), JSON.stringify(validate.errors)).toBe(
      true,
    );
    expect(validate(JSON.parse(readFileSync(join(ROOT, INVALID), 'utf8')))).toBe(false);
    expect(validate.errors?.[0]?.instancePath).toBe('/stages/1/timeout_minutes');
  });
});
