import { buildMlopsCommand } from '@mlops/cli';
import { BufferStream, checkCommandLine, createContext, examplesOf } from '@mlops/cli-kit';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';

/** Every command of a tree, the root first. */
function commands(root: Command): Command[] {
  return [root, ...root.commands.flatMap((command) => commands(command))];
}

/** An example's words as a POSIX shell splits them (single and double quotes, no escapes used). */
function words(line: string): string[] {
  // A redirection (`> file`) is the shell's, not the command's.
  const redirect = line.search(/(^|\s)>/);
  if (redirect !== -1) return words(line.slice(0, redirect));
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((match) => match[1] ?? match[2] ?? match[3]!);
}

/** The words from the root to a command (`drift`, `registry compare`). */
function pathOf(command: Command): string[] {
  const names: string[] = [];
  for (let current: Command | null = command; current?.parent; current = current.parent)
    names.unshift(current.name());
  return names;
}

const program = buildMlopsCommand(createContext({ stdout: new BufferStream(), env: {} }));
const withExamples = commands(program).filter((command) => examplesOf(command).length > 0);

describe('the examples in the helps', () => {
  it('every command of every program, and the umbrella, has 2 to 4', () => {
    const expected = [
      program,
      ...commands(program).filter((command) => /^(drift|registry .+)$/.test(pathOf(command).join(' '))),
    ];
    expect(expected.length).toBe(11);
    for (const command of expected) {
      const count = examplesOf(command).length;
      expect(count, pathOf(command).join(' ') || 'mlops').toBeGreaterThanOrEqual(2);
      expect(count, pathOf(command).join(' ') || 'mlops').toBeLessThanOrEqual(4);
    }
  });

  it.each(
    withExamples.flatMap((command) =>
      examplesOf(command).map(
        (example) => [pathOf(command).join(' ') || 'mlops', example.args, command] as const,
      ),
    ),
  )('%s %s: every word is one the command takes', (_, args, command) => {
    expect(() => checkCommandLine(program, [...pathOf(command), ...words(args)])).not.toThrow();
  });

  it('shows them at the end of the help, as the command is called there', () => {
    const help = program.commands.find((command) => command.name() === 'drift')!.helpInformation();
    // commander adds the after-help text on output: render it as --help does.
    let text = '';
    const drift = program.commands.find((command) => command.name() === 'drift')!;
    drift.configureOutput({ writeOut: (chunk) => (text += chunk) });
    drift.outputHelp();
    expect(help).toContain('Usage: mlops drift [options]');
    expect(text).toContain(
      'Examples:\n  # every column, the default method; exit 1 on an alert\n  $ mlops drift --reference train.csv --current today.csv\n',
    );
  });
});
