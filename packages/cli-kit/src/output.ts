import type { CliContext } from './context.js';

/** Writes a value as pretty JSON (2-space indent, as the legacy tools did) and a newline, to stdout only. */
export function writeJson(context: CliContext, value: unknown): void {
  context.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Writes lines of text to stdout, each ending in a newline. */
export function writeLines(context: CliContext, lines: readonly string[]): void {
  if (lines.length > 0) context.stdout.write(`${lines.join('\n')}\n`);
}
