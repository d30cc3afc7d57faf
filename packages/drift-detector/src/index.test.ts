import { join, resolve } from 'node:path';
import { BufferStream, runCli } from '@mlops/cli-kit';
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
