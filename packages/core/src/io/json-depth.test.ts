import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../../../../tests/helpers/runs.js';
import { findJsonDepthExcess, MAX_JSON_DEPTH } from './json-depth.js';

describe('findJsonDepthExcess', () => {
  it('finds the first bracket past the limit, with its line and column', () => {
    expect(findJsonDepthExcess('[[[1]]]', 2)).toEqual({ offset: 2, line: 1, column: 3, maxDepth: 2 });
    expect(findJsonDepthExcess('{\n "a": [\n  {"b": 1}]}', 2)).toEqual({
      offset: 12,
      line: 3,
      column: 3,
      maxDepth: 2,
    });
  });

  it('accepts nesting up to the limit, and siblings that each stay within it', () => {
    expect(findJsonDepthExcess('[[1]]', 2)).toBeUndefined();
    expect(findJsonDepthExcess('[[1],[2],{"a":[3]}]', 3)).toBeUndefined();
    expect(findJsonDepthExcess(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`)).toBeUndefined();
    expect(findJsonDepthExcess('['.repeat(MAX_JSON_DEPTH + 1))?.offset).toBe(MAX_JSON_DEPTH);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(findJsonDepthExcess('{"a": "[[[{{{"}', 1)).toBeUndefined();
    expect(findJsonDepthExcess('["\\"[[[["]', 1)).toBeUndefined();
    expect(findJsonDepthExcess('["\\\\", [1]]', 1)?.offset).toBe(7);
  });

  it('scans ten million brackets in constant memory', () => {
    const before = process.memoryUsage().heapUsed;
    const excess = findJsonDepthExcess('['.repeat(10_000_000));
    expect(excess?.offset).toBe(MAX_JSON_DEPTH);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * 1024 * 1024);
  });
});

/** The first version of the scan, char by char with a string flag and a line counter: the reference. */
function referenceScan(text: string, maxDepth: number) {
  let depth = 0;
  let inString = false;
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c) index++;
      else if (code === 0x22) inString = false;
      else if (code === 0x0a) {
        line++;
        lineStart = index + 1;
      }
      continue;
    }
    if (code === 0x22) inString = true;
    else if (code === 0x5b || code === 0x7b) {
      depth++;
      if (depth > maxDepth) return { offset: index, line, column: index - lineStart + 1, maxDepth };
    } else if (code === 0x5d || code === 0x7d) {
      if (depth > 0) depth--;
    } else if (code === 0x0a) {
      line++;
      lineStart = index + 1;
    }
  }
  return undefined;
}

describe('findJsonDepthExcess (strings skipped with indexOf, lines counted only on a hit)', () => {
  it('counts lines as the reference does: not a line feed escaped inside a string', () => {
    const text = '["a\\\nb", "\\\\",\n [[1]]]';
    expect(findJsonDepthExcess(text, 2)).toEqual({ offset: 17, line: 2, column: 3, maxDepth: 2 });
    expect(findJsonDepthExcess(text, 2)).toEqual(referenceScan(text, 2));
  });

  it('finds exactly what the char-by-char scan finds, on any text of brackets, quotes, backslashes and line feeds', () => {
    const text = fc
      .array(fc.constantFrom('[', ']', '{', '}', '"', '\\', '\n', 'a', ' ', ','), { maxLength: 60 })
      .map((characters) => characters.join(''));
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 6 }), (input, maxDepth) => {
        expect(findJsonDepthExcess(input, maxDepth)).toEqual(referenceScan(input, maxDepth));
      }),
      { numRuns: propertyRuns(5000) },
    );
  });
});
