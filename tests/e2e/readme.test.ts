import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BINS, type BinName, makeTempDir, ROOT } from '../helpers/bins.js';
import { runInProcess } from '../helpers/in-process.js';

/**
 * The README's examples are real: every ```console block holds `$ npx <bin> args…` lines, each followed
 * by the output that command prints (stdout then stderr), and this test runs them in order, in a
 * folder holding a copy of fixtures/ (some of them write a registry there), and compares. A
 * `# exit N` line after the output states the exit code (0 when there is none).
 */
interface Example {
  line: number;
  bin: BinName;
  args: string[];
  output: string;
  exitCode: number;
}

/** Splits a command line the way a POSIX shell would for the simple quoting the README uses. */
function shellWords(text: string): string[] {
  const words: string[] = [];
  const pattern = /'([^']*)'|"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (const match of text.matchAll(pattern))
    words.push(match[1] ?? match[2]?.replace(/\\(.)/g, '$1') ?? match[3]!);
  return words;
}

function examples(markdown: string): Example[] {
  const found: Example[] = [];
  const lines = markdown.split('\n');
  let inConsole = false;
  let current: Example | undefined;
  const finish = () => {
    if (current) found.push({ ...current, output: current.output.replace(/\n+$/, '') });
    current = undefined;
  };
  lines.forEach((line, index) => {
    if (!inConsole) {
      if (line.trim() === '```console') inConsole = true;
      return;
    }
    if (line.trim() === '```') {
      finish();
      inConsole = false;
      return;
    }
    const command = /^\$ npx (\S+)(.*)$/.exec(line);
    if (command) {
      finish();
      const bin = command[1] as BinName;
      if (!(bin in BINS)) throw new Error(`README.md:${index + 1}: unknown bin ${bin}`);
      current = { line: index + 1, bin, args: shellWords(command[2]!), output: '', exitCode: 0 };
      return;
    }
    const exit = /^# exit (\d+)$/.exec(line);
    if (exit && current) {
      current.exitCode = Number(exit[1]);
      return;
    }
    if (current) current.output += `${line}\n`;
  });
  return found;
}

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const cases = examples(readme);
const temp = makeTempDir('mlops-readme-');
beforeAll(() => cpSync(join(ROOT, 'fixtures'), join(temp.dir, 'fixtures'), { recursive: true }));
afterAll(() => temp.cleanup());

describe('README examples', () => {
  it('quick start: the install and one drift check, then npm test', () => {
    const quickStart = readme.slice(
      readme.indexOf('## Quick start'),
      readme.indexOf('\n## ', readme.indexOf('## Quick start') + 1),
    );
    expect(quickStart).toContain(
      'npm install\nnpx drift-detector --reference fixtures/drift/reference.csv --current fixtures/drift/current.csv',
    );
    expect(quickStart).toContain('npm test');
  });

  it('has examples for every tool', () => {
    const bins = new Set(cases.map((example) => example.bin));
    expect([...bins].sort()).toEqual(
      expect.arrayContaining(['drift-detector', 'model-registry', 'pipeline-validator']),
    );
  });

  it.each(
    cases.map(
      (example) => [`line ${example.line}: ${example.bin} ${example.args.join(' ')}`, example] as const,
    ),
  )('%s', async (_title, example) => {
    const result = await runInProcess(example.bin, example.args, { cwd: temp.dir, env: { COLUMNS: '100' } });
    const printed = `${result.stdout}${result.stderr}`.replace(/[ \t]+$/gm, '').replace(/\n+$/, '');
    expect(printed).toBe(example.output.replace(/[ \t]+$/gm, ''));
    expect(result.code).toBe(example.exitCode);
  });
});
