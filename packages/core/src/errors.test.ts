import { describe, expect, it } from 'vitest';
import {
  EXIT_FAILED,
  EXIT_USAGE,
  errorForThread,
  errorFromThread,
  formatErrorLine,
  hintText,
  InputError,
  MlopsError,
  RefusedError,
  UsageError,
} from './errors.js';

describe('formatErrorLine', () => {
  it.each([
    ['msg', {}, undefined, 'msg'],
    ['msg', { file: 'a.csv' }, undefined, 'a.csv: msg'],
    ['msg', { file: 'a.csv', line: 3 }, undefined, 'a.csv:3: msg'],
    ['msg', { file: 'a.csv', line: 3, column: 7 }, 'fix it', 'a.csv:3:7: msg (fix it)'],
    ['msg', { line: 2, column: 5 }, undefined, 'line 2, column 5: msg'],
    ['two\n  lines', {}, undefined, 'two lines'],
  ])('%s %j %s', (message, location, hint, expected) => {
    expect(formatErrorLine(message, location, hint)).toBe(expected);
  });
});

describe('error classes', () => {
  it('map to the documented exit codes', () => {
    expect(new UsageError('x').exitCode).toBe(EXIT_USAGE);
    expect(new InputError('x').exitCode).toBe(EXIT_USAGE);
    expect(new RefusedError('x').exitCode).toBe(EXIT_FAILED);
  });
  it('render their location and hint', () => {
    const error = new InputError('not valid JSON', {
      file: 'p.json',
      line: 4,
      column: 2,
      hint: 'check the comma',
    });
    expect(error.toLine()).toBe('p.json:4:2: not valid JSON (check the comma)');
    expect(error.name).toBe('InputError');
  });
});

describe('the field an error is about', () => {
  it("is named through the caller's label, or as it is", () => {
    const error = new UsageError('no column "x" in ref.csv', {
      field: 'columns',
      hint: 'its columns are "a"',
    });
    expect(error.field).toBe('columns');
    expect(error.toLine()).toBe('columns: no column "x" in ref.csv (its columns are "a")');
    expect(error.toLine((field) => `--${field}`)).toBe(
      '--columns: no column "x" in ref.csv (its columns are "a")',
    );
    expect(new InputError('bad', { file: 'c.json', line: 2, field: 'config.ignore' }).toLine()).toBe(
      'c.json:2: config.ignore: bad',
    );
  });
});

describe('a hint that names fields (fieldHint)', () => {
  const flag = (field: string) => `--${field}`;

  it("names each field through the caller's label, or as it is", () => {
    const error = new RefusedError('nothing to roll back to', {
      fieldHint: ['name the version with ', { field: 'to' }, ' VERSION'],
    });
    expect(error.toLine()).toBe('nothing to roll back to (name the version with to VERSION)');
    expect(error.toLine(flag)).toBe('nothing to roll back to (name the version with --to VERSION)');
    expect(hintText(['with ', { field: 'version' }, ' or ', { field: 'alias' }], flag)).toBe(
      'with --version or --alias',
    );
  });

  it('follows a plain hint, and goes with the error field', () => {
    const error = new InputError('two delimiters', {
      file: 'a.csv',
      line: 1,
      field: 'delimiter',
      hint: 'the header is "a;b|c"',
      fieldHint: ['give it with ', { field: 'delimiter' }, " ';'"],
    });
    expect(error.toLine(flag)).toBe(
      `a.csv:1: --delimiter: two delimiters (the header is "a;b|c"; give it with --delimiter ';')`,
    );
  });
});

describe('errors across threads', () => {
  it.each([
    new InputError('row has 3 fields', { file: 'a.csv', line: 4, column: 2, hint: 'fix the row' }),
    new UsageError('--columns: no column "x"', { hint: 'its columns are "a"' }),
    new UsageError('no column "x"', { field: 'columns' }),
    new InputError('two delimiters', { file: 'a.csv', line: 1, fieldHint: ['use ', { field: 'delimiter' }] }),
    new RefusedError('version 1.0.0 exists'),
  ])('keeps the class, message, location and hint of %s', (error) => {
    // structuredClone: what postMessage does to the form on its way.
    const rebuilt = errorFromThread(structuredClone(errorForThread(error)));
    expect(rebuilt.constructor).toBe(error.constructor);
    expect((rebuilt as MlopsError).toLine()).toBe(error.toLine());
    expect((rebuilt as MlopsError).toLine((field) => `--${field}`)).toBe(
      error.toLine((field) => `--${field}`),
    );
    expect((rebuilt as MlopsError).fieldHint).toEqual(error.fieldHint);
    expect((rebuilt as MlopsError).exitCode).toBe(error.exitCode);
  });

  it('keeps the message and stack of a bug, which stays a plain Error', () => {
    const bug = new TypeError('x is undefined');
    const rebuilt = errorFromThread(structuredClone(errorForThread(bug)));
    expect(rebuilt).not.toBeInstanceOf(MlopsError);
    expect(rebuilt.message).toBe('x is undefined');
    expect(rebuilt.stack).toBe(bug.stack);
    expect(errorFromThread(errorForThread('thrown text')).message).toBe('thrown text');
  });
});
