import { fieldLabel, parseOptions } from '@mlops/cli-kit';
import { UsageError } from '@mlops/core';
import { describe, expect, it } from 'vitest';
import { parseMetricNameList, parseMetricsJson, parseParametersJson, parseTagList } from './input.js';
import { registerOptionsSchema } from './options.js';

/** The error line (as runCli prints it, after `error: `) for `register` given these flags. */
function registerError(flags: Record<string, string>): string {
  try {
    parseOptions(registerOptionsSchema, { name: 'm', version: '1', ...flags });
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as UsageError).toLine(fieldLabel);
  }
  throw new Error('expected a UsageError');
}

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('numbers a double cannot hold, on the command line', () => {
  it.each([
    [
      'metrics',
      '{"auc": 1e-400}',
      '--metrics: the number 1e-400 (column 9) is out of range for a double: it would be stored as 0',
    ],
    [
      'metrics',
      '{"auc": 1e309}',
      '--metrics: the number 1e309 (column 9) is out of range for a double: it would be stored as Infinity',
    ],
    [
      'metrics',
      '{"auc": -1e999}',
      '--metrics: the number -1e999 (column 9) is out of range for a double: it would be stored as Infinity',
    ],
    [
      'params',
      '{"lr": [0.1, 2e-999]}',
      '--params: the number 2e-999 (column 14) is out of range for a double: it would be stored as 0',
    ],
    [
      'params',
      '{\n  "n": 1e400\n}',
      '--params: the number 1e400 (line 2, column 8) is out of range for a double: it would be stored as Infinity',
    ],
  ])('--%s %s is refused (exit 2), naming the value', (flag, text, message) => {
    expect(registerError({ [flag]: text })).toBe(
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

describe('JSON flags that are not a JSON object', () => {
  it.each([
    [
      'metrics',
      '{f1: 1}',
      /^--metrics: invalid JSON: .* \(--metrics takes a JSON object, e\.g\. '\{"f1": 0\.91\}'\)$/,
    ],
    [
      'metrics',
      '{"f1": NaN}',
      /^--metrics: NaN and Infinity are not JSON numbers; metrics must be finite numbers \(--metrics takes/,
    ],
    ['metrics', '[1]', /^--metrics: expected a JSON object, got an array \(--metrics takes a JSON object/],
    ['params', '"x"', /^--params: expected a JSON object, got "x" \(--params takes a JSON object/],
    ['metrics', '{"f1": "high"}', /^--metrics: metric "f1" must be a finite number, got "high"$/],
  ])('--%s %s', (flag, text, line) => {
    expect(registerError({ [flag]: text })).toMatch(line);
  });
});

describe('--params depth', () => {
  it('is checked on the text, before parsing, with the position', () => {
    const deep = `{"x": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    expect(registerError({ params: deep })).toBe(
      `--params: nested deeper than 1000 levels (column ${7 + 999}) (--params takes a JSON object, e.g. '{"factors": 64}')`,
    );
  });

  it('allows 1,000 levels (found by tests/fuzz: deeper ones overflowed JSON.stringify)', () => {
    expect(registerError({ params: `{"x": ${nested(20_000)}}` })).toMatch(
      /^--params: nested deeper than 1000 levels/,
    );
    expect(parseParametersJson(`{"x": ${nested(999)}}`)).toHaveProperty('x');
  });

  it('--metrics with a nested value names its kind instead of printing it', () => {
    expect(registerError({ metrics: `{"m": ${nested(20_000)}}` })).toBe(
      '--metrics: metric "m" must be a finite number, got an array',
    );
    expect(() => parseMetricsJson('{"m": {"a": 1}}')).toThrow('got an object');
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
    expect(registerError({ metrics: '{"__proto__": {"x": 1}}' })).toBe(
      '--metrics: metric "__proto__" must be a finite number, got an object',
    );
  });
});

describe('lists', () => {
  it('tags: trimmed, empty items dropped, duplicates removed', () => {
    expect(parseTagList(' a, b,,a ')).toEqual(['a', 'b']);
    expect(parseOptions(registerOptionsSchema, { name: 'm', version: '1', tags: 'x, y' }).tags).toEqual([
      'x',
      'y',
    ]);
  });

  it('metric names: trimmed, empty items dropped', () => {
    expect(parseMetricNameList('rmse, mae,,')).toEqual(['rmse', 'mae']);
  });
});
