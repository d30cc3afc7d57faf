/**
 * The error types every tool shares, and the exit codes they map to.
 *
 * The core never exits: it throws one of these, and the bin's single `main` (see `@mlops/cli-kit`)
 * turns it into one line on stderr and an exit code.
 *
 * | code | meaning |
 * | --- | --- |
 * | 0 | passed |
 * | 1 | the check failed or the operation was refused (drift alert, invalid pipeline, duplicate version…) |
 * | 2 | usage error, or input that cannot be read or is invalid (missing file, corrupt file, bad flag value) |
 */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export type ExitCode = typeof EXIT_OK | typeof EXIT_FAILED | typeof EXIT_USAGE;

/** Where in a file something is wrong. Lines and columns are 1-based. */
export interface SourceLocation {
  file?: string;
  line?: number;
  column?: number;
}

export interface MlopsErrorOptions extends SourceLocation {
  /** What the user can do about it, appended to the message. */
  hint?: string;
  /**
   * The input the error is about, as the library's request names it, for the caller to name in its
   * own terms: a request key in camelCase (`columns`, `maxMemory`: the CLIs show the flag that sets
   * it), or a key of a config file after `config.` (`config.ignore`). The core never writes a
   * command-line flag itself: see {@link MlopsError.toLine}.
   */
  field?: string;
  /**
   * A hint that names inputs, which `hint` cannot do in the caller's terms: text and fields in order,
   * each field shown through the caller's label (see {@link hintText}). Shown after `hint`, if both.
   */
  fieldHint?: readonly HintPart[];
  cause?: unknown;
}

/** A piece of a hint: text, or an input (a field, as MlopsErrorOptions' `field`) named by the caller. */
export type HintPart = string | { readonly field: string };

/**
 * A hint's parts as text, each field named through `label`. Through the CLIs' label,
 * `['give it with ', { field: 'delimiter' }, " ';'"]` names the delimiter flag.
 *
 * @example hintText(['name it with ', { field: 'to' }, ' VERSION'], (field) => field.toUpperCase()) // => 'name it with TO VERSION'
 */
export function hintText(parts: readonly HintPart[], label: (field: string) => string): string {
  return parts.map((part) => (typeof part === 'string' ? part : label(part.field))).join('');
}

/** Base class: an expected failure with a message fit for the user and an exit code. */
export class MlopsError extends Error {
  readonly exitCode: ExitCode;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly hint?: string;
  readonly field?: string;
  readonly fieldHint?: readonly HintPart[];

  constructor(message: string, exitCode: ExitCode, options: MlopsErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.exitCode = exitCode;
    this.file = options.file;
    this.line = options.line;
    this.column = options.column;
    this.hint = options.hint;
    this.field = options.field;
    this.fieldHint = options.fieldHint;
  }

  /**
   * One line: `file:line:column: field: message (hint; fieldHint)`, with whichever parts are known.
   * Fields (of the error and in its fieldHint) are shown through `label` (the CLIs pass one that names
   * their flags); by default as they are.
   */
  toLine(label: (field: string) => string = (field) => field): string {
    const message = this.field === undefined ? this.message : `${label(this.field)}: ${this.message}`;
    const named = this.fieldHint === undefined ? undefined : hintText(this.fieldHint, label);
    const hint = [this.hint, named].filter(Boolean).join('; ');
    return formatErrorLine(message, this, hint);
  }
}

/** A flag or argument the user got wrong (exit 2). */
export class UsageError extends MlopsError {
  constructor(message: string, options: MlopsErrorOptions = {}) {
    super(message, EXIT_USAGE, options);
  }
}

/** Input that cannot be read or is invalid: missing, unreadable, corrupt, wrong shape (exit 2). */
export class InputError extends MlopsError {
  constructor(message: string, options: MlopsErrorOptions = {}) {
    super(message, EXIT_USAGE, options);
  }
}

/** An operation refused for a reason of substance: duplicate version, unmet promotion requirement (exit 1). */
export class RefusedError extends MlopsError {
  constructor(message: string, options: MlopsErrorOptions = {}) {
    super(message, EXIT_FAILED, options);
  }
}

/**
 * Formats `file:line:column: message (hint)`.
 *
 * @example formatErrorLine('unterminated quote', { file: 'a.csv', line: 3, column: 7 }) // => 'a.csv:3:7: unterminated quote'
 */
export function formatErrorLine(message: string, location: SourceLocation = {}, hint?: string): string {
  let where = '';
  if (location.file !== undefined) {
    where = location.file;
    if (location.line !== undefined) {
      where += `:${location.line}`;
      if (location.column !== undefined) where += `:${location.column}`;
    }
    where += ': ';
  } else if (location.line !== undefined) {
    where = `line ${location.line}${location.column !== undefined ? `, column ${location.column}` : ''}: `;
  }
  // Split and trim rather than a regular expression: /\s*\n\s*/ backtracks over long runs of spaces.
  const oneLine = message.includes('\n')
    ? message
        .split('\n')
        .map((part) => part.trim())
        .join(' ')
    : message;
  return hint ? `${where}${oneLine} (${hint})` : `${where}${oneLine}`;
}

/** True for errors this toolkit raised on purpose (as opposed to a bug). */
export function isMlopsError(error: unknown): error is MlopsError {
  return error instanceof MlopsError;
}

/** An error as a worker thread posts it: the class and fields survive the copy, unlike an Error's. */
export interface ThreadError {
  kind: 'UsageError' | 'InputError' | 'RefusedError' | 'Error';
  message: string;
  options?: MlopsErrorOptions;
  stack?: string;
}

/** An error thrown in a worker thread, in the form that crosses to the main thread (see errorFromThread). */
export function errorForThread(error: unknown): ThreadError {
  if (error instanceof MlopsError) {
    const kind =
      error instanceof UsageError
        ? 'UsageError'
        : error instanceof RefusedError
          ? 'RefusedError'
          : 'InputError';
    const { file, line, column, hint, field, fieldHint } = error;
    return { kind, message: error.message, options: { file, line, column, hint, field, fieldHint } };
  }
  return {
    kind: 'Error',
    message: error instanceof Error ? error.message : String(error),
    stack: error instanceof Error ? error.stack : undefined,
  };
}

/** The error a worker thread reported, rebuilt in this thread: the same class, message and location. */
export function errorFromThread(error: ThreadError): Error {
  const rebuilt =
    error.kind === 'UsageError'
      ? new UsageError(error.message, error.options)
      : error.kind === 'InputError'
        ? new InputError(error.message, error.options)
        : error.kind === 'RefusedError'
          ? new RefusedError(error.message, error.options)
          : new Error(error.message);
  if (error.stack) rebuilt.stack = error.stack;
  return rebuilt;
}
