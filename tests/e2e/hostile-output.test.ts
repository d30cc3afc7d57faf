/**
 * Names from input are hostile: the three tools run in CI on files a pull request can change. Every
 * string from a registry file, a CSV file or a pipeline file, and every file name, goes through the
 * bins' programs (run in this process, tests/helpers/in-process.ts) in every output format, and the output must keep these promises (docs/guarantees.md,
 * "Untrusted input"):
 *
 * - no line of stdout or stderr starts with `::` unless it is the tool's own GitHub annotation;
 * - no ESC byte, unless colour is on, and then only SGR colour codes; no other control, bidi or
 *   invisible character anywhere;
 * - Markdown holds no `<` but the tool's own `<code>` tags, and no `](` or `![`;
 * - JUnit XML is well-formed (read back by a strict XML 1.0 reader), each value in its place;
 * - the hostile value is still there, escaped (text, Markdown) or exact (JSON).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeMarkdown, escapeText, hasUnsafeCharacters } from '@mlops/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BinName, type BinResult, hasStackTrace, makeTempDir } from '../helpers/bins.js';
import { runInProcess } from '../helpers/in-process.js';
import { childrenNamed, parseXml } from '../helpers/xml.js';

/** The values a hostile name is made of, one per attack. */
const ATTACKS = [
  '\n::error::x',
  '\u001b]0;pwned\u0007',
  '\u001b[2J',
  '\u202e',
  '<img src=x onerror=alert(1)>',
  '[link](http://evil)',
  '![img](http://evil)',
];
/** All of them in one value. */
const HOSTILE = ATTACKS.join('');
/** The same without the slashes, for file names. */
const HOSTILE_FILE = HOSTILE.replaceAll('/', '');

// Built from strings: the lint rule against control characters in a pattern.
const ESC = '\u001b';
const SGR = new RegExp(`${ESC}\\[[0-9;]*m`, 'g');
const ANNOTATION = /^::(error|warning|notice) file=[^:\n]*,line=\d+,col=\d+,title=[A-Z_]+::/;

type Format = 'text' | 'markdown' | 'github' | 'json' | 'junit';

/** The invariants every run must keep, whatever the format. */
function expectSafe(result: BinResult, format: Format, color = false): void {
  expect(hasStackTrace(result.stderr)).toBe(false);
  for (const [stream, text] of [
    ['stdout', result.stdout],
    ['stderr', result.stderr],
  ] as const) {
    if (!color) expect(text.includes(ESC), `${stream}: ESC with colour off`).toBe(false);
    const lines = text.replace(SGR, '').split('\n');
    for (const line of lines) {
      expect(hasUnsafeCharacters(line), `${stream}: ${JSON.stringify(line)}`).toBe(false);
      if (line.startsWith('::'))
        expect(
          stream === 'stdout' && format === 'github' && ANNOTATION.test(line),
          `${stream}: a line starts with :: ${JSON.stringify(line)}`,
        ).toBe(true);
    }
  }
  if (format === 'markdown') {
    expect(result.stdout.replace(/<\/?code>/g, '')).not.toContain('<');
    expect(result.stdout).not.toContain('](');
    expect(result.stdout).not.toContain('![');
  }
}

/** Each attack, and all of them together, still visible: escaped as the format escapes. */
function expectShown(text: string, format: 'text' | 'markdown', value: (hostile: string) => string): void {
  const escaped = format === 'text' ? escapeText : escapeMarkdown;
  for (const hostile of [...ATTACKS, HOSTILE]) expect(text).toContain(escaped(value(hostile)));
}

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = makeTempDir('mlops-hostile-'));
});
afterAll(() => cleanup());

const run = async (bin: BinName, args: string[], env: Record<string, string> = {}) =>
  await runInProcess(bin, args, { cwd: dir, env: { MLOPS_ACTOR: 'tester', ...env } });

describe('model-registry: hostile values in a registry file written by hand', () => {
  let registry: string;
  const history = (hostile: string) => [
    {
      time: '2026-11-27T05:12:25Z',
      action: 'register',
      from_stage: null,
      to_stage: 'development',
      actor: `ci${hostile}`,
      reason: `because${hostile}`,
    },
  ];
  const entry = (hostile: string, version: string, stage: string, auc: number) => ({
    name: `m${hostile}`,
    version: `${version}${hostile}`,
    stage,
    registered_at: '2026-11-27T05:12:25Z',
    updated_at: '2026-11-27T05:12:25Z',
    metrics: { [`auc${hostile}`]: auc },
    parameters: { [`p${hostile}`]: `v${hostile}` },
    tags: [`t${hostile}`],
    description: `d${hostile}`,
    artifact_path: `s3://a${hostile}`,
    history: history(hostile),
  });
  beforeAll(() => {
    registry = join(dir, 'registry.json');
    const entries = [...ATTACKS, HOSTILE].flatMap((hostile) => [
      entry(hostile, '1', 'staging', 0.5),
      entry(hostile, '2', 'development', 0.7),
    ]);
    writeFileSync(registry, `${JSON.stringify(entries, null, 2)}\n`);
  });
  const registryRun = async (args: string[], env: Record<string, string> = {}) =>
    await run('model-registry', ['--registry', registry, ...args], env);

  it('list: one row per entry, every value escaped', async () => {
    const result = await registryRun(['list']);
    expect(result.code).toBe(0);
    expectSafe(result, 'text');
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(2 + 2 * (ATTACKS.length + 1));
    expectShown(result.stdout, 'text', (hostile) => `m${hostile}`);
    expectShown(result.stdout, 'text', (hostile) => `1${hostile}`);
    expectShown(result.stdout, 'text', (hostile) => `auc${hostile}=0.5`);
  });

  it('show and history: tags, description, parameters, artifact, actor and reason escaped', async () => {
    const show = await registryRun(['show', '--name', `m${HOSTILE}`, '--version', `1${HOSTILE}`]);
    expect(show.code).toBe(0);
    expectSafe(show, 'text');
    for (const value of [`t${HOSTILE}`, `d${HOSTILE}`, `p${HOSTILE}=v${HOSTILE}`, `s3://a${HOSTILE}`])
      expect(show.stdout).toContain(escapeText(value));
    const log = await registryRun(['history']);
    expect(log.code).toBe(0);
    expectSafe(log, 'text');
    expectShown(log.stdout, 'text', (hostile) => `ci${hostile}`);
    expectShown(log.stdout, 'text', (hostile) => `because${hostile}`);
  });

  it('compare, with colour on: the only escapes are colours', async () => {
    const args = ['compare', '--name', `m${HOSTILE}`, '--versions', `1${HOSTILE}`, `2${HOSTILE}`];
    for (const env of [{}, { FORCE_COLOR: '1' }] as Record<string, string>[]) {
      const result = await registryRun(args, env);
      expect(result.code).toBe(0);
      expectSafe(result, 'text', 'FORCE_COLOR' in env);
      expect(result.stdout).toContain(`Model Comparison: ${escapeText(`m${HOSTILE}`)}`);
      expect(result.stdout).toContain(escapeText(`auc${HOSTILE}`));
    }
    expect((await registryRun(args, { FORCE_COLOR: '1' })).stdout).toContain('\u001b[32m');
  });

  it('promote: the one-line message escaped', async () => {
    const result = await registryRun([
      'promote',
      '--name',
      `m${HOSTILE}`,
      '--version',
      `2${HOSTILE}`,
      '--stage',
      'staging',
    ]);
    expect(result.code).toBe(0);
    expectSafe(result, 'text');
    expect(result.stdout).toBe(
      `Promoted: ${escapeText(`m${HOSTILE}`)} ${escapeText(`2${HOSTILE}`)}: development -> staging\n`,
    );
  });

  it('json: the values exact', async () => {
    const result = await registryRun(['list', '--json']);
    expect(result.code).toBe(0);
    expectSafe(result, 'json');
    const names = (JSON.parse(result.stdout) as { name: string }[]).map((listed) => listed.name);
    for (const hostile of [...ATTACKS, HOSTILE]) expect(names).toContain(`m${hostile}`);
  });

  it('an error quoting a hostile name or file name is one escaped line', async () => {
    const missing = await registryRun(['show', '--name', `m${HOSTILE}`, '--version', `9${HOSTILE}`]);
    expect(missing.code).not.toBe(0);
    expectSafe(missing, 'text');
    expect(missing.stderr).toMatch(/^error: [^\n]+\n$/);
    // A line break inside a message becomes a space (formatErrorLine); the rest is escaped.
    expect(missing.stderr).toContain(escapeText(`9${HOSTILE}`.replace('\n', ' ')));
    const broken = `broken${HOSTILE_FILE}.json`;
    writeFileSync(join(dir, broken), '[{');
    const badFile = await run('model-registry', ['--registry', broken, 'list']);
    expect(badFile.code).toBe(2);
    expectSafe(badFile, 'text');
    expect(badFile.stderr).toMatch(/^error: [^\n]+\n$/);
    expect(badFile.stderr.startsWith(`error: ${escapeText(broken)}`)).toBe(true);
  });
});

describe('drift-detector: hostile CSV headers, categories and file names', () => {
  let reference: string;
  let current: string;
  const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;
  beforeAll(() => {
    // Column n<attack> is numeric and shifts; column c<attack> gains and loses categories.
    const header = [...ATTACKS, HOSTILE].flatMap((hostile) => [quote(`n${hostile}`), quote(`c${hostile}`)]);
    const rows = (shift: number, category: (row: number, hostile: string) => string) =>
      Array.from({ length: 40 }, (_, row) =>
        [...ATTACKS, HOSTILE]
          .flatMap((hostile) => [String(row + shift), quote(category(row, hostile))])
          .join(','),
      );
    reference = join(dir, `ref${HOSTILE_FILE}.csv`);
    current = join(dir, `cur${HOSTILE_FILE}.csv`);
    writeFileSync(reference, [header.join(','), ...rows(0, (_, hostile) => `old${hostile}`)].join('\n'));
    writeFileSync(
      current,
      [header.join(','), ...rows(30, (row, hostile) => (row % 2 ? `new${hostile}` : `old${hostile}`))].join(
        '\n',
      ),
    );
  });
  const drift = async (args: string[], env: Record<string, string> = {}) =>
    await run('drift-detector', ['--reference', reference, '--current', current, ...args], env);

  it('text, with colour off and on', async () => {
    for (const env of [{}, { FORCE_COLOR: '1' }] as Record<string, string>[]) {
      const result = await drift([], env);
      expect(result.code).toBe(1);
      expectSafe(result, 'text', 'FORCE_COLOR' in env);
      const plain = result.stdout.replace(SGR, '');
      expect(plain).toContain(`Data drift: ${escapeText(reference)} → ${escapeText(current)}`);
      expectShown(plain, 'text', (hostile) => `n${hostile}`);
      expectShown(plain, 'text', (hostile) => `new: new${hostile}`);
      expectShown(plain, 'text', (hostile) => `c${hostile}: New/missing categories`);
    }
  });

  it('markdown', async () => {
    const result = await drift(['--format', 'markdown']);
    expect(result.code).toBe(1);
    expectSafe(result, 'markdown');
    expect(result.stdout).toContain(`Reference <code>${escapeMarkdown(reference)}</code>`);
    expectShown(result.stdout, 'markdown', (hostile) => `c${hostile}`);
    expectShown(result.stdout, 'markdown', (hostile) => `new${hostile}`);
    // Every row still has its 7 cells: no value opened a cell of its own.
    for (const line of result.stdout.split('\n').filter((row) => row.startsWith('| ')))
      expect(line.split(/(?<!\\)\|/).length - 2).toBe(7);
  });

  it('junit: well-formed, each name one visible line in its attribute', async () => {
    const result = await drift(['--format', 'junit']);
    expect(result.code).toBe(1);
    expectSafe(result, 'junit');
    const suite = childrenNamed(parseXml(result.stdout), 'testsuite')[0]!;
    expect(suite.attributes.name).toBe(`${escapeText(reference)} vs ${escapeText(current)}`);
    const names = childrenNamed(suite, 'testcase').map((testCase) => testCase.attributes.name);
    expect(names).toHaveLength(2 * (ATTACKS.length + 1) + 1);
    for (const hostile of [...ATTACKS, HOSTILE]) {
      expect(names).toContain(escapeText(`column n${hostile}`));
      expect(names).toContain(escapeText(`column c${hostile}`));
    }
  });

  it('json: the names exact', async () => {
    const result = await drift(['--json']);
    expect(result.code).toBe(1);
    expectSafe(result, 'json');
    const report = JSON.parse(result.stdout);
    expect(report.reference).toBe(reference);
    const names = (report.features as { feature: string }[]).map((feature) => feature.feature);
    for (const hostile of [...ATTACKS, HOSTILE]) expect(names).toContain(`c${hostile}`);
  });

  it('errors: a file path holding a line break, a --columns name with a zero-width character', async () => {
    const missing = await run('drift-detector', [
      '--reference',
      `a\n::error::x${HOSTILE_FILE}.csv`,
      '--current',
      current,
    ]);
    expect(missing.code).toBe(2);
    expectSafe(missing, 'text');
    expect(missing.stderr).toBe(
      `error: ${escapeText(`a\n::error::x${HOSTILE_FILE}.csv`)}: file not found (check the path)\n`,
    );
    const invisible = await drift(['--columns', `n${HOSTILE}\u200b`]);
    expect(invisible.code).toBe(2);
    expectSafe(invisible, 'text');
    expect(invisible.stderr).toMatch(/^error: [^\n]+\n$/);
    // The zero-width space shows, so the name asked for differs visibly from the one in the file.
    expect(invisible.stderr).toContain('\\u200b"');
    expect(invisible.stderr).toContain('no column');
  });
});

describe('pipeline-validator: hostile stage names, inputs, outputs, types and file names', () => {
  let file: string;
  beforeAll(() => {
    const stage = (name: string, type: string, hostile: string) => ({
      name: `${name}${hostile}`,
      type,
      inputs: [`in${hostile}`],
      outputs: [`out${hostile}`],
    });
    const stages = [...ATTACKS, HOSTILE].flatMap((hostile) => [
      stage('a', 'data', hostile),
      stage('b', `type${hostile}`, hostile),
    ]);
    file = `p${HOSTILE_FILE}.json`;
    writeFileSync(
      join(dir, file),
      JSON.stringify({ name: `pipe${HOSTILE}`, schedule: `0 * * * ${HOSTILE}`, stages }, null, 2),
    );
  });
  const validate = async (args: string[], env: Record<string, string> = {}) =>
    await run('pipeline-validator', [file, ...args], env);

  it('text, with colour off and on', async () => {
    for (const env of [{}, { FORCE_COLOR: '1' }] as Record<string, string>[]) {
      const result = await validate([], env);
      expect(result.code).toBe(1);
      expectSafe(result, 'text', 'FORCE_COLOR' in env);
      const plain = result.stdout.replace(SGR, '');
      expect(plain).toContain(`Pipeline ${escapeText(`pipe${HOSTILE}`)} (${escapeText(file)}, `);
      expectShown(plain, 'text', (hostile) => `Stage 'b${hostile}' has unknown type 'type${hostile}'`);
      expectShown(plain, 'text', (hostile) => `requires input 'in${hostile}'`);
      expectShown(plain, 'text', (hostile) => `Output 'out${hostile}'`);
    }
  });

  it('markdown', async () => {
    const result = await validate(['--format', 'markdown']);
    expect(result.code).toBe(1);
    expectSafe(result, 'markdown');
    expect(result.stdout).toContain(
      `| <code>${escapeMarkdown(file)}</code> | ${escapeMarkdown(`pipe${HOSTILE}`)} |`,
    );
    expectShown(
      result.stdout,
      'markdown',
      (hostile) => `Stage 'b${hostile}' has unknown type 'type${hostile}'`,
    );
    for (const line of result.stdout.split('\n').filter((row) => row.startsWith('| ')))
      expect([4, 7]).toContain(line.split(/(?<!\\)\|/).length - 2);
  });

  it("github: only the tool's own annotations start with ::", async () => {
    const result = await validate(['--format', 'github']);
    expect(result.code).toBe(1);
    expectSafe(result, 'github');
    const lines = result.stdout.trimEnd().split('\n');
    for (const line of lines) expect(line).toMatch(ANNOTATION);
    expect(result.stdout).toContain(`type%0A::error::x\\x1b]0;pwned\\x07`);
  });

  it('junit: well-formed, each message one visible line', async () => {
    const result = await validate(['--format', 'junit']);
    expect(result.code).toBe(1);
    expectSafe(result, 'junit');
    const suite = childrenNamed(parseXml(result.stdout), 'testsuite')[0]!;
    expect(suite.attributes.name).toBe(escapeText(file));
    // UNKNOWN_STAGE_TYPE is a warning: a passing case, its text in <system-out>, one line each.
    const lines = childrenNamed(suite, 'testcase').flatMap((testCase) =>
      childrenNamed(testCase, 'system-out').flatMap((output) => output.text.split('\n')),
    );
    for (const hostile of [...ATTACKS, HOSTILE])
      expect(lines).toContain(escapeText(`Stage 'b${hostile}' has unknown type 'type${hostile}'.`));
    const failures = childrenNamed(suite, 'testcase').flatMap((testCase) =>
      childrenNamed(testCase, 'failure'),
    );
    expect(failures.length).toBeGreaterThan(0);
    for (const failure of failures) expect(hasUnsafeCharacters(failure.attributes.message!)).toBe(false);
  });

  it('json and sarif: the values exact', async () => {
    const json = await validate(['--format', 'json']);
    expectSafe(json, 'json');
    const messages = (JSON.parse(json.stdout).issues as { message: string }[]).map((issue) => issue.message);
    for (const hostile of [...ATTACKS, HOSTILE])
      expect(messages).toContain(`Stage 'b${hostile}' has unknown type 'type${hostile}'.`);
    const sarif = await validate(['--format', 'sarif']);
    expectSafe(sarif, 'json');
    expect(JSON.stringify(JSON.parse(sarif.stdout))).toContain(JSON.stringify(`type${HOSTILE}`).slice(1, -1));
  });

  it('codeclimate: the values exact, the file its own path', async () => {
    const result = await validate(['--format', 'codeclimate']);
    expect(result.code).toBe(1);
    expectSafe(result, 'json');
    const issues = JSON.parse(result.stdout) as { description: string; location: { path: string } }[];
    for (const hostile of [...ATTACKS, HOSTILE])
      expect(issues.map((issue) => issue.description)).toContain(
        `Stage 'b${hostile}' has unknown type 'type${hostile}'.`,
      );
    for (const issue of issues) expect(issue.location.path).toBe(file);
  });

  it('errors: a pipeline path holding a line break; a bad flag value quoting hostile text', async () => {
    const missing = await run('pipeline-validator', [`q\n::warning::y${HOSTILE_FILE}.json`]);
    expect(missing.code).toBe(2);
    expectSafe(missing, 'text');
    // The name holds `[`: a name that does not exist with a glob character is a pattern matching nothing.
    expect(missing.stderr).toBe(
      `error: ${escapeText(`q\n::warning::y${HOSTILE_FILE}.json`)}: no file matches this pattern (quote the pattern so the shell passes it as typed, and check the folder (node_modules and names starting with "." are skipped))\n`,
    );
    const flag = await validate(['--format', `x${HOSTILE}`]);
    expect(flag.code).toBe(2);
    expectSafe(flag, 'text');
    expect(flag.stderr).toMatch(/^error: [^\n]+\n$/);
    expect(flag.stderr).toContain(escapeText(`x${HOSTILE}`));
    const option = await validate([`--bogus${HOSTILE}`]);
    expect(option.code).toBe(2);
    expectSafe(option, 'text');
    // An unknown option is shown escaped and cut at 80 characters (checkCommandLine).
    expect(option.stderr).toContain(escapeText(`--bogus${HOSTILE}`).slice(0, 80));
  });

  it('the umbrella mlops prints the same, escaped', async () => {
    const result = await run('mlops', ['pipeline', file]);
    expect(result.code).toBe(1);
    expectSafe(result, 'text');
    expect(result.stdout).toBe((await validate([])).stdout);
  });
});
