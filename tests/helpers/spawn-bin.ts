import { spawn } from 'node:child_process';
import { BINS, type BinName, type BinResult, cleanEnv, ROOT, type RunBinOptions } from './bins.js';

/**
 * runBin without blocking: the bin runs as its own process while the test goes on, so that runs
 * that do not depend on each other can be awaited together (`await Promise.all([...])`). Same
 * environment, working folder, input and result as runBin; a run past `timeoutMs` is killed and
 * ends with `code: null`, as runBin's does.
 */
export function spawnBin(
  name: BinName,
  args: readonly string[],
  options: RunBinOptions = {},
): Promise<BinResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BINS[name], ...args], {
      cwd: options.cwd ?? ROOT,
      env: cleanEnv(options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? 30_000,
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        code,
      }),
    );
    // A bin that exits before reading its stdin must not fail the run (EPIPE).
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
  });
}
