import { escapeJsonText } from '@mlops/core';
import type { CliContext } from './context.js';

/**
 * Writes a value as pretty JSON (2-space indent, as the legacy tools did) and a newline, to stdout only.
 * The JSON is exact (it parses to the value); characters a terminal or a log could act on are written
 * as `\uXXXX` escapes (see escapeJsonText).
 */
export function writeJson(context: CliContext, value: unknown): void {
  context.stdout.write(`${escapeJsonText(JSON.stringify(value, null, 2))}\n`);
}

/**
 * Writes lines of text to stdout, each ending in a newline. The lines are written as they are: every
 * value from input in them must already be escaped (escapeText, escapeMarkdown).
 */
export function writeLines(context: CliContext, lines: readonly string[]): void {
  if (lines.length > 0) context.stdout.write(`${lines.join('\n')}\n`);
}
