import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BufferStream, runCli } from '@mlops/cli-kit';
import { escapeMarkdown, escapeText } from '@mlops/core';
import { describe, expect, it } from 'vitest';
import { buildDriftCommand } from './index.js';

const root = resolve(import.meta.dirname, '../../..');
const args = [
  '--reference',
  join(root, 'fixtures/drift/reference.csv'),
  '--current',
  join(root, 'fixtures/drift/current.csv'),
];

async function run(argv: string[], isTTY: boolean, env: NodeJS.ProcessEnv = {}) {
  const stdout = new BufferStream(isTTY);
  const stderr = new BufferStream(isTTY);
  const code = await runCli(buildDriftCommand, { argv, stdout, stderr, env, cwd: root });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe('buildDriftCommand in process', () => {
  it('colours the text report on a TTY, not on a pipe nor with NO_COLOR', async () => {
    const tty = await run(args, true);
    expect(tty.code).toBe(1);
    expect(tty.stdout).toContain('\u001b[31m'); // drifted rows in red
    expect((await run(args, false)).stdout).not.toContain('\u001b[');
    expect((await run(args, true, { NO_COLOR: '1' })).stdout).not.toContain('\u001b[');
  });

  it('never colours JSON, even on a TTY', async () => {
    const result = await run([...args, '--json'], true);
    expect(result.stdout).not.toContain('\u001b[');
    expect(JSON.parse(result.stdout).alert).toBe(true);
  });

  it('reports input errors through the shared runner: exit 2, one line', async () => {
    const result = await run(['--reference', 'nope.csv', '--current', 'nope.csv'], false);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: nope.csv: file not found (check the path)\n',
    });
  });
});

describe('hostile column names and categories', () => {
  const hostile = 'x\n::error::pwned\u001b]0;t\u0007\u202e<img src=x>[a](http://e)';
  const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;

  async function runOnHostileFiles(extra: string[], isTTY: boolean, env: NodeJS.ProcessEnv = {}) {
    const dir = mkdtempSync(join(tmpdir(), 'drift-hostile-'));
    try {
      const rows = (shift: number, category: (index: number) => string) =>
        Array.from({ length: 40 }, (_, index) => `${index + shift},${quote(category(index))}`);
      const header = `${quote(`n${hostile}`)},${quote(`c${hostile}`)}`;
      writeFileSync(join(dir, 'ref.csv'), [header, ...rows(0, () => `old${hostile}`)].join('\n'));
      writeFileSync(
        join(dir, 'cur.csv'),
        [header, ...rows(30, (index) => (index % 2 ? `new${hostile}` : `old${hostile}`))].join('\n'),
      );
      const stdout = new BufferStream(isTTY);
      const stderr = new BufferStream(isTTY);
      const argv = ['--reference', join(dir, 'ref.csv'), '--current', join(dir, 'cur.csv'), ...extra];
      const code = await runCli(buildDriftCommand, { argv, stdout, stderr, env, cwd: dir });
      return { code, stdout: stdout.text, stderr: stderr.text };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('text, with colour and sparklines: values escaped, the only escapes colours', async () => {
    const result = await runOnHostileFiles([], true, { FORCE_COLOR: '1' });
    expect(result.code).toBe(1);
    // Built from a string: the lint rule against a control character in a pattern.
    const colours = new RegExp(`${'\u001b'}\\[[0-9;]*m`, 'g');
    expect(result.stdout.replace(colours, '')).not.toContain('\u001b');
    expect(result.stdout).not.toContain('\n::');
    expect(result.stdout).toContain(`n${escapeText(hostile)}`);
    expect(result.stdout).toContain(`new: new${escapeText(hostile)}`);
    expect(result.stdout).toContain('shape (');
  });

  it('markdown: values escaped for Markdown', async () => {
    const result = await runOnHostileFiles(['--format', 'markdown'], false);
    expect(result.stdout).toContain(`| c${escapeMarkdown(hostile)} |`);
    expect(result.stdout).toContain(`new: new${escapeMarkdown(hostile)}`);
    expect(result.stdout).not.toMatch(/<img|\]\(|\n::/);
  });

  it('json: values exact', async () => {
    const result = await runOnHostileFiles(['--json'], false);
    const report = JSON.parse(result.stdout);
    expect(report.features.map((feature: { feature: string }) => feature.feature).sort()).toEqual([
      `c${hostile}`,
      `n${hostile}`,
    ]);
  });
});
