/**
 * pipeline-validator on sets of files: folders and quoted glob patterns (expanded by the tool, sorted,
 * bounded), the JSON shapes, the config found up the folder tree, YAML pipeline files (hostile ones
 * included). Each program runs in this process (runInProcess: the same code and streams as the bin,
 * checked against the built bins in in-process.test.ts); the built bin runs where the process is the
 * subject: the "billion laughs" file under a small heap (--max-old-space-size).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { type BinResult, hasStackTrace, makeTempDir, ROOT, runBin } from '../helpers/bins.js';
import { runInProcess } from '../helpers/in-process.js';

const FRAUD = readFileSync(join(ROOT, 'fixtures/pipeline/legacy/fraud_training_valid.json'), 'utf8'); // 1 warning

let temp: { dir: string; cleanup: () => void };
beforeAll(() => {
  temp = makeTempDir('mlops-pipeline-files-');
});
afterAll(() => temp.cleanup());

/** Writes files under a new folder of the temporary one (made a git work tree) and returns its path. */
function tree(name: string, files: Record<string, string>): string {
  const root = join(temp.dir, name);
  mkdirSync(join(root, '.git'), { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

function validator(args: string[], cwd: string): Promise<BinResult> {
  return runInProcess('pipeline-validator', args, { cwd });
}

/** An error run: exit 2, one line on stderr, nothing on stdout, no stack trace. */
function expectInputError(result: BinResult, line: string) {
  expect(result.stdout).toBe('');
  expect(result.stderr).toBe(`${line}\n`);
  expect(hasStackTrace(result.stderr)).toBe(false);
  expect(result.code).toBe(2);
}

const VALID = readFileSync(join(ROOT, 'fixtures/pipeline/valid.json'), 'utf8'); // no issue
const INVALID = readFileSync(join(ROOT, 'fixtures/pipeline/invalid.json'), 'utf8'); // 3 errors

/** A folder of pipelines with what a folder should not yield beside them. */
function pipelinesTree(name: string): string {
  return tree(name, {
    'pipelines/train.json': FRAUD,
    'pipelines/b-invalid.json': INVALID,
    'pipelines/nightly/etl.json': VALID,
    'pipelines/README.md': '# not a pipeline',
    'pipelines/.draft.json': '{',
    'pipelines/.archive/old.json': '{',
    'pipelines/node_modules/pkg/package.json': '{"name": "pkg"}',
  });
}

const files = (stdout: string) => (JSON.parse(stdout) as { file: string }[]).map((report) => report.file);

const severities = (stdout: string) =>
  (JSON.parse(stdout).issues as { severity: string }[]).map((issue) => issue.severity);

describe('.mlops-pipeline.json found up the folder tree', () => {
  it('applies the nearest config above the pipeline, up to the root of the git work tree', async () => {
    const root = tree('config-up', {
      '.mlops-pipeline.json': '{"rules": {"UNRESOLVED_INPUT": "error"}}',
      'ci/nightly/p.json': FRAUD,
    });
    const result = await validator(['ci/nightly/p.json', '--json'], root);
    expect(result.code).toBe(1);
    expect(severities(result.stdout)).toEqual(['error']);
    // From inside the tree, the same config: the search starts at the pipeline file, not at the cwd.
    expect(severities((await validator(['p.json', '--json'], join(root, 'ci/nightly'))).stdout)).toEqual([
      'error',
    ]);
  });

  it('the nearest config wins, without merging with the one above', async () => {
    const root = tree('config-nearest', {
      '.mlops-pipeline.json': '{"rules": {"UNRESOLVED_INPUT": "error"}}',
      'ci/.mlops-pipeline.json': '{"rules": {"NO_NOTIFICATIONS": "error"}}',
      'ci/p.json': FRAUD,
    });
    const result = await validator(['ci/p.json', '--json'], root);
    expect(result.code).toBe(0);
    expect(severities(result.stdout)).toEqual(['warning']);
  });

  it('a config above the git work tree does not apply', async () => {
    const outer = tree('config-outer', { '.mlops-pipeline.json': '{"rules": {"UNRESOLVED_INPUT": "off"}}' });
    mkdirSync(join(outer, 'repo', 'ci'), { recursive: true });
    writeFileSync(join(outer, 'repo', '.git'), 'gitdir: /elsewhere\n');
    writeFileSync(join(outer, 'repo', 'ci', 'p.json'), FRAUD);
    expect(severities((await validator(['ci/p.json', '--json'], join(outer, 'repo'))).stdout)).toEqual([
      'warning',
    ]);
  });

  it('--config wins over any config found', async () => {
    const root = tree('config-flag', {
      '.mlops-pipeline.json': '{"rules": {"UNRESOLVED_INPUT": "error"}}',
      'off.json': '{"rules": {"UNRESOLVED_INPUT": "off"}}',
      'ci/p.json': FRAUD,
    });
    const result = await validator(['ci/p.json', '--config', 'off.json', '--json'], root);
    expect(result.code).toBe(0);
    expect(severities(result.stdout)).toEqual([]);
  });

  it('a bad config above is exit 2, named from the working folder', async () => {
    const root = tree('config-bad', {
      '.mlops-pipeline.json': '{"rules": {"NO_SUCH_RULE": "off"}}',
      'ci/p.json': FRAUD,
    });
    const result = await validator(['p.json'], join(root, 'ci'));
    expect(result.stderr).toMatch(
      /^error: \.\.\/\.mlops-pipeline\.json:1:12: invalid config file: unknown rule "NO_SUCH_RULE" \(valid rule ids: /,
    );
    expectInputError(result, result.stderr.trimEnd());
  });
});

describe('folders and glob patterns', () => {
  it('a folder: every *.json below it, hidden names and node_modules skipped, in name order', async () => {
    const root = pipelinesTree('folder');
    const result = await validator(['validate', 'pipelines/', '--json'], root);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(files(result.stdout)).toEqual([
      'pipelines/b-invalid.json',
      'pipelines/nightly/etl.json',
      'pipelines/train.json',
    ]);
    // The umbrella bin, the root form and an absolute folder: the same files.
    const umbrella = await runInProcess('mlops', ['pipeline', 'validate', 'pipelines', '--json'], {
      cwd: root,
    });
    expect(files(umbrella.stdout)).toEqual([
      'pipelines/b-invalid.json',
      'pipelines/nightly/etl.json',
      'pipelines/train.json',
    ]);
    expect(files((await validator([join(root, 'pipelines'), '--json'], temp.dir)).stdout)).toEqual([
      join(root, 'pipelines/b-invalid.json'),
      join(root, 'pipelines/nightly/etl.json'),
      join(root, 'pipelines/train.json'),
    ]);
  });

  it('a quoted pattern is expanded by the tool, ** included', async () => {
    const root = pipelinesTree('pattern');
    expect(files((await validator(['pipelines/**/*.json', '--json'], root)).stdout)).toEqual([
      'pipelines/b-invalid.json',
      'pipelines/nightly/etl.json',
      'pipelines/train.json',
    ]);
    expect(files((await validator(['pipelines/t*.json', '--json'], root)).stdout)).toEqual([
      'pipelines/train.json',
    ]);
    expect(files((await validator(['pipelines/{train,nightly/etl}.json', '--json'], root)).stdout)).toEqual([
      'pipelines/nightly/etl.json',
      'pipelines/train.json',
    ]);
  });

  it('files come in name order whatever the argument order, each once', async () => {
    const root = pipelinesTree('order');
    const result = await validator(
      ['pipelines/train.json', 'pipelines/nightly', 'pipelines/b-invalid.json', 'pipelines/*.json', '--json'],
      root,
    );
    expect(files(result.stdout)).toEqual([
      'pipelines/b-invalid.json',
      'pipelines/nightly/etl.json',
      'pipelines/train.json',
    ]);
  });

  it('a folder or a pattern matching no pipeline file is exit 2, never a pass on nothing', async () => {
    const root = pipelinesTree('nothing');
    mkdirSync(join(root, 'empty'));
    expectInputError(
      await validator(['empty'], root),
      'error: empty: no pipeline file (*.json, *.yaml, *.yml) in this folder (node_modules and names starting with "." are skipped; name a file of another kind directly)',
    );
    expectInputError(
      await validator(['pipelines/**/*.jsno'], root),
      'error: pipelines/**/*.jsno: no file matches this pattern (quote the pattern so the shell passes it as typed, and check the folder (node_modules and names starting with "." are skipped))',
    );
    expectInputError(
      await validator(['pipelines/*.md', '--json'], root),
      'error: pipelines/*.md: no pipeline file (*.json, *.yaml, *.yml) among the 1 files this pattern matches (quote the pattern so the shell passes it as typed, and check the folder (node_modules and names starting with "." are skipped))',
    );
    // Nothing is validated when one argument names nothing, even if others are fine.
    expect((await validator(['pipelines/train.json', 'empty'], root)).stdout).toBe('');
  });

  it('more than 10,000 files is exit 2 with the count', async () => {
    const root = tree('many', {});
    mkdirSync(join(root, 'many'));
    for (let index = 0; index <= 10_000; index++) writeFileSync(join(root, 'many', `${index}.json`), '');
    expectInputError(
      await validator(['many'], root),
      'error: many: 10,001 pipeline files, more than the 10,000 one run validates (validate the folders one run at a time, or narrow the pattern)',
    );
  });
});

describe('--json: the legacy object for one file named directly, an array for any set', () => {
  const root = () => pipelinesTree('shapes');
  it('one file named directly, by --pipeline or as FILE: the legacy object', async () => {
    const dir = root();
    for (const args of [
      ['--pipeline', 'pipelines/train.json'],
      ['validate', 'pipelines/train.json'],
    ]) {
      const report = JSON.parse((await validator([...args, '--json'], dir)).stdout);
      expect(Array.isArray(report)).toBe(false);
      expect(report.pipeline_name).toBe('fraud_detection_training');
      expect(report.file).toBeUndefined();
    }
  });

  it('a folder or a pattern, even of one file, or several arguments: an array of objects with `file`', async () => {
    const dir = root();
    expect(files((await validator(['pipelines/nightly', '--json'], dir)).stdout)).toEqual([
      'pipelines/nightly/etl.json',
    ]);
    expect(files((await validator(['pipelines/t*.json', '--json'], dir)).stdout)).toEqual([
      'pipelines/train.json',
    ]);
    expect(
      files((await validator(['pipelines/train.json', 'pipelines/train.json', '--json'], dir)).stdout),
    ).toEqual(['pipelines/train.json']);
    expect(
      files(
        (await validator(['--pipeline', 'pipelines/train.json', 'pipelines/nightly/etl.json', '--json'], dir))
          .stdout,
      ),
    ).toEqual(['pipelines/nightly/etl.json', 'pipelines/train.json']);
  });
});

describe('text: findings sorted by file, line and column, and a summary line', () => {
  it('reports come in name order, issues by position, the last line sums up the run', async () => {
    const root = pipelinesTree('text');
    const result = await validator(['pipelines', '--strict'], root);
    expect(result.code).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.filter((line) => line.startsWith('Pipeline '))).toEqual([
      'Pipeline fraud_scoring (pipelines/b-invalid.json, 5 stages)',
      'Pipeline churn_prediction_weekly (pipelines/nightly/etl.json, 8 stages)',
      'Pipeline fraud_detection_training (pipelines/train.json, 5 stages)',
    ]);
    const places = lines
      .filter((line) => line.startsWith('  ['))
      .map((line) => line.slice(line.lastIndexOf(' ') + 1))
      .map((place) => {
        const [file, row, column] = place.split(':');
        return { file: file!, row: Number(row), column: Number(column) };
      });
    expect(places.length).toBeGreaterThan(10);
    const sorted = [...places].sort(
      (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.row - b.row || a.column - b.column,
    );
    expect(places).toEqual(sorted);
    expect(lines.at(-2)).toBe('');
    expect(lines.at(-1)).toMatch(/^✖ \d+ issues \(\d+ errors, \d+ warnings, \d+ info\) in 2 of 3 files$/);
  });

  it('the summary of warnings only, and of nothing', async () => {
    const root = pipelinesTree('text-summary');
    expect((await validator(['pipelines/train.json'], root)).stdout).toMatch(
      /\n\n⚠ 1 issue \(0 errors, 1 warning, 0 info\) in 1 file\n$/,
    );
    expect((await validator(['pipelines/nightly', 'pipelines/nightly/etl.json'], root)).stdout).toMatch(
      /\nNo issues found\.\n\n✔ No issues found in 1 file\n$/,
    );
  });
});

/** A YAML pipeline with three issues at known places. */
const FRAUD_YAML = `name: fraud_yaml
schedule: "0 25 * * *"
notifications:
  on_failure: team@example.com
stages:
  - name: load
    type: data
    outputs: [rows]
  - name: featurize
    type: transform
    inputs: [rows, merchant_risk]
    outputs: [features]
  - name: train
    type: train
    inputs: [features]
    outputs: [model]
  - name: evaluate
    type: evaluate
    inputs: [model]
    outputs: [metrics]
    gate: { metric: auc, threshold: 85 }
`;

describe('YAML pipeline files', () => {
  it('are checked by the same rules, with YAML line:column positions, in every format', async () => {
    const root = tree('yaml', { 'ci/fraud.yaml': FRAUD_YAML });
    const text = await validator(['ci/fraud.yaml'], root);
    expect(text.code).toBe(1);
    expect(text.stdout).toBe(
      [
        'Pipeline fraud_yaml (ci/fraud.yaml, 4 stages)',
        'Status: [FAIL]  1 error, 2 warnings, 0 info',
        '',
        '  [WARNING] INVALID_SCHEDULE  ci/fraud.yaml:2:1',
        "    Schedule '0 25 * * *' does not match cron format: hour 25 is out of range 0-23.",
        '',
        '  [WARNING] UNRESOLVED_INPUT  ci/fraud.yaml:11:20',
        "    Stage 'featurize' requires input 'merchant_risk' which is not produced by any earlier stage.",
        '',
        '  [ERROR] INVALID_GATE  ci/fraud.yaml:21:26',
        "    Gate of stage 'evaluate' has threshold 85 for 'auc', which must lie between 0 and 1.",
        '',
        '✖ 3 issues (1 error, 2 warnings, 0 info) in 1 file',
        '',
      ].join('\n'),
    );
    const report = JSON.parse((await validator(['ci/fraud.yaml', '--json'], root)).stdout);
    expect(
      report.issues.map((issue: { path: string; line: number }) => `${issue.path} ${issue.line}`),
    ).toEqual(['/stages/1/inputs/1 11', '/stages/3/gate/threshold 21', '/schedule 2']);
    expect((await validator(['ci/fraud.yaml', '--format', 'github'], root)).stdout).toContain(
      '::error file=ci/fraud.yaml,line=21,col=26,title=INVALID_GATE::',
    );
  });

  it('give the same report as the same pipeline in JSON, but for positions', async () => {
    const value = JSON.parse(INVALID);
    const root = tree('yaml-same', { 'p.json': INVALID, 'p.yml': stringify(value) });
    const strip = (stdout: string) =>
      (JSON.parse(stdout).issues as { line?: number; column?: number }[]).map(
        ({ line, column, ...rest }) => rest,
      );
    const json = await validator(['p.json', '--json', '--strict'], root);
    const yaml = await validator(['p.yml', '--json', '--strict'], root);
    expect(yaml.code).toBe(json.code);
    expect(strip(yaml.stdout)).toEqual(strip(json.stdout));
  });

  it('are found in folders and by patterns beside JSON files, and the config above applies to them', async () => {
    const root = tree('yaml-folder', {
      '.mlops-pipeline.json': '{"rules": {"INVALID_SCHEDULE": "off"}}',
      'pipelines/a.yaml': FRAUD_YAML,
      'pipelines/b.YML': FRAUD_YAML,
      'pipelines/c.json': VALID,
      'pipelines/notes.txt': 'not a pipeline',
    });
    const result = await validator(['pipelines', '--json'], root);
    expect(files(result.stdout)).toEqual(['pipelines/a.yaml', 'pipelines/b.YML', 'pipelines/c.json']);
    const rules = (JSON.parse(result.stdout) as { issues: { rule: string }[] }[]).map((report) =>
      report.issues.map((issue) => issue.rule),
    );
    expect(rules).toEqual([['UNRESOLVED_INPUT', 'INVALID_GATE'], ['UNRESOLVED_INPUT', 'INVALID_GATE'], []]);
    // A pattern matches names case for case, as the shell does; the endings that count do not care.
    expect(files((await validator(['pipelines/*.{yaml,yml}', '--json'], root)).stdout)).toEqual([
      'pipelines/a.yaml',
    ]);
    expect(files((await validator(['pipelines/*', '--json'], root)).stdout)).toEqual([
      'pipelines/a.yaml',
      'pipelines/b.YML',
      'pipelines/c.json',
    ]);
  });
});

describe('the YAML example of docs/pipeline-validator.md', () => {
  it('parses, and its only issues are the stages it leaves out', async () => {
    const docs = readFileSync(join(ROOT, 'docs/pipeline-validator.md'), 'utf8');
    const section = docs.slice(docs.indexOf('### YAML pipeline files'));
    const example = /```yaml\n([\s\S]*?)```/.exec(section)![1]!;
    expect(example.startsWith('# yaml-language-server: $schema=./pipeline.schema.json\n')).toBe(true);
    const root = tree('docs-yaml', { 'pipeline.yaml': example });
    const report = JSON.parse((await validator(['pipeline.yaml', '--json'], root)).stdout);
    expect(report.pipeline_name).toBe('churn_prediction_weekly');
    expect(new Set(report.issues.map((issue: { rule: string }) => issue.rule))).toEqual(
      new Set(['MISSING_REQUIRED_STAGE']),
    );
  });
});

describe('hostile YAML', () => {
  /** The one INVALID_YAML issue of a run: `line:column message`. */
  function invalidYaml(result: BinResult): string {
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout);
    expect(report.issues).toHaveLength(1);
    const [issue] = report.issues;
    expect(issue.rule).toBe('INVALID_YAML');
    return `${issue.line}:${issue.column} ${issue.message}`;
  }

  it('billion laughs: refused at the first alias, at once, in little memory', () => {
    let text = 'name: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    let previous = 'a';
    for (const name of 'bcdefghi') {
      text += `${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]\n`;
      previous = name;
    }
    const root = tree('laughs', { 'laughs.yaml': text });
    const started = performance.now();
    const result = runBin('pipeline-validator', ['laughs.yaml', '--json'], {
      cwd: root,
      nodeArgs: ['--max-old-space-size=128'],
    });
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(invalidYaml(result)).toBe(
      '2:8 The file is not valid YAML: its aliases expand to too many nodes (more than 100 repetitions: the limit that stops "billion laughs" files).',
    );
  });

  it('!!js/function and !!python/object are refused, and nothing runs', async () => {
    const marker = join(temp.dir, 'pwned');
    const root = tree('tags', {
      'js.yaml': `name: !!js/function "function () { require('fs').writeFileSync('${marker}', 'x') }"\nstages: []\n`,
      'py.yaml': 'name: p\nstages: !!python/object/apply:os.system ["touch pwned"]\n',
    });
    expect(invalidYaml(await validator(['js.yaml', '--json'], root))).toBe(
      `1:7 The file is not valid YAML: the tag "!!js/function" is not one of YAML's core schema (a pipeline file holds mappings, sequences, strings, numbers, booleans and null).`,
    );
    expect(invalidYaml(await validator(['py.yaml', '--json'], root))).toBe(
      `2:9 The file is not valid YAML: the tag "!!python/object/apply:os.system" is not one of YAML's core schema (a pipeline file holds mappings, sequences, strings, numbers, booleans and null).`,
    );
    expect(existsSync(marker)).toBe(false);
    expect(existsSync(join(root, 'pwned'))).toBe(false);
  });

  it('a duplicate key, two documents, deep nesting: refused at their place', async () => {
    const root = tree('refused', {
      'dup.yaml': 'name: p\nstages: []\nname: q\n',
      'two.yaml': 'name: p\n---\nname: q\n',
      'deep.yaml': `name: p\nparameters: ${'['.repeat(200_000)}\n`,
    });
    expect(invalidYaml(await validator(['dup.yaml', '--json'], root))).toBe(
      '3:1 The file is not valid YAML: the key "name" appears twice in one mapping (keys must be unique).',
    );
    expect(invalidYaml(await validator(['two.yaml', '--json'], root))).toBe(
      '2:1 The file is not valid YAML: a second document starts here (a pipeline file holds one YAML document).',
    );
    expect(invalidYaml(await validator(['deep.yaml', '--json'], root))).toBe(
      '2:112 The file is not valid YAML: more than 100 levels of nested mappings and sequences (the most this tool reads).',
    );
  });

  it('__proto__ and constructor are names like any other', async () => {
    const root = tree('proto', {
      'p.yaml': [
        'name: p',
        'notifications: {__proto__: {polluted: true}}',
        'stages:',
        '  - {name: __proto__, type: data, outputs: [constructor]}',
        '  - {name: toString, type: transform, inputs: [constructor], outputs: [x], depends_on: [__proto__]}',
        '  - {name: __proto__, type: train, inputs: [x], outputs: [m]}',
        '',
      ].join('\n'),
    });
    const report = JSON.parse((await validator(['p.yaml', '--json'], root)).stdout);
    expect(report.issues.filter((issue: { rule: string }) => issue.rule === 'DUPLICATE_STAGE_NAME')).toEqual([
      {
        severity: 'error',
        rule: 'DUPLICATE_STAGE_NAME',
        message: "Duplicate stage name: '__proto__'.",
        path: '/stages/2/name',
        line: 6,
        column: 6,
      },
    ]);
    expect(report.issues.map((issue: { rule: string }) => issue.rule)).not.toContain('UNKNOWN_DEPENDENCY');
  });

  it('a YAML file over 1 MB is exit 2 before it is parsed', async () => {
    const root = tree('big-yaml', { 'big.yaml': `name: p\n# ${'x'.repeat(1024 * 1024)}\n` });
    expectInputError(
      await validator(['big.yaml'], root),
      'error: big.yaml: YAML pipeline file is larger than the 1 MB this tool reads',
    );
  });
});
