import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BufferStream, runCli } from '@mlops/cli-kit';
import { escapeMarkdown, escapeText, hasUnsafeCharacters, pipelineRules } from '@mlops/core';
import { describe, expect, it } from 'vitest';
import { escapeGithubData, escapeGithubProperty } from './format/github.js';
import { buildPipelineCommand } from './index.js';

const ROOT = join(import.meta.dirname, '../../..');

async function run(argv: string[], tty = false, cwd = ROOT) {
  const stdout = new BufferStream(tty);
  const stderr = new BufferStream(tty);
  const code = await runCli(buildPipelineCommand, { argv, stdout, stderr, env: {}, cwd });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe('pipeline-validator in-process', () => {
  it('colours the text report on a TTY and not otherwise', async () => {
    const tty = await run(['fixtures/pipeline/invalid.json'], true);
    expect(tty.code).toBe(1);
    expect(tty.stdout).toContain('\u001b[31m\u001b[1m[FAIL]');
    expect(tty.stdout).toContain('\u001b[2mfixtures/pipeline/invalid.json:16:7');
    const pipe = await run(['fixtures/pipeline/invalid.json']);
    expect(pipe.stdout).not.toContain('\u001b[');
  });

  it('lists exactly the rules of the index', async () => {
    const result = await run(['rules']);
    expect(
      result.stdout
        .trimEnd()
        .split('\n')
        .map((line) => line.split(' ')[0]),
    ).toEqual(pipelineRules.map((rule) => rule.meta.id));
  });
});

describe('GitHub workflow command escaping', () => {
  it.each([
    ['plain', 'plain', 'plain'],
    ['100%', '100%25', '100%25'],
    ['a\r\nb', 'a%0D%0Ab', 'a%0D%0Ab'],
    ['a:b,c', 'a:b,c', 'a%3Ab%2Cc'],
    ['%0A', '%250A', '%250A'],
    ['a\u001b]0;t\u0007\u202e\tb', 'a\\x1b]0;t\\x07\\u202e\\tb', 'a\\x1b]0;t\\x07\\u202e\\tb'],
    ['x\n::error::y', 'x%0A::error::y', 'x%0A%3A%3Aerror%3A%3Ay'],
  ])('%j → data %j, property %j', (text, data, property) => {
    expect(escapeGithubData(text)).toBe(data);
    expect(escapeGithubProperty(text)).toBe(property);
  });
});

describe('hostile names in the pipeline file and its name', () => {
  const hostile = 'x\n::error::pwned\u001b]0;t\u0007\u202e<img src=x>[a](http://e)';
  // A file name cannot hold a slash.
  const file = `p${hostile.replaceAll('/', '')}.json`;

  async function runOnHostileFile(format: string) {
    const dir = mkdtempSync(join(tmpdir(), 'pipeline-hostile-'));
    try {
      const stage = (name: string, type: string) => ({
        name: `${name}${hostile}`,
        type,
        inputs: [`in${hostile}`],
        outputs: [`out${hostile}`],
      });
      const pipeline = { name: `n${hostile}`, stages: [stage('a', 'data'), stage('b', `t${hostile}`)] };
      writeFileSync(join(dir, file), JSON.stringify(pipeline, null, 2));
      return await run([file, '--format', format], false, dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('text: every line free of control characters, the names escaped', async () => {
    const result = await runOnHostileFile('text');
    expect(result.code).toBe(1);
    for (const line of result.stdout.split('\n')) expect(hasUnsafeCharacters(line)).toBe(false);
    expect(result.stdout).toContain(`Pipeline n${escapeText(hostile)} (${escapeText(file)}, 2 stages)`);
    expect(result.stdout).toContain(
      `Stage 'b${escapeText(hostile)}' has unknown type 't${escapeText(hostile)}'`,
    );
  });

  it('markdown: the names escaped for Markdown', async () => {
    const result = await runOnHostileFile('markdown');
    expect(result.stdout).toContain(`| <code>${escapeMarkdown(file)}</code> | n${escapeMarkdown(hostile)} |`);
    expect(result.stdout).toContain(`#### <code>${escapeMarkdown(file)}</code>`);
    expect(result.stdout).not.toMatch(/<img|\]\(|\n::/);
  });

  it('github: one workflow command per issue, nothing else starts a line with ::', async () => {
    const result = await runOnHostileFile('github');
    const lines = result.stdout.trimEnd().split('\n');
    for (const line of lines) {
      expect(line).toMatch(/^::(error|warning|notice) file=p/);
      expect(hasUnsafeCharacters(line)).toBe(false);
    }
  });
});
