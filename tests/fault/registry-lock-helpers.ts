import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'vitest';
import { BINS, cleanEnv, makeTempDir } from '../helpers/bins.js';

/**
 * What the registry-lock suites share (registry-lock.test.ts, registry-lock-takeover.test.ts): writers
 * started as processes, each test in a folder of its own (the cases run at once), a big registry that
 * keeps a writer at its work long enough to be caught holding the lock.
 */

/** The lock's stale period: the default, 5 s (product behaviour, see docs/guarantees.md). */
export const STALE_MS = 5_000;

export function probe(command: string, args: string[]): boolean {
  try {
    return spawnSync(command, args, { stdio: 'ignore', timeout: 10_000 }).status === 0;
  } catch {
    return false;
  }
}

export const UNSHARE =
  process.platform === 'linux' && probe('unshare', ['--pid', '--fork', '--mount-proc', 'true']);

export interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface Writer {
  child: ChildProcess;
  done: Promise<Outcome>;
}

/** Runs the registry bin, behind a command prefix (`faketime …`, `unshare …`) when given. */
export function start(
  { dir, registry }: Folder,
  args: readonly string[],
  prefix: readonly string[] = [],
  env: Record<string, string> = {},
): Writer {
  const argv = [process.execPath, BINS['model-registry'], '--registry', registry, ...args];
  const [command, ...rest] = [...prefix, ...argv];
  const started = performance.now();
  const child = spawn(command!, rest, {
    cwd: dir,
    env: cleanEnv({ MLOPS_ACTOR: 'lock-test', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const done = new Promise<Outcome>((resolve) =>
    child.on('close', (code, signal) =>
      resolve({ code, signal, stdout, stderr, ms: performance.now() - started }),
    ),
  );
  return { child, done };
}

export const run = (folder: Folder, args: readonly string[], prefix: readonly string[] = []) =>
  start(folder, args, prefix).done;

export const register = (version: string) => ['register', '--name', 'model', '--version', version];

export interface Entry {
  name: string;
  version: string;
  stage: string;
  history?: { action: string; seq?: number }[];
}

export const entries = (registry: string) => JSON.parse(readFileSync(registry, 'utf8')) as Entry[];
export const historyCount = (registry: string) =>
  entries(registry).reduce((count, entry) => count + (entry.history?.length ?? 0), 0);

/** A registry of `count` valid entries, so that a write holds the lock long enough to be caught at it. */
export function bigRegistry(count: number): string {
  const filler = Array.from({ length: count }, (_, index) => ({
    name: `filler-${index % 100}`,
    version: `1.${index}`,
    stage: 'development',
    registered_at: '2026-11-27T05:12:25Z',
    updated_at: '2026-11-27T05:12:25Z',
    metrics: { accuracy: 0.9, loss: 0.1 },
    parameters: { depth: 6, note: 'x'.repeat(100) },
    tags: ['nightly'],
    description: 'filler entry for the lock tests',
    artifact_path: `s3://models/filler/${index}`,
  }));
  return `${JSON.stringify(filler, null, 2)}\n`;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Size of the lock file, 0 when there is none. */
export function lockSize(registry: string): number {
  try {
    return statSync(`${registry}.lock`).size;
  } catch {
    return 0;
  }
}

/** Waits until the lock file exists and holds its holder's identity (polling every millisecond), or the writer ends first. */
export async function untilLocked(registry: string, writer: Writer): Promise<boolean> {
  let ended = false;
  void writer.done.then(() => {
    ended = true;
  });
  while (lockSize(registry) === 0) {
    if (ended) return false;
    await sleep(1);
  }
  return true;
}

/** Where one test works: a temporary folder of its own (the tests run at once), removed when it ends. */
export interface Folder {
  dir: string;
  registry: string;
}

export function testFolder(onTestFinished: TestContext['onTestFinished']): Folder {
  const { dir, cleanup } = makeTempDir('mlops-lock-fault-');
  onTestFinished(() => cleanup());
  return { dir, registry: join(dir, 'model_registry.json') };
}
