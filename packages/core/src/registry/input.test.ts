import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { checkRegistryLabel, parseMetricsJson, parseParametersJson } from './input.js';

/** The one-line message of the UsageError that `run` throws. */
function usageError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as UsageError).toLine();
  }
  throw new Error('expected a UsageError');
}

describe('checkRegistryLabel', () => {
  it.each(['fraud', 'fraud-detector_v2', '1.2.0+build.5', 'café', 'modèle 日本', 'a b'])(
    'accepts %j',
    (label) => {
      expect(checkRegistryLabel(label, '--name')).toBe(label);
    },
  );

  it.each([
    ['fraud\u001b[31m', '--name: "fraud\\x1b[31m" holds a control or invisible character'],
    ['1.0\n::error::pwned', '--name: "1.0\\n::error::pwned" holds a control or invisible character'],
    ['v1\r', '--name: "v1\\r" holds a control or invisible character'],
    ['v1\u007f', '--name: "v1\\x7f" holds a control or invisible character'],
    ['v1\u0085', '--name: "v1\\x85" holds a control or invisible character'],
    ['v1\u202egpj', '--name: "v1\\u202egpj" holds a control or invisible character'],
    ['v\u200b1', '--name: "v\\u200b1" holds a control or invisible character'],
    ['\u0000', '--name: "\\x00" holds a control or invisible character'],
  ])('refuses %j (exit 2), showing it escaped', (label, message) => {
    expect(usageError(() => checkRegistryLabel(label, '--name'))).toBe(
      `${message} (names and versions are printed in terminals and CI logs; use printable characters only)`,
    );
  });

  it('refuses a blank value and cuts a long one', () => {
    expect(usageError(() => checkRegistryLabel('  ', '--version'))).toBe('--version: must not be empty');
    expect(usageError(() => checkRegistryLabel(`${'x'.repeat(100_000)}\u001b`, '--version'))).toMatch(
      /^--version: "x{60}…" holds a control/,
    );
  });
});

describe('numbers a double cannot hold, on the command line', () => {
  it.each([
    [
      '--metrics',
      '{"auc": 1e-400}',
      '--metrics: the number 1e-400 (column 9) is out of range for a double: it would be stored as 0',
    ],
    [
      '--metrics',
      '{"auc": 1e309}',
      '--metrics: the number 1e309 (column 9) is out of range for a double: it would be stored as Infinity',
    ],
    [
      '--metrics',
      '{"auc": -1e999}',
      '--metrics: the number -1e999 (column 9) is out of range for a double: it would be stored as Infinity',
    ],
    [
      '--params',
      '{"lr": [0.1, 2e-999]}',
      '--params: the number 2e-999 (column 14) is out of range for a double: it would be stored as 0',
    ],
    [
      '--params',
      '{\n  "n": 1e400\n}',
      '--params: the number 1e400 (line 2, column 8) is out of range for a double: it would be stored as Infinity',
    ],
  ])('%s %s is refused (exit 2), naming the value', (flag, text, message) => {
    const parse = flag === '--metrics' ? parseMetricsJson : parseParametersJson;
    expect(usageError(() => parse(text, flag))).toBe(
      `${message} (a double holds 0 and sizes from 5e-324 to about 1.8e308)`,
    );
  });

  it('accepts the extremes and zero in any form', () => {
    expect(parseMetricsJson('{"a": 5e-324, "b": 1.7976931348623157e308, "c": 0e-999, "d": -0.0}')).toEqual({
      a: 5e-324,
      b: Number.MAX_VALUE,
      c: 0,
      d: -0,
    });
  });
});

describe('--params depth', () => {
  it('is checked on the text, before parsing, with the position', () => {
    const deep = `{"x": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    expect(usageError(() => parseParametersJson(deep, '--params'))).toBe(
      `--params: nested deeper than 1000 levels (column ${7 + 999}) (--params takes a JSON object, e.g. '{"factors": 64}')`,
    );
  });
});

describe('keys are data on the command line', () => {
  it('keeps __proto__, constructor and hasOwnProperty as metric and parameter names', () => {
    const metrics = parseMetricsJson('{"__proto__": 0.5, "constructor": 1, "hasOwnProperty": 2}');
    expect(Object.keys(metrics)).toEqual(['__proto__', 'constructor', 'hasOwnProperty']);
    expect(Object.getOwnPropertyDescriptor(metrics, '__proto__')?.value).toBe(0.5);
    expect(Object.getPrototypeOf(metrics)).toBe(Object.prototype); // the key did not set the prototype
    const parameters = parseParametersJson('{"__proto__": {"polluted": true}, "toString": "x"}');
    expect(JSON.stringify(parameters)).toBe('{"__proto__":{"polluted":true},"toString":"x"}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('checks a __proto__ metric like any other', () => {
    expect(usageError(() => parseMetricsJson('{"__proto__": {"x": 1}}'))).toBe(
      '--metrics: metric "__proto__" must be a finite number, got an object',
    );
  });
});
