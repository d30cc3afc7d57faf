import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { parseRegistryText } from './parse.js';

const legacyText = readFileSync(
  join(import.meta.dirname, '../../../../fixtures/registry/model_registry.json'),
  'utf8',
);
const legacy = JSON.parse(legacyText) as Record<string, unknown>[];

/** The one-line message of the InputError that parsing `data` raises. */
async function problem(data: unknown): Promise<string> {
  try {
    await parseRegistryText(
      typeof data === 'string' ? data : JSON.stringify(data, null, 2),
      'model_registry.json',
    );
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).toLine();
  }
  throw new Error('expected an InputError');
}

const withEntry = (index: number, changes: Record<string, unknown>) =>
  legacy.map((entry, position) => (position === index ? { ...entry, ...changes } : entry));

describe('parseRegistryText', () => {
  it('reads a file written by the legacy tool as it is', async () => {
    expect(await parseRegistryText(legacyText, 'model_registry.json')).toEqual(legacy);
  });

  it('reads an empty array, a byte-order mark, and keeps unknown keys', async () => {
    expect(await parseRegistryText('[]', 'r.json')).toEqual([]);
    expect(await parseRegistryText(`\ufeff${legacyText}`, 'r.json')).toHaveLength(3);
    const extra = withEntry(0, { owner: 'team-a' });
    expect((await parseRegistryText(JSON.stringify(extra), 'r.json'))[0]).toMatchObject({ owner: 'team-a' });
  });

  it('reads the new keys: history and aliases', async () => {
    const entries = withEntry(1, {
      aliases: ['champion'],
      history: [
        {
          time: '2026-11-27T05:12:26.000Z',
          action: 'promote',
          from_stage: 'staging',
          to_stage: 'production',
          actor: 'ci',
          reason: '',
        },
      ],
    });
    expect((await parseRegistryText(JSON.stringify(entries), 'r.json'))[1]?.aliases).toEqual(['champion']);
  });

  it.each([
    [
      withEntry(2, { stage: 'prod' }),
      /entry 3 \(recommender 1\.2\.0\): stage: invalid value "prod" \(expected one of development, staging, production, archived, retired\)/,
    ],
    [
      withEntry(0, { metrics: { ndcg: '0.4' } }),
      /entry 1 \(recommender 1\.0\.0\): metrics\.ndcg: expected number, got the string "0\.4"/,
    ],
    [
      withEntry(1, { tags: 'als' }),
      /entry 2 \(recommender 1\.1\.0\): tags: expected array, got the string "als"/,
    ],
    [
      withEntry(1, { updated_at: 'yesterday' }),
      /entry 2 \(recommender 1\.1\.0\): updated_at: expected a timestamp like 2026-11-27T05:12:25Z, got "yesterday"/,
    ],
    [withEntry(0, { version: '' }), /entry 1: version: must not be empty/],
    [
      legacy.map(({ description: _, ...rest }) => rest),
      /entry 1 \(recommender 1\.0\.0\): description: missing \(expected string\)/,
    ],
    [
      withEntry(1, { history: [{ time: '2026-11-27T05:12:26Z', action: 'deploy' }] }),
      /entry 2 \(recommender 1\.1\.0\): history\[0\]\.action: invalid value "deploy"/,
    ],
    [
      withEntry(1, { aliases: [1] }),
      /entry 2 \(recommender 1\.1\.0\): aliases\[0\]: expected string, got number 1/,
    ],
    [[...legacy, 'x'], /entry 4: expected an object, got the string "x"/],
    [{ entries: legacy }, /the registry must be a JSON array of entries, got an object/],
  ])('names the entry and the field at fault: %#', async (data, message) => {
    const line = await problem(data);
    expect(line).toMatch(/^model_registry\.json: /);
    expect(line).toMatch(message);
    expect(line).toMatch(/\(fix the file by hand; it was not modified\)$/);
  });

  it('gives the line and column of invalid JSON', async () => {
    const broken = legacyText.replace('"stage": "staging",', '"stage": "staging"');
    expect(await problem(broken)).toMatch(
      /^model_registry\.json:44:5: invalid JSON: unexpected '"': expected ',' or '}' after an object member/,
    );
    expect(await problem(legacyText.slice(0, 300))).toMatch(
      /^model_registry\.json:18:1: invalid JSON: unterminated string|^model_registry\.json:\d+:\d+: invalid JSON: /,
    );
  });

  it('refuses an empty file rather than taking it for an empty registry', async () => {
    expect(await problem('')).toBe(
      'model_registry.json: the registry file is empty, not a JSON array (write [] into it, or delete it to start an empty registry)',
    );
  });
});

describe('parseRegistryText on hostile files', () => {
  it('refuses nesting deeper than 1,002 levels before parsing, with its line and column', async () => {
    // Ten million `[`: JSON.parse (or the positioned parser explaining it) would need gigabytes.
    const started = performance.now();
    expect(await problem('['.repeat(10_000_000))).toBe(
      'model_registry.json:1:1003: nested deeper than 1002 levels (the array, the entry, and at most 1000 inside a value) (fix the file by hand; it was not modified)',
    );
    expect(performance.now() - started).toBeLessThan(5_000);
    const deep = legacyText.replace('"factors": 64', `"factors": ${'['.repeat(2000)}${']'.repeat(2000)}`);
    expect(await problem(deep)).toMatch(/^model_registry\.json:14:\d+: nested deeper than 1002 levels/);
  });

  it.each([
    [
      '"factors": 64',
      '"factors": 1e309',
      /:14:18: the number 1e309 is out of range for a double \(it would be read as Infinity\)/,
    ],
    [
      '"ndcg": 0.41',
      '"ndcg": 1e-400',
      /:9:15: the number 1e-400 is out of range for a double \(it would be read as 0\)/,
    ],
    ['"ndcg": 0.41', `"ndcg": 0.${'0'.repeat(400)}41`, /:9:15: the number 0\.0{38}… is out of range/],
  ])('refuses a number a double cannot hold, with its position: %s → %s', async (from, to, message) => {
    expect(legacyText).toContain(from);
    const line = await problem(legacyText.replace(from, to));
    expect(line).toMatch(message);
    expect(line).toMatch(/\(fix the file by hand; it was not modified\)$/);
  });

  it('reads 5e-324 and 1.7976931348623157e308, the extremes of a double', async () => {
    const text = legacyText.replace('"ndcg": 0.41', '"ndcg": 5e-324, "big": 1.7976931348623157e308');
    const [entry] = await parseRegistryText(text, 'r.json');
    expect(entry?.metrics).toMatchObject({ ndcg: 5e-324, big: Number.MAX_VALUE });
  });
});

describe('keys are data', () => {
  it('keeps __proto__, constructor and toString keys as they are, in metrics, parameters and entries', async () => {
    const text = legacyText
      .replace('"ndcg": 0.41', '"__proto__": 0.25, "constructor": 0.5, "toString": 1, "ndcg": 0.41')
      .replace('"factors": 64', '"__proto__": {"polluted": true}, "hasOwnProperty": "x", "factors": 64')
      .replace('"description": ""', '"description": "", "__proto__": {"owner": "team-a"}');
    const entries = await parseRegistryText(text, 'r.json');
    const first = entries[0]!;
    expect(Object.keys(first.metrics)).toEqual([
      '__proto__',
      'constructor',
      'toString',
      'ndcg',
      'rmse',
      'p95_latency_ms',
    ]);
    expect(Object.getOwnPropertyDescriptor(first.metrics, '__proto__')?.value).toBe(0.25);
    expect(Object.keys(first.parameters)).toEqual(['__proto__', 'hasOwnProperty', 'factors']);
    expect(Object.hasOwn(first, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined(); // nothing reached Object.prototype
    // Written back byte for byte: the same keys in the same order.
    expect(JSON.stringify(entries, null, 2)).toBe(JSON.stringify(JSON.parse(text), null, 2));
  });

  it('refuses a __proto__ metric that is not a number (zod skips that key; the file is not read without it)', async () => {
    const text = legacyText.replace('"ndcg": 0.41', '"__proto__": {"x": 1}, "ndcg": 0.41');
    expect(await problem(text)).toBe(
      'model_registry.json: entry 1 (recommender 1.0.0): metrics.__proto__: expected a finite number, got an object (fix the file by hand; it was not modified)',
    );
  });

  it('names the entry of a __proto__ metric that is not a number, in any entry', async () => {
    const text = legacyText.replace('"ndcg": 0.43', '"__proto__": "0.43"');
    expect(await problem(text)).toMatch(
      /entry 3 \(recommender 1\.2\.0\): metrics\.__proto__: expected a finite number, got the string "0\.43"/,
    );
  });
});
