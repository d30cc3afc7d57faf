import { join } from 'node:path';
import { BufferStream, runCli } from '@mlops/cli-kit';
import { pipelineRules } from '@mlops/core';
import { describe, expect, it } from 'vitest';
import { escapeGithubData, escapeGithubProperty } from './format/github.js';
import { buildPipelineCommand } from './index.js';

const ROOT = join(import.meta.dirname, '../../..');

async function run(argv: string[], tty = false) {
  const stdout = new BufferStream(tty);
  const stderr = new BufferStream(tty);
  const code = await runCli(buildPipelineCommand, { argv, stdout, stderr, env: {}, cwd: ROOT });
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
  ])('%j → data %j, property %j', (text, data, property) => {
    expect(escapeGithubData(text)).toBe(data);
    expect(escapeGithubProperty(text)).toBe(property);
  });
});
