import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { InputError } from '../errors.js';
import { jsonSchemaIssueError, parseJsonWithSchema } from './parse-with-schema.js';

const schema = z.strictObject({
  name: z.string(),
  sizes: z.array(z.number()).optional(),
  tags: z.record(z.string(), z.string()).optional(),
});

function refusal(action: () => unknown): InputError {
  try {
    action();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('parseJsonWithSchema', () => {
  it("returns zod's value, the document as parsed (own __proto__ keys kept) and positions", () => {
    const text = '{\n  "name": "a",\n  "tags": {"__proto__": "x"}\n}';
    const { value, document, positions } = parseJsonWithSchema(text, schema, { file: 'c.json' });
    expect(value.name).toBe('a');
    expect(Object.hasOwn(value.tags ?? {}, '__proto__')).toBe(false);
    const tags = (document as { tags: object }).tags;
    expect(Object.getOwnPropertyDescriptor(tags, '__proto__')?.value).toBe('x');
    expect(positions.key('/tags/__proto__')).toEqual({ line: 3, column: 12, offset: 28 });
  });

  it('skips a byte order mark', () => {
    expect(parseJsonWithSchema('\uFEFF{"name": "b"}', schema, { file: 'c.json' }).value).toEqual({
      name: 'b',
    });
  });

  it('refuses a syntax error at its line and column, worded by default or by the caller', () => {
    const error = refusal(() => parseJsonWithSchema('{\n  "name": x\n}', schema, { file: 'c.json' }));
    expect(error.toLine()).toBe(
      "c.json:2:11: invalid JSON: unexpected 'x': expected a value (strings need double quotes; literals are true, false and null)",
    );
    const worded = refusal(() =>
      parseJsonWithSchema('[1,]', schema, {
        file: 'c.json',
        hint: 'not for syntax',
        syntaxMessage: (message) => `config file is not valid JSON: ${message}`,
      }),
    );
    expect(worded.toLine()).toBe("c.json:1:4: config file is not valid JSON: trailing comma before ']'");
  });

  it('refuses nesting past maxDepth: as a syntax error, or first and in its own words', () => {
    const deep = `{"name": ${'['.repeat(5)}${']'.repeat(5)}}`;
    expect(refusal(() => parseJsonWithSchema(deep, schema, { file: 'c.json', maxDepth: 3 })).toLine()).toBe(
      'c.json:1:12: invalid JSON: more than 3 levels of nested arrays and objects (the most this tool reads)',
    );
    // With depthMessage the scan runs first, even before an earlier syntax error.
    const broken = `{"name": x, "a": ${'['.repeat(5)}`;
    const error = refusal(() =>
      parseJsonWithSchema(broken, schema, {
        file: 'c.json',
        maxDepth: 3,
        hint: 'see the docs',
        depthMessage: (maxDepth) => `nested deeper than ${maxDepth} levels`,
      }),
    );
    expect(error.toLine()).toBe('c.json:1:20: nested deeper than 3 levels (see the docs)');
  });

  it('places the first schema issue at its key, worded by default or by the caller', () => {
    const text = '{\n  "name": "a",\n  "sizes": [1, "two"]\n}';
    expect(refusal(() => parseJsonWithSchema(text, schema, { file: 'c.json' })).toLine()).toBe(
      'c.json:3:16: /sizes/1: Invalid input: expected number, received string',
    );
    const error = refusal(() =>
      parseJsonWithSchema('{\n  "nam": "a"\n}', schema, {
        file: 'c.json',
        hint: 'see the docs',
        describeIssue: (issue) => ({ message: `bad: ${issue.code}`, path: ['nam'] }),
      }),
    );
    expect(error.toLine()).toBe('c.json:2:3: bad: invalid_type (see the docs)');
  });

  it('points at the nearest existing ancestor of a missing value', () => {
    const error = refusal(() => parseJsonWithSchema('{\n  "sizes": []\n}', schema, { file: 'c.json' }));
    expect([error.line, error.column]).toEqual([1, 1]);
    expect(error.message).toBe('/name: Invalid input: expected string, received undefined');
  });
});

describe('jsonSchemaIssueError', () => {
  it('names the file only when there are no positions', () => {
    const result = schema.safeParse({ name: 1 });
    if (result.success) throw new Error('expected an issue');
    const error = jsonSchemaIssueError(result.error.issues[0]!, { name: 1 }, undefined, {
      file: 'r.json',
      describeIssue: () => ({ message: 'entry 1: name: expected a string' }),
    });
    expect(error.toLine()).toBe('r.json: entry 1: name: expected a string');
  });
});
