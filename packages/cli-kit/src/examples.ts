import type { Command } from 'commander';
import { commandPath } from './command-line.js';

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
 * umbrella bin), with what it does as a comment above it.
 */
export function withExamples(command: Command, examples: readonly CommandExample[]): Command {
  EXAMPLES.set(command, examples);
  return command.addHelpText('after', () =>
    [
      '',
      'Examples:',
      ...examples.flatMap(({ args, does }) => [`  # ${does}`, `  $ ${commandPath(command)} ${args}`]),
    ].join('\n'),
  );
}

/** The examples of a command (see withExamples); none when it has none. */
export function examplesOf(command: Command): readonly CommandExample[] {
  return EXAMPLES.get(command) ?? [];
}
