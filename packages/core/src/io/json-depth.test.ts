import { describe, expect, it } from 'vitest';
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
