import { BufferStream, createContext } from '@mlops/cli-kit';
import { escapeJsonText } from '@mlops/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeJsonInPieces, writeLinesInPieces } from './json.js';

/** What the writer printed, and in how many writes. */
function written(write: (context: ReturnType<typeof createContext>) => void) {
  const stdout = new BufferStream(false);
  let writes = 0;
  const counting = Object.assign(stdout, {
    write: ((original) => (chunk: string) => {
      writes++;
      return original(chunk);
    })(stdout.write.bind(stdout)),
  });
  write(createContext({ stdout: counting, stderr: new BufferStream(false), env: {} }));
  return { text: stdout.text, writes };
}

describe('writeJsonInPieces', () => {
  it('writes exactly what cli-kit writeJson does: escapeJsonText(JSON.stringify(value, null, 2)) and a newline (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(written((context) => writeJsonInPieces(context, value)).text).toBe(
          `${escapeJsonText(JSON.stringify(value, null, 2))}\n`,
        );
      }),
      { numRuns: 500, seed: 20_261_201 },
    );
  });

  it('writes the characters JSON.stringify leaves raw (bidi, C1, DEL, invisible) as \\u escapes, same value', () => {
    const value = { name: 'a\u202eb\u0085c\u007fd\u200be', issues: [{ message: '\u2028x' }] };
    const { text } = written((context) => writeJsonInPieces(context, value));
    expect(text).toContain('"a\\u202eb\\u0085c\\u007fd\\u200be"');
    expect(text).toContain('"\\u2028x"');
    expect(JSON.parse(text)).toEqual(value);
  });

  it('leaves out undefined members and writes null for undefined elements, as JSON.stringify', () => {
    const value = { a: undefined, b: [undefined, 1, { c: undefined }], d: { toJSON: () => 'x' }, e: {} };
    expect(written((context) => writeJsonInPieces(context, value)).text).toBe(
      `${JSON.stringify(value, null, 2)}\n`,
    );
  });

  it('writes a large report in pieces of about a megabyte, never the whole at once', () => {
    const issues = Array.from({ length: 20_000 }, (_, index) => ({
      severity: 'warning',
      rule: 'UNRESOLVED_INPUT',
      message: `Stage 's${index}' requires input 'lookup' which is not produced by any earlier stage.`,
      path: `/stages/${index}/inputs/1`,
      line: 1,
      column: index + 1,
    }));
    const report = { pipeline_name: 'p', total_issues: issues.length, valid: true, issues };
    const { text, writes } = written((context) =>
      writeJsonInPieces(context, [{ file: 'a.json', ...report }]),
    );
    expect(text).toBe(`${JSON.stringify([{ file: 'a.json', ...report }], null, 2)}\n`);
    expect(writes).toBeGreaterThan(3);
  });
});

describe('writeLinesInPieces', () => {
  it('writes each line and a newline, in pieces when long', () => {
    expect(written((context) => writeLinesInPieces(context, ['a', '', 'b'])).text).toBe('a\n\nb\n');
    expect(written((context) => writeLinesInPieces(context, [])).writes).toBe(0);
    const lines = Array.from({ length: 100_000 }, (_, index) => `line ${index} ${'x'.repeat(20)}`);
    const { text, writes } = written((context) => writeLinesInPieces(context, lines));
    expect(text).toBe(`${lines.join('\n')}\n`);
    expect(writes).toBeGreaterThan(1);
  });
});
