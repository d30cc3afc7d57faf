/**
 * `--format` and `-o FILE` in pairs (cli-kit's report-outputs.ts; docs/drift-detector.md and
 * docs/pipeline-validator.md, "Reports and output files"; docs/model-registry.md, "Outputs"), and
 * `--format junit`, each program run in this process (runInProcess: the same code and streams as the
 * built bin, checked against the bins in in-process.test.ts) on real files in a temporary folder: each
 * file holds exactly what the format prints on stdout alone; stdout gets only the `--format` left without `-o`; the exit code is the check's; a
 * run that fails with exit 2 writes nothing, and an output that is an input, is named twice or lies
 * in a folder that does not exist is refused before anything is read.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BinName, type BinResult, makeTempDir, ROOT } from '../helpers/bins.js';
import { runInProcess } from '../helpers/in-process.js';
import { childrenNamed, parseXml } from '../helpers/xml.js';

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = makeTempDir('mlops-report-outputs-'));
  for (const path of [
    'fixtures/drift/reference.csv',
    'fixtures/drift/current.csv',
    'fixtures/pipeline/invalid.json',
    'fixtures/pipeline/valid.json',
  ])
    copyFileSync(join(ROOT, path), join(dir, basename(path)));
});
afterAll(() => cleanup());

const run = (bin: BinName, args: readonly string[], env: Record<string, string> = {}) =>
  runInProcess(bin, args, { cwd: dir, env });
/** Several runs, one after the other, their results in the same order. */
async function inTurn<T>(items: readonly T[], task: (item: T) => Promise<BinResult>): Promise<BinResult[]> {
  const results: BinResult[] = [];
  for (const item of items) results.push(await task(item));
  return results;
}
const runAll = (runs: readonly (readonly [BinName, readonly string[], Record<string, string>?])[]) =>
  inTurn(runs, ([bin, args, env]) => run(bin, args, env));
const read = (name: string) => readFileSync(join(dir, name), 'utf8');
/** The files of the folder that are not the inputs: what the runs wrote (temporary files included). */
const written = () =>
  readdirSync(dir)
    .filter((name) => !['reference.csv', 'current.csv', 'invalid.json', 'valid.json'].includes(name))
    .sort();

const CHECK = ['--reference', 'reference.csv', '--current', 'current.csv'];

describe('drift-detector: -o after each --format', () => {
  it('markdown and junit to files from one run, nothing on stdout, exit 1 on the alert', async () => {
    const [both, markdown, junit] = await runAll([
      [
        'drift-detector',
        [...CHECK, '--format', 'markdown', '-o', 'summary.md', '--format', 'junit', '-o', 'drift.xml'],
      ],
      ['drift-detector', [...CHECK, '--format', 'markdown']],
      ['drift-detector', [...CHECK, '--format', 'junit']],
    ]);
    expect(both).toEqual({ code: 1, stdout: '', stderr: '' });
    expect(read('summary.md')).toBe(markdown!.stdout);
    expect(read('drift.xml')).toBe(junit!.stdout);
    const root = parseXml(read('drift.xml'));
    expect(root.attributes).toMatchObject({ tests: '7', failures: '3', errors: '0' });
    const cases = childrenNamed(childrenNamed(root, 'testsuite')[0]!, 'testcase');
    expect(cases.map((testCase) => [testCase.attributes.name, testCase.children[0]!.name])).toEqual([
      ['column monthly_spend', 'failure'],
      ['column plan', 'failure'],
      ['column customer_age', 'system-out'],
      ['column sessions_per_week', 'system-out'],
      ['column tenure_months', 'system-out'],
      ['column country', 'system-out'],
      ['drift share at most 0.3', 'failure'],
    ]);
    expect(written()).toEqual(['drift.xml', 'summary.md']);
  });

  it('a --format with no -o after it goes to stdout; --json and -o - count too; -o alone takes text', async () => {
    const [mixed, jsonFirst, dash, alone, text, json] = await runAll([
      ['drift-detector', [...CHECK, '--format', 'json', '-o', 'report.json', '--format', 'text']],
      ['drift-detector', [...CHECK, '--format', 'text', '--json', '-o', 'json2.json']],
      ['drift-detector', [...CHECK, '--format', 'junit', '-o', '-', '--format=markdown', '--output=s.md']],
      ['drift-detector', [...CHECK, '-o', 'report.txt']],
      ['drift-detector', CHECK],
      ['drift-detector', [...CHECK, '--json']],
    ]);
    expect(mixed).toEqual({ code: 1, stdout: text!.stdout, stderr: '' });
    expect(read('report.json')).toBe(json!.stdout);
    expect(jsonFirst).toEqual({ code: 1, stdout: text!.stdout, stderr: '' });
    expect(read('json2.json')).toBe(json!.stdout);
    expect(dash!.code).toBe(1);
    expect(parseXml(dash!.stdout).name).toBe('testsuites');
    expect(read('s.md').startsWith('### Data drift: 2 of 6 features drifted')).toBe(true);
    expect(alone).toEqual({ code: 1, stdout: '', stderr: '' });
    expect(read('report.txt')).toBe(text!.stdout);
  });

  it('exit 0 without an alert, the files written all the same; a file is never coloured', async () => {
    const same = ['--reference', 'reference.csv', '--current', 'reference.csv'];
    const color = { FORCE_COLOR: '1' };
    const [pass, colored, plain] = await runAll([
      ['drift-detector', [...same, '--format', 'junit', '-o', 'pass.xml', '--format', 'text'], color],
      ['drift-detector', [...CHECK, '-o', 'colored.txt'], color],
      ['drift-detector', CHECK],
    ]);
    expect(pass!.code).toBe(0);
    expect(pass!.stdout).toContain('\u001b[32mOK: 0/6 features drifted');
    expect(parseXml(read('pass.xml')).attributes).toMatchObject({ tests: '7', failures: '0', errors: '0' });
    expect(colored!.code).toBe(1);
    expect(read('colored.txt')).toBe(plain!.stdout);
  });

  it('replaces an existing file atomically (a new inode, no temporary file left); the exit code is the check’s', async () => {
    writeFileSync(join(dir, 'replaced.json'), 'old');
    const before = statSync(join(dir, 'replaced.json')).ino;
    const result = await run('drift-detector', [...CHECK, '--format', 'json', '-o', 'replaced.json']);
    expect(result.code).toBe(1);
    expect(statSync(join(dir, 'replaced.json')).ino).not.toBe(before);
    expect(JSON.parse(read('replaced.json')).alert).toBe(true);
    expect(written().filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('exit 2 writes nothing: a missing input, two reports to stdout, an output that is an input, named twice or in a missing folder', async () => {
    writeFileSync(join(dir, 'kept.json'), 'old report');
    symlinkSync('kept.json', join(dir, 'kept-link.json'));
    const reference = read('reference.csv');
    const cases: [string[], string][] = [
      [
        ['--reference', 'reference.csv', '--current', 'missing.csv', '--format', 'json', '-o', 'kept.json'],
        'error: missing.csv: file not found (check the path)\n',
      ],
      [
        [...CHECK, '--format', 'json', '-o', 'kept.json', '--format', 'markdown', '--format', 'text'],
        'error: --format markdown and --format text both write to stdout (write one of them to a file: -o FILE right after its --format)\n',
      ],
      [
        [...CHECK, '--format', 'json', '-o', 'new.json', '-o', 'reference.csv'],
        'error: -o: reference.csv is the same file as --reference reference.csv: writing the JSON report would overwrite an input (name another file for the output)\n',
      ],
      [
        [...CHECK, '--format', 'json', '-o', 'kept.json', '--format', 'junit', '-o', 'kept-link.json'],
        'error: -o kept-link.json is the same file as -o kept.json: each output needs a file of its own (name another file)\n',
      ],
      [
        [...CHECK, '--html', 'kept.json', '-o', 'kept.json'],
        'error: -o kept.json is the same file as --html kept.json: each output needs a file of its own (name another file)\n',
      ],
      [[...CHECK, '-o', ''], 'error: --output: expected a file name (or - for stdout), got ""\n'],
      [
        [...CHECK, '--format', 'json', '-o', 'kept.json', '-o', 'no/such/r.json'],
        'error: no/such/r.json: cannot write the JSON report: no such folder (give -o a file path in a folder that exists and is writable)\n',
      ],
    ];
    const results = await runAll(cases.map(([args]) => ['drift-detector', args] as const));
    results.forEach((result, index) => {
      expect(result, cases[index]![1]).toEqual({ code: 2, stdout: '', stderr: cases[index]![1] });
    });
    expect(read('kept.json')).toBe('old report');
    expect(read('reference.csv')).toBe(reference);
    expect(written().filter((name) => name === 'new.json' || name.endsWith('.tmp'))).toEqual([]);
  });

  it('-f is --format: -f json prints the JSON report, -fmarkdown -o pairs as --format does, in mlops drift too', async () => {
    const [short, attached, umbrella, twice, json, markdown, text] = await runAll([
      ['drift-detector', [...CHECK, '-f', 'json']],
      ['drift-detector', [...CHECK, '-fmarkdown', '-o', 'short.md', '-f', 'text']],
      ['mlops', ['drift', ...CHECK, '-f', 'json']],
      ['drift-detector', [...CHECK, '-f', 'json', '-f', 'text']],
      ['drift-detector', [...CHECK, '--format', 'json']],
      ['drift-detector', [...CHECK, '--format', 'markdown']],
      ['drift-detector', CHECK],
    ]);
    expect(json!.code).toBe(1);
    expect(JSON.parse(json!.stdout).alert).toBe(true);
    expect(short).toEqual(json);
    expect(umbrella).toEqual(json);
    expect(attached).toEqual({ code: 1, stdout: text!.stdout, stderr: '' });
    expect(read('short.md')).toBe(markdown!.stdout);
    expect(twice).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'error: --format json and --format text both write to stdout (write one of them to a file: -o FILE right after its --format)\n',
    });
  });

  it('mlops drift takes the same pairs', async () => {
    const [umbrella, direct] = await runAll([
      ['mlops', ['drift', ...CHECK, '--format', 'junit', '-o', 'mlops.xml', '--format', 'markdown']],
      ['drift-detector', [...CHECK, '--format', 'markdown']],
    ]);
    expect(umbrella).toEqual(direct);
    expect(read('mlops.xml')).toBe(read('drift.xml'));
  });
});

describe('pipeline-validator: -o after each --format', () => {
  it('validate p.json --format sarif -o p.sarif --format text: SARIF to the file, text on stdout', async () => {
    const [pair, sarif, text] = await runAll([
      [
        'pipeline-validator',
        ['validate', 'invalid.json', '--format', 'sarif', '-o', 'p.sarif', '--format', 'text'],
      ],
      ['pipeline-validator', ['invalid.json', '--format', 'sarif']],
      ['pipeline-validator', ['invalid.json']],
    ]);
    expect(pair).toEqual({ code: 1, stdout: text!.stdout, stderr: '' });
    expect(read('p.sarif')).toBe(sarif!.stdout);
  });

  it('options before validate pair with the ones after it; junit with --max-warnings; exit 0 files too', async () => {
    const [split, junit, valid, json] = await runAll([
      ['pipeline-validator', ['--format', 'json', 'validate', 'invalid.json', '-o', 'split.json']],
      [
        'pipeline-validator',
        [
          'invalid.json',
          'valid.json',
          '--max-warnings',
          '2',
          '--format',
          'junit',
          '-o',
          'p.xml',
          '--format',
          'markdown',
          '-o',
          'p.md',
        ],
      ],
      ['pipeline-validator', ['valid.json', '--format', 'junit', '-o', 'valid.xml']],
      ['pipeline-validator', ['invalid.json', '--json']],
    ]);
    expect(split).toEqual({ code: 1, stdout: '', stderr: '' });
    expect(read('split.json')).toBe(json!.stdout);
    expect(junit).toEqual({
      code: 1,
      stdout: '',
      stderr: 'pipeline-validator: 4 warnings, more than --max-warnings 2 allows\n',
    });
    expect(read('p.md').startsWith('### pipeline-validator: ❌ 1 of 2 files failed')).toBe(true);
    const root = parseXml(read('p.xml'));
    expect(root.attributes).toMatchObject({ tests: '10', failures: '4', errors: '0' });
    expect(
      childrenNamed(root, 'testsuite').map((suite) => [suite.attributes.name, suite.attributes.failures]),
    ).toEqual([
      ['invalid.json', '3'],
      ['valid.json', '0'],
      ['--max-warnings', '1'],
    ]);
    expect(valid).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(parseXml(read('valid.xml')).attributes).toMatchObject({ tests: '1', failures: '0' });
  });

  it('exit 2 writes nothing: an unreadable file, an output that is a pipeline file or a config, two reports to stdout, a missing folder', async () => {
    writeFileSync(join(dir, 'kept.sarif'), 'old log');
    writeFileSync(join(dir, '.mlops-pipeline.json'), '{ "rules": {} }');
    const pipeline = read('invalid.json');
    const cases: [string[], string][] = [
      [
        ['missing.json', '--format', 'sarif', '-o', 'kept.sarif'],
        'error: missing.json: pipeline file not found (check the path)\n',
      ],
      [
        ['invalid.json', '--format', 'sarif', '-o', 'invalid.json'],
        'error: -o: invalid.json is the same file as invalid.json: writing the SARIF log would overwrite an input (name another file for the output)\n',
      ],
      [
        ['invalid.json', '-o', '.mlops-pipeline.json'],
        'error: -o: .mlops-pipeline.json is the same file as .mlops-pipeline.json: writing the text report would overwrite an input (name another file for the output)\n',
      ],
      [
        ['invalid.json', '--json', '--format', 'sarif'],
        'error: --json and --format sarif both write to stdout (write one of them to a file: -o FILE right after its --format)\n',
      ],
      [
        ['invalid.json', '--format', 'sarif', '-o', 'kept.sarif', '--format', 'junit', '-o', './kept.sarif'],
        'error: -o ./kept.sarif is the same file as -o kept.sarif: each output needs a file of its own (name another file)\n',
      ],
      [
        ['invalid.json', '--format', 'sarif', '-o', 'kept.sarif', '--format', 'junit', '-o', 'no/p.xml'],
        'error: no/p.xml: cannot write the JUnit report: no such folder (give -o a file path in a folder that exists and is writable)\n',
      ],
    ];
    const results = await runAll(cases.map(([args]) => ['pipeline-validator', args] as const));
    results.forEach((result, index) => {
      expect(result, cases[index]![1]).toEqual({ code: 2, stdout: '', stderr: cases[index]![1] });
    });
    expect(read('kept.sarif')).toBe('old log');
    expect(read('invalid.json')).toBe(pipeline);
    expect(read('.mlops-pipeline.json')).toBe('{ "rules": {} }');
  });

  it('-f is --format: -f json and -fsarif -o, in mlops pipeline too', async () => {
    const [short, pair, umbrella, json, sarif, text] = await runAll([
      ['pipeline-validator', ['invalid.json', '-f', 'json']],
      ['pipeline-validator', ['-fsarif', 'validate', 'invalid.json', '-o', 'short.sarif', '-f', 'text']],
      ['mlops', ['pipeline', 'validate', 'invalid.json', '-f', 'json']],
      ['pipeline-validator', ['invalid.json', '--format', 'json']],
      ['pipeline-validator', ['invalid.json', '--format', 'sarif']],
      ['pipeline-validator', ['invalid.json']],
    ]);
    expect(json!.code).toBe(1);
    expect(JSON.parse(json!.stdout).valid).toBe(false);
    expect(short).toEqual(json);
    expect(umbrella).toEqual(json);
    expect(pair).toEqual(text);
    expect(read('short.sarif')).toBe(sarif!.stdout);
  });

  it('mlops pipeline validate takes the same pairs', async () => {
    const [umbrella, direct] = await runAll([
      [
        'mlops',
        ['pipeline', 'validate', 'valid.json', '--format', 'junit', '-o', 'mlops-p.xml', '--format', 'text'],
      ],
      ['pipeline-validator', ['valid.json']],
    ]);
    expect(umbrella).toEqual(direct);
    expect(read('mlops-p.xml')).toBe(read('valid.xml'));
  });
});

describe('model-registry: -o after each --format, on every command', () => {
  const fixtures = join(ROOT, 'fixtures/registry');
  const legacy = (name: string) => readFileSync(join(fixtures, name), 'utf8');
  let folders = 0;
  /** A folder of its own with a copy of the legacy registry as ./model_registry.json. */
  function freshFolder(): string {
    const folder = join(dir, `registry-${folders++}`);
    mkdirSync(folder);
    copyFileSync(join(fixtures, 'model_registry.json'), join(folder, 'model_registry.json'));
    return folder;
  }
  const inFolder = (folder: string, bin: BinName, args: readonly string[]) =>
    runInProcess(bin, args, { cwd: folder, env: { MLOPS_ACTOR: 'tester' } });
  const registryOf = (folder: string) => readFileSync(join(folder, 'model_registry.json'), 'utf8');
  const REGISTER = ['register', '--name', 'churn', '--version', '1.4.0', '--metrics', '{"auc": 0.91}'];
  const PROMOTE = ['promote', '--name', 'recommender', '--version', '1.2.0', '--stage', 'production'];
  const BOTH_TO_STDOUT =
    'both write to stdout (write one of them to a file: -o FILE right after its --format)';

  it('list --format json -o list.json --format text: the JSON in the file, the table on stdout', async () => {
    const folder = freshFolder();
    const [pair, before, short, umbrella] = await inTurn(
      [
        ['model-registry', ['list', '--format', 'json', '-o', 'list.json', '--format', 'text']],
        ['model-registry', ['--format', 'json', '-o', 'before.json', 'list', '-f', 'text']],
        ['model-registry', ['list', '-f', 'json']],
        ['mlops', ['registry', 'list', '-f', 'json']],
      ] as const,
      ([bin, args]) => inFolder(folder, bin, args),
    );
    expect(pair).toEqual({ code: 0, stdout: legacy('legacy-output.list.txt'), stderr: '' });
    expect(readFileSync(join(folder, 'list.json'), 'utf8')).toBe(legacy('legacy-output.list.json'));
    expect(before).toEqual(pair);
    expect(readFileSync(join(folder, 'before.json'), 'utf8')).toBe(legacy('legacy-output.list.json'));
    expect(short).toEqual({ code: 0, stdout: legacy('legacy-output.list.json'), stderr: '' });
    expect(umbrella).toEqual(short);
    expect(registryOf(folder)).toBe(legacy('model_registry.json'));
  });

  it('register … --json -o r.json: the new entry in the file, nothing on stdout; -o alone takes text', async () => {
    const folder = freshFolder();
    const json = await inFolder(folder, 'model-registry', [...REGISTER, '--json', '-o', 'r.json']);
    expect(json).toEqual({ code: 0, stdout: '', stderr: '' });
    const entry = JSON.parse(registryOf(folder)).find(
      (each: { name: string; version: string }) => each.name === 'churn' && each.version === '1.4.0',
    );
    expect(entry).toMatchObject({ stage: 'development', metrics: { auc: 0.91 } });
    expect(readFileSync(join(folder, 'r.json'), 'utf8')).toBe(`${JSON.stringify(entry, null, 2)}\n`);
    const text = await inFolder(folder, 'mlops', [
      'registry',
      'register',
      '--name',
      'churn',
      '--version',
      '1.5.0',
      '-o',
      'r.txt',
    ]);
    expect(text).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(join(folder, 'r.txt'), 'utf8')).toBe(
      'Registered: churn 1.5.0 (stage: development)\n  Metrics: (none)\n',
    );
  });

  it('promote refused: the refusal in the JSON file, no text report, exit 1', async () => {
    const folder = freshFolder();
    const result = await inFolder(folder, 'model-registry', [
      ...PROMOTE,
      '--require',
      'ndcg>=0.5',
      '--format',
      'json',
      '-o',
      'refusal.json',
      '--format',
      'text',
      '-o',
      'promote.txt',
    ]);
    const reason = 'promotion of recommender 1.2.0 to production refused: not met: ndcg>=0.5 (ndcg = 0.43)';
    expect(result).toEqual({ code: 1, stdout: '', stderr: `error: ${reason} (nothing was changed)\n` });
    expect(JSON.parse(readFileSync(join(folder, 'refusal.json'), 'utf8'))).toEqual({
      promoted: false,
      name: 'recommender',
      version: '1.2.0',
      stage: 'production',
      unmet: [{ requirement: 'ndcg>=0.5', metric: 'ndcg', value: 0.43 }],
      reason,
    });
    expect(existsSync(join(folder, 'promote.txt'))).toBe(false);
    expect(registryOf(folder)).toBe(legacy('model_registry.json'));
  });

  it('exit 2 before the registry is read or written: -o the registry or the config, two reports to stdout, a missing folder', async () => {
    const folder = freshFolder();
    writeFileSync(join(folder, '.mlops.json'), '{}\n');
    symlinkSync('model_registry.json', join(folder, 'registry-link.json'));
    const overwrite = (output: string, input: string, what = 'JSON report') =>
      `error: -o: ${output} is the same file as ${input}: writing the ${what} would overwrite an input (name another file for the output)\n`;
    const cases: [BinName, string[], string][] = [
      [
        'model-registry',
        ['list', '-o', 'model_registry.json'],
        overwrite('model_registry.json', 'the registry file model_registry.json', 'text report'),
      ],
      [
        'model-registry',
        [...REGISTER, '--json', '-o', 'model_registry.json'],
        overwrite('model_registry.json', 'the registry file model_registry.json'),
      ],
      [
        'mlops',
        [
          'registry',
          '--registry',
          './model_registry.json',
          ...PROMOTE,
          '-f',
          'json',
          '-o',
          'registry-link.json',
        ],
        overwrite('registry-link.json', 'the registry file ./model_registry.json'),
      ],
      [
        'model-registry',
        ['compare', '--name', 'recommender', '--versions', '1.0.0', '1.1.0', '--json', '-o', '.mlops.json'],
        overwrite('.mlops.json', 'the project config .mlops.json'),
      ],
      [
        'model-registry',
        ['--config', '.mlops.json', ...PROMOTE, '--json', '-o', 'a.json', '-o', './.mlops.json'],
        overwrite('./.mlops.json', '--config .mlops.json'),
      ],
      [
        'model-registry',
        ['list', '--json', '--format', 'text'],
        `error: --json and --format text ${BOTH_TO_STDOUT}\n`,
      ],
      [
        'mlops',
        ['registry', '--json', 'rollback', '--name', 'recommender', '--format', 'text'],
        `error: --json and --format text ${BOTH_TO_STDOUT}\n`,
      ],
      [
        'model-registry',
        [...PROMOTE, '--json', '-o', 'a.json', '-o', 'no/such/promote.json'],
        'error: no/such/promote.json: cannot write the JSON report: no such folder (give -o a file path in a folder that exists and is writable)\n',
      ],
    ];
    const results = await inTurn(cases, ([bin, args]) => inFolder(folder, bin, args));
    results.forEach((result, index) => {
      expect(result, cases[index]![2]).toEqual({ code: 2, stdout: '', stderr: cases[index]![2] });
    });
    expect(registryOf(folder)).toBe(legacy('model_registry.json'));
    expect(readFileSync(join(folder, '.mlops.json'), 'utf8')).toBe('{}\n');
    expect(readdirSync(folder).sort()).toEqual(['.mlops.json', 'model_registry.json', 'registry-link.json']);
  });

  it.skipIf(!existsSync('/dev/full'))(
    'a report that fails after the registry changed: exit 2, the change kept and said so',
    async () => {
      const folder = freshFolder();
      const result = await inFolder(folder, 'model-registry', [...PROMOTE, '-f', 'json', '-o', '/dev/full']);
      expect(result).toEqual({
        code: 2,
        stdout: '',
        stderr:
          'error: /dev/full: cannot write the JSON report: ENOSPC: no space left on device, write (give -o a file path in a folder that exists and is writable; the registry was changed all the same)\n',
      });
      const entries = JSON.parse(registryOf(folder)) as { version: string; stage: string }[];
      expect(entries.find((entry) => entry.version === '1.2.0')?.stage).toBe('production');
    },
  );
});
