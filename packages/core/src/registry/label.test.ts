import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { checkRegistryAlias, checkRegistryLabel } from './label.js';

/** The UsageError that `run` throws. */
function usageError(run: () => unknown): UsageError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error('expected a UsageError');
}

describe('checkRegistryLabel', () => {
  it.each(['fraud', 'fraud-detector_v2', '1.2.0+build.5', 'café', 'modèle 日本', 'a b'])(
    'accepts %j',
    (label) => {
      expect(checkRegistryLabel(label, 'name')).toBe(label);
    },
  );

  it.each([
    ['fraud\u001b[31m', '"fraud\\x1b[31m" holds a control or invisible character'],
    ['1.0\n::error::pwned', '"1.0\\n::error::pwned" holds a control or invisible character'],
    ['v1\r', '"v1\\r" holds a control or invisible character'],
    ['v1\u007f', '"v1\\x7f" holds a control or invisible character'],
    ['v1\u0085', '"v1\\x85" holds a control or invisible character'],
    ['v1\u202egpj', '"v1\\u202egpj" holds a control or invisible character'],
    ['v\u200b1', '"v\\u200b1" holds a control or invisible character'],
    ['\u0000', '"\\x00" holds a control or invisible character'],
  ])('refuses %j (exit 2), showing it escaped, about the field', (label, message) => {
    const error = usageError(() => checkRegistryLabel(label, 'name'));
    expect(error.field).toBe('name');
    expect(error.toLine()).toBe(
      `name: ${message} (names and versions are printed in terminals and CI logs; use printable characters only)`,
    );
  });

  it('refuses a blank value and cuts a long one', () => {
    const blank = usageError(() => checkRegistryLabel('  ', 'version'));
    expect([blank.field, blank.message]).toEqual(['version', 'must not be empty']);
    expect(usageError(() => checkRegistryLabel(`${'x'.repeat(100_000)}\u001b`, 'version')).toLine()).toMatch(
      /^version: "x{60}…" holds a control/,
    );
  });
});

describe('checkRegistryAlias', () => {
  it.each(['champion', 'c', 'v1.2_rc-3'])('accepts %j', (alias) => {
    expect(checkRegistryAlias(alias)).toBe(alias);
  });

  it.each(['', '1st', 'has space', '-x', 'a/b', '__proto__'])(
    'refuses %j, about the field alias',
    (alias) => {
      const error = usageError(() => checkRegistryAlias(alias));
      expect(error.field).toBe('alias');
      expect(error.message).toBe(
        `invalid alias ${JSON.stringify(alias)} (a letter, then letters, digits, ".", "_" or "-")`,
      );
    },
  );
});
