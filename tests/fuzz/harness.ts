import { spawn } from 'node:child_process';
import { hasUnsafeCharacters } from '@mlops/core';
import { BINS, type BinName, cleanEnv, hasStackTrace, makeTempDir } from '../helpers/bins.js';
import { seededRandom } from '../helpers/random.js';
import { parseXml } from '../helpers/xml.js';

/**
 * Shared machinery of the abuse suites (fuzz, fault, load): a seeded generator, a runner that spawns
 * the built bins without blocking (so several run at once) and kills them after a time limit, and the
 * one check every fuzz case must pass.
 *
 * MLOPS_FUZZ_SEED (default 20261127) and MLOPS_FUZZ_RUNS (cases per suite; default: each suite's own
 * small count) set a long run: `npm run fuzz -- --runs 2000 --seed 7` (scripts/fuzz.mjs).
 */
export { FUZZ_SEED } from '../helpers/random.js';

/** Cases for one suite: MLOPS_FUZZ_RUNS when set, else the suite's default. */
export function fuzzRuns(defaultRuns: number): number {
  const runs = Number(process.env.MLOPS_FUZZ_RUNS);
  return Number.isInteger(runs) && runs > 0 ? runs : defaultRuns;
}

/** True in a long run (`npm run fuzz`, or MLOPS_FUZZ_LONG=1): the fault suites use their long counts. */
export const LONG_RUN = process.env.MLOPS_FUZZ_LONG === '1' || process.env.MLOPS_FUZZ_RUNS !== undefined;

/**
 * A temporary folder for a suite's cases; with MLOPS_FUZZ_KEEP=1 it is kept (and named on stderr) so a
 * failing case's files can be looked at.
 */
export function fuzzTempDir(prefix: string): { dir: string; cleanup: () => void } {
  const made = makeTempDir(prefix);
  if (process.env.MLOPS_FUZZ_KEEP !== '1') return made;
  return { dir: made.dir, cleanup: () => process.stderr.write(`fuzz files kept in ${made.dir}\n`) };
}

/** mulberry32 with helpers: a small seeded generator, so any failing case can be replayed. */
export class Random {
  /** A float in [0, 1). */
  readonly next: () => number;
  constructor(seed: number) {
    this.next = seededRandom(seed);
  }
  /** An integer in [0, bound). */
  int(bound: number): number {
    return Math.floor(this.next() * bound);
  }
  chance(probability: number): boolean {
    return this.next() < probability;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  bytes(length: number): Buffer {
    const buffer = Buffer.alloc(length);
    for (let index = 0; index < length; index++) buffer[index] = this.int(256);
    return buffer;
  }
}

export interface RunOutcome {
  stdout: string;
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** True when the time limit killed it: a hang. */
  timedOut: boolean;
  ms: number;
}

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** Killed (SIGKILL) after this long; default 10 s, the issue's definition of a hang. */
  timeoutMs?: number;
  /** Runs `sh -c '<prefix>; exec node bin …'`, e.g. `ulimit -f 8`. */
  shellPrefix?: string;
}

/** Spawns a built bin; resolves when it ends (or after the time limit, killed). */
export function runBinAsync(
  name: BinName,
  args: readonly string[],
  options: RunOptions = {},
): Promise<RunOutcome> {
  const started = performance.now();
  const argv = [BINS[name], ...args];
  const child = options.shellPrefix
    ? spawn('sh', ['-c', `${options.shellPrefix}; exec "$0" "$@"`, process.execPath, ...argv], {
        cwd: options.cwd,
        env: cleanEnv(options.env),
        stdio: ['ignore', 'pipe', 'pipe'],
      })
    : spawn(process.execPath, argv, {
        cwd: options.cwd,
        env: cleanEnv(options.env),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, options.timeoutMs ?? 10_000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code, signal, timedOut, ms: performance.now() - started });
    });
  });
}

/** Runs `task` on every item, at most `limit` at a time: bins.ts's inParallel, under the name the suites use. */
export { inParallel as inPool } from '../helpers/bins.js';

const ESC = '\u001b';
// Built from a string: the lint rule against control characters in a pattern.
const SGR = new RegExp(`${ESC}\\[[0-9;]*m`, 'g');

/** The processes the suites run at once: the machines this runs on may have 2 cores. */
export const PARALLEL = 3;

/**
 * What is wrong with how a run ended, or undefined when it ended cleanly: exit 0, 1 or 2, no signal, no
 * hang, no stack trace anywhere, stderr empty or one `error: …` line (no "unexpected failure", which
 * the CLIs print only for a bug), nothing on stdout after an exit-2 error, and valid JSON on stdout
 * when `json` is set and the run did not end in an error.
 */
export function uncleanEnd(outcome: RunOutcome, json: boolean): string | undefined {
  if (outcome.timedOut) return `hang: no end after ${Math.round(outcome.ms)} ms`;
  if (outcome.signal !== null) return `killed by ${outcome.signal}`;
  if (outcome.code !== 0 && outcome.code !== 1 && outcome.code !== 2) return `exit code ${outcome.code}`;
  if (hasStackTrace(outcome.stderr) || hasStackTrace(outcome.stdout)) return 'stack trace';
  if (outcome.stderr !== '') {
    // With colour on (FORCE_COLOR), `error:` is red.
    if (!/^error: [^\n]+\n$/.test(outcome.stderr.replace(SGR, '')))
      return 'stderr is not one "error: …" line';
    if (/unexpected failure|this is a bug/.test(outcome.stderr)) return 'internal error';
  }
  if (outcome.stderr !== '' && outcome.code === 2 && outcome.stdout !== '')
    return 'stdout not empty after an error';
  if (json && outcome.stderr === '') {
    try {
      JSON.parse(outcome.stdout);
    } catch {
      return 'stdout is not valid JSON';
    }
  }
  return undefined;
}

/** The output formats whose lines {@link unsafeOutput} checks. */
export type OutputFormat = 'text' | 'markdown' | 'github' | 'json' | 'junit';

const ANNOTATION = /^::(error|warning|notice) file=[^:\n]*,line=\d+,col=\d+,title=[A-Z_]+::/;

/**
 * What in a run's output a hostile value could have written, or undefined when nothing: a line of
 * stdout or stderr that starts with `::` and is not the tool's own GitHub annotation; an ESC byte with
 * colour off, or one that does not start an SGR colour code with colour on; any other control, bidi
 * or invisible character (see hasUnsafeCharacters); in Markdown, a `<` that is not the tool's own
 * `<code>`, or a `](` or `![`; a JUnit report (exit 0 or 1) that is not well-formed XML. The promises
 * of docs/guarantees.md, "Untrusted input".
 */
export function unsafeOutput(outcome: RunOutcome, format: OutputFormat, color = false): string | undefined {
  for (const [stream, text] of [
    ['stdout', outcome.stdout],
    ['stderr', outcome.stderr],
  ] as const) {
    if (!color && text.includes(ESC)) return `${stream}: an ESC byte with colour off`;
    for (const line of text.replace(SGR, '').split('\n')) {
      if (hasUnsafeCharacters(line))
        return `${stream}: a control, bidi or invisible character in ${JSON.stringify(line.slice(0, 200))}`;
      if (line.startsWith('::') && !(stream === 'stdout' && format === 'github' && ANNOTATION.test(line)))
        return `${stream}: a line starts with :: ${JSON.stringify(line.slice(0, 200))}`;
    }
  }
  if (format === 'markdown') {
    if (outcome.stdout.replace(/<\/?code>/g, '').includes('<')) return 'markdown: a raw < from a value';
    if (/\]\(|!\[/.test(outcome.stdout)) return 'markdown: a link or an image from a value';
  }
  if (format === 'junit' && (outcome.code === 0 || outcome.code === 1)) {
    try {
      parseXml(outcome.stdout);
    } catch (error) {
      return `junit: not well-formed XML: ${(error as Error).message}`;
    }
  }
  return undefined;
}

/** One line describing a run, for failure messages. */
export function describeOutcome(outcome: RunOutcome): string {
  const clip = (text: string) => JSON.stringify(text.length > 300 ? `${text.slice(0, 300)}…` : text);
  return `exit ${outcome.code}${outcome.signal ? ` (${outcome.signal})` : ''}, ${Math.round(outcome.ms)} ms, stderr ${clip(outcome.stderr)}, stdout ${clip(outcome.stdout)}`;
}
