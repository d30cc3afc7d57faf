import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { withExamples, wrapShellLine } from './examples.js';
import { displayWidth } from './width.js';

describe('wrapShellLine', () => {
  it('keeps a line that fits', () => {
    expect(wrapShellLine('  $ mlops drift --reference a.csv', 80, 6)).toEqual([
      '  $ mlops drift --reference a.csv',
    ]);
  });

  it('breaks between words with shell continuations, quoted words whole', () => {
    const line = `  $ mlops registry register --name churn --version 1.4.0 --metrics '{"auc": 0.91, "log_loss": 0.32}' --params '{"lr": 0.05}'`;
    const lines = wrapShellLine(line, 60, 6);
    expect(lines).toEqual([
      '  $ mlops registry register --name churn --version 1.4.0 \\',
      `      --metrics '{"auc": 0.91, "log_loss": 0.32}' --params \\`,
      `      '{"lr": 0.05}'`,
    ]);
    for (const part of lines) expect(displayWidth(part)).toBeLessThanOrEqual(60);
    // Joined as the shell joins continuation lines, the words are the original ones.
    expect(lines.map((part) => part.replace(/ \\$/, '').trim()).join(' ')).toBe(line.trim());
  });

  it('gives a word longer than a line a line of its own', () => {
    expect(wrapShellLine('$ tool --config /a/very/long/path/to/a/config.json', 20, 2)).toEqual([
      '$ tool --config \\',
      '  /a/very/long/path/to/a/config.json',
    ]);
  });
});

describe('withExamples', () => {
  it('writes an example without arguments as the command alone', () => {
    let text = '';
    const command = new Command('list').configureOutput({ writeOut: (chunk) => (text += chunk) });
    withExamples(command, [{ args: '', does: 'every version' }]);
    command.outputHelp();
    expect(text).toContain('  # every version\n  $ list\n');
  });

  it('wraps the examples to the help width', () => {
    let text = '';
    const command = new Command('tool').configureOutput({
      writeOut: (chunk) => (text += chunk),
      getOutHelpWidth: () => 40,
    });
    withExamples(command, [{ args: '--reference train.csv --current today.csv --json', does: 'a check' }]);
    command.outputHelp();
    expect(text).toContain(
      'Examples:\n  # a check\n  $ tool --reference train.csv \\\n      --current today.csv --json\n',
    );
  });
});
