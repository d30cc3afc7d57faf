import type { ChalkInstance } from 'chalk';
import { type ColorTarget, colorsFor } from './color.js';

/** Where a command writes. `process.stdout` fits; tests pass a buffer. */
export interface OutputStream extends ColorTarget {
  write(chunk: string): unknown;
  columns?: number;
}

/**
 * Everything a command needs from the outside world, passed in rather than read from globals, so a
 * command can run in a test with captured output. Commands report their verdict through {@link fail}
 * and never set the exit code themselves.
 */
export interface CliContext {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** Colours for stdout and stderr, each off unless that stream is a TTY (see colorLevel). */
  readonly color: { readonly stdout: ChalkInstance; readonly stderr: ChalkInstance };
  /** `--debug` or `DEBUG` was given: stack traces, and a command's own `debug:` lines on stderr. */
  readonly debug: boolean;
  /** 0 unless a command called fail(): the check failed or the operation was refused. */
  readonly verdict: 0 | 1;
  /** Marks the run as failed (exit 1) once the command has written its output. */
  fail(): void;
}

export interface ContextOptions {
  stdout?: OutputStream;
  stderr?: OutputStream;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  debug?: boolean;
}

export function createContext(options: ContextOptions = {}): CliContext {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const env = options.env ?? process.env;
  let verdict: 0 | 1 = 0;
  return {
    stdout,
    stderr,
    env,
    cwd: options.cwd ?? process.cwd(),
    debug: options.debug ?? false,
    color: { stdout: colorsFor(stdout, env), stderr: colorsFor(stderr, env) },
    get verdict() {
      return verdict;
    },
    fail() {
      verdict = 1;
    },
  };
}

/** A stream that keeps what is written to it, for tests. */
export class BufferStream implements OutputStream {
  text = '';
  isTTY: boolean;
  columns?: number;
  constructor(isTTY = false) {
    this.isTTY = isTTY;
  }
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}
