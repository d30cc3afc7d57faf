import type { Command } from 'commander';
import { commandPath } from './command-line.js';
import { displayWidth } from './width.js';

/** A usage example: the arguments after the command's name, and what it does. */
export interface CommandExample {
  readonly args: string;
  readonly does: string;
}

/** The examples a command was given, for tests of the helps. */
const EXAMPLES = new WeakMap<Command, readonly CommandExample[]>();

/**
 * Adds an "Examples:" section to a command's help, each example written as the command is called
 * where the help is shown (`drift-detector --reference …`, or `mlops drift --reference …` from the
 * umbrella bin), with what it does as a comment above it. An example longer than the help's width
 * (the terminal's, or 80 columns) goes on as shell continuation lines (see wrapShellLine), so that
 * it still pastes as one command.
 */
export function withExamples(command: Command, examples: readonly CommandExample[]): Command {
  EXAMPLES.set(command, examples);
  return command.addHelpText('after', ({ error }) => {
    const output = command.configureOutput();
    const width = (error ? output.getErrHelpWidth?.() : output.getOutHelpWidth?.()) ?? 80;
    return [
      '',
      'Examples:',
      ...examples.flatMap(({ args, does }) => [
        `  # ${does}`,
        ...wrapShellLine(`  $ ${commandPath(command)} ${args}`.trimEnd(), width, 6),
      ]),
    ].join('\n');
  });
}

/**
 * A shell command line broken into lines of at most `width` display columns, each but the last ending
 * in ` \\` (a shell continuation), the next ones indented by `indent` spaces. Breaks only between
 * words, never inside a quoted word ('…' or "…"); a word longer than a line takes a line of its own.
 *
 * @example wrapShellLine("$ mlops drift --reference a.csv --current b.csv", 30, 4) // => ['$ mlops drift --reference \\', '    a.csv --current b.csv']
 */
export function wrapShellLine(line: string, width: number, indent: number): string[] {
  if (displayWidth(line) <= width) return [line];
  const lead = /^ */.exec(line)![0];
  const words = line.slice(lead.length).match(/(?:'[^']*'|"[^"]*"|[^\s'"]+)+/g) ?? [];
  const lines: string[] = [];
  let current = lead;
  let empty = true;
  for (const word of words) {
    // Room for the word, and for the ` \\` that ends every line but the last.
    if (!empty && displayWidth(current) + 1 + displayWidth(word) + 2 > width) {
      lines.push(`${current} \\`);
      current = ' '.repeat(indent);
      empty = true;
    }
    current += empty ? word : ` ${word}`;
    empty = false;
  }
  lines.push(current);
  return lines;
}

/** The examples of a command (see withExamples); none when it has none. */
export function examplesOf(command: Command): readonly CommandExample[] {
  return EXAMPLES.get(command) ?? [];
}
