import { parseMetricRequirement, UsageError } from '@mlops/core';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { parsedBy, parseOptions } from './options.js';
import { fieldLabel } from './run.js';

/** The UsageError parseOptions throws for these options. */
function usageError(schema: z.ZodType, options: unknown): UsageError {
  try {
    parseOptions(schema, options);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error('expected a UsageError');
}

describe('parseOptions', () => {
  const schema = z.object({
    lockTimeout: z.string().min(1, { message: 'must not be empty' }).optional(),
    require: z.array(parsedBy(parseMetricRequirement)).optional(),
  });

  it('returns the parsed options', () => {
    expect(parseOptions(schema, { require: ['f1>=0.8'] })).toEqual({
      require: [{ metric: 'f1', operator: '>=', threshold: 0.8, text: 'f1>=0.8' }],
    });
  });

  it('throws a UsageError about the option (its field), which runCli names by its flag', () => {
    const error = usageError(schema, { lockTimeout: '' });
    expect([error.field, error.message]).toEqual(['lockTimeout', 'must not be empty']);
    expect(error.toLine(fieldLabel)).toBe('--lock-timeout: must not be empty');
  });

  it('names a repeated option by its key, whichever value is wrong', () => {
    expect(usageError(schema, { require: ['f1>=0.8', 'f1'] }).toLine(fieldLabel)).toBe(
      '--require: expected METRIC>=NUMBER (or >, <=, <), e.g. "f1>=0.85", got "f1"',
    );
  });

  it('prefixes an issue about no option with "options"', () => {
    const whole = z.object({ a: z.string().optional() }).refine(() => false, { message: 'never' });
    const error = usageError(whole, {});
    expect([error.field, error.message]).toEqual([undefined, 'options: never']);
  });
});

describe('parsedBy', () => {
  const hinted = parsedBy((text: string) => {
    if (text !== 'ok') throw new UsageError(`bad value ${JSON.stringify(text)}`, { hint: 'give ok' });
    return 1;
  });

  it("keeps the parser's message and hint, and returns its value", () => {
    expect(parseOptions(z.object({ mode: hinted }), { mode: 'ok' })).toEqual({ mode: 1 });
    const error = usageError(z.object({ mode: hinted }), { mode: 'no' });
    expect(error.toLine(fieldLabel)).toBe('--mode: bad value "no" (give ok)');
  });

  it('refuses a value that is not a string, and lets a bug through', () => {
    expect(usageError(z.object({ mode: hinted }), { mode: 5 }).field).toBe('mode');
    const buggy = parsedBy(() => {
      throw new TypeError('bug');
    });
    expect(() => parseOptions(z.object({ mode: buggy }), { mode: 'x' })).toThrow(TypeError);
  });
});
