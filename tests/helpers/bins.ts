import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The repository root, for paths to fixtures and built bins. */
export const ROOT = resolve(import.meta.dirname, '../..');

/** The bins under test, as built into packages/<dir>/bin (run `npm run build` first; `npm test` does). */
export const BINS = {
  mlops: join(ROOT, 'packages/mlops/bin/mlops.js'),
  'model-registry': join(ROOT, 'packages/model-registry/bin/model-registry.js'),
  'drift-detector': join(ROOT, 'packages/drift-detector/bin/drift-detector.js'),
  'pipeline-validator': join(ROOT, 'packages/pipeline-validator/bin/pipeline-validator.js'),
} as const;

export type BinName = keyof typeof BINS;

export interface BinResult {
  stdout: string;
  stderr: string;
  /** The exit code; null when a signal ended the process. */
  code: number | null;
}

export interface RunBinOptions {
  cwd?: string;
  /** Added to a clean environment (no colour variables, no MLOPS_* variables). */
  env?: Record<string, string | undefined>;
  input?: string;
  timeoutMs?: number;
  /** Options for node itself, before the bin (`--max-old-space-size=64`). */
  nodeArgs?: readonly string[];
}

/** The environment the bins see in tests: the parent's, minus anything that changes their output. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key === 'FORCE_COLOR' || key === 'NO_COLOR' || key === 'DEBUG' || key.startsWith('MLOPS_'))
      delete env[key];
  }
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/** Runs a built bin as its own process, the way a user or a CI job would. */
export function runBin(name: BinName, args: readonly string[], options: RunBinOptions = {}): BinResult {
  const result = spawnSync(process.execPath, [...(options.nodeArgs ?? []), BINS[name], ...args], {
    cwd: options.cwd ?? ROOT,
    env: cleanEnv(options.env),
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 30_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { stdout: result.stdout, stderr: result.stderr, code: result.status };
}

/**
 * runBin without blocking: the same process, environment, input and result, as a promise, so that a
 * test can run several bins at once (with {@link inParallel}) while the test runner waits.
 */
export function spawnBin(
  name: BinName,
  args: readonly string[],
  options: RunBinOptions = {},
): Promise<BinResult> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), BINS[name], ...args], {
    cwd: options.cwd ?? ROOT,
    env: cleanEnv(options.env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  // A bin that never reads its input closes the pipe first: that is not a failure of the run.
  child.stdin.on('error', () => {});
  child.stdin.end(options.input ?? '');
  const timeoutMs = options.timeoutMs ?? 30_000;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} ${JSON.stringify(args)}: no end after ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        code,
      });
    });
  });
}

/**
 * Runs `task` on every item, at most `limit` at a time (the machines this runs on may have 2 cores);
 * the results in the items' order.
 */
export async function inParallel<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** A fresh temporary folder; call the returned function to remove it. */
export function makeTempDir(prefix = 'mlops-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Asserts nothing that looks like a stack trace leaked onto a stream. */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+\(.+:\d+:\d+\)$/m.test(text) || /^\s+at (file|node):/m.test(text);
}

/**
 * A command line run under coreutils' `timeout`, which puts the command in a process group of its
 * own and, after `seconds`, signals the whole group (SIGTERM, then SIGKILL 5 s later): what the
 * command started (npm, node) ends with it, where spawnSync's own timeout kills only the process it
 * started. Exit 124 says the time ran out.
 */
export function underTimeout(seconds: number, command: string, args: readonly string[]): [string, string[]] {
  return ['timeout', ['--kill-after=5', String(seconds), command, ...args]];
}
