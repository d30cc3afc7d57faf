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
