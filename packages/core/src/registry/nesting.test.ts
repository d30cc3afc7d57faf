import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { nestedDeeperThan, REGISTRY_MAX_NESTING } from './nesting.js';
import { parseRegistryText } from './parse.js';

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

function registryWith(parameters: string, extra = ''): string {
  return `[{"name":"m","version":"1","stage":"development","registered_at":"2026-11-27T05:12:25Z","updated_at":"2026-11-27T05:12:25Z","metrics":{},"parameters":${parameters},"tags":[],"description":"","artifact_path":""${extra}}]\n`;
}

describe('nestedDeeperThan', () => {
  it.each([
    [1, 0, false],
    [[], 1, false],
    [[], 0, true],
    [{ a: [1] }, 2, false],
    [{ a: [[1]] }, 2, true],
    [{ a: 1, b: { c: {} } }, 3, false],
  ] as const)('%j deeper than %i: %s', (value, limit, expected) => {
    expect(nestedDeeperThan(value, limit)).toBe(expected);
  });

  it('does not overflow the stack on 1,000,000 levels', () => {
    expect(nestedDeeperThan(JSON.parse(nested(1_000_000)), REGISTRY_MAX_NESTING)).toBe(true);
  });
});

describe('deep values (found by tests/fuzz: JSON.stringify overflowed the stack, "unexpected failure")', () => {
  // The same limit on the command line (--params): packages/model-registry/src/input.test.ts.
  it('a registry file with parameters (or an unknown key) nested deeper than 1,000 levels is refused', async () => {
    const deep = parseRegistryText(registryWith(`{"x": ${nested(100_000)}}`), 'r.json');
    await expect(deep).rejects.toThrow(InputError);
    // Found by a scan of the text before JSON.parse: the array, the entry, then 1,000 levels in a value.
    // Depth 1 the array, 2 the entry, 3 `parameters`, 4 the first `[` of the value: the 1,003rd level
    // is its 1,000th bracket.
    const firstBracket = registryWith(`{"x": ${nested(1)}}`).indexOf('[', 1);
    const where = firstBracket + REGISTRY_MAX_NESTING; // 1-based column of its 1,000th bracket
    await expect(deep).rejects.toMatchObject({
      message: 'nested deeper than 1002 levels (the array, the entry, and at most 1000 inside a value)',
      line: 1,
      column: where,
    });
    await expect(parseRegistryText(registryWith('{}', `,"extra":${nested(5000)}`), 'r.json')).rejects.toThrow(
      'nested deeper than 1002 levels',
    );
    const fine = await parseRegistryText(
      registryWith(`{"x": ${nested(REGISTRY_MAX_NESTING - 1)}}`),
      'r.json',
    );
    expect(JSON.stringify(fine)).toContain('[[[');
  });
});
