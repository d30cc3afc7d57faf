import { UsageError } from '@mlops/core';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { chosenFormat, formatOption } from './format.js';

describe('chosenFormat', () => {
  it.each([
    [{}, 'text'],
    [{ json: false }, 'text'],
    [{ json: true }, 'json'],
    [{ format: 'json' }, 'json'],
    [{ format: 'markdown' }, 'markdown'],
    [{ json: true, format: 'json' }, 'json'],
  ] as const)('%j → %s', (options, format) => {
    expect(chosenFormat<'text' | 'json' | 'markdown'>(options, 'text')).toBe(format);
  });

  it('refuses --json with another --format (exit 2), naming both', () => {
    expect(() => chosenFormat({ json: true, format: 'text' }, 'text')).toThrow(
      new UsageError('--json contradicts --format text: give one of them'),
    );
    expect(() => chosenFormat({ json: true, format: 'text' }, 'text')).toThrow(UsageError);
  });
});

describe('formatOption', () => {
  it('takes one of its choices, and says which is the default', async () => {
    const option = formatOption(['text', 'json']);
    expect(option.flags).toBe('--format <format>');
    expect(option.description).toBe('output format: text, json (default: text)');
    const command = new Command().exitOverride().configureOutput({ writeErr: () => {} });
    command.addOption(option).action(() => {});
    await command.parseAsync(['--format', 'json'], { from: 'user' });
    expect(command.opts().format).toBe('json');
    await expect(command.parseAsync(['--format', 'xml'], { from: 'user' })).rejects.toThrow(
      "option '--format <format>' argument 'xml' is invalid. Allowed choices are text, json.",
    );
  });
});
