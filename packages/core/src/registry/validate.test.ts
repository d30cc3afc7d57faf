import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../../../../tests/helpers/runs.js';
import { registryFileSchema } from './schema.js';
import { isRegistryData } from './validate.js';

/** A valid entry, sometimes with the new keys. */
const timestamp = fc.oneof(
  fc
    .date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc
    .date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 19)),
);
const stage = fc.constantFrom('development', 'staging', 'production', 'archived', 'retired');
const key = fc.string({ minLength: 1, maxLength: 8 }).filter((text) => text !== '__proto__');
const event = fc.record(
  {
    time: timestamp,
    action: fc.constantFrom('register', 'promote', 'archive', 'rollback', 'alias-set', 'alias-remove'),
    from_stage: fc.option(stage, { nil: null }),
    to_stage: stage,
    actor: fc.string(),
    reason: fc.string(),
    alias: fc.string(),
  },
  { requiredKeys: ['time', 'action', 'from_stage', 'to_stage', 'actor', 'reason'] },
);
const entry = fc.record(
  {
    name: fc.string({ minLength: 1 }),
    version: fc.string({ minLength: 1 }),
    stage,
    registered_at: timestamp,
    updated_at: timestamp,
    metrics: fc.dictionary(key, fc.double({ noNaN: true, noDefaultInfinity: true })),
    parameters: fc.dictionary(key, fc.jsonValue()),
    tags: fc.array(fc.string()),
    description: fc.string(),
    artifact_path: fc.string(),
    history: fc.array(event, { maxLength: 3 }),
    aliases: fc.array(fc.string(), { maxLength: 2 }),
  },
  {
    requiredKeys: [
      'name',
      'version',
      'stage',
      'registered_at',
      'updated_at',
      'metrics',
      'parameters',
      'tags',
      'description',
      'artifact_path',
    ],
  },
);

/** Breaks one thing in a value: replaces a field (at any depth) with a random JSON value or removes it. */
function mutate(
  value: unknown,
  path: readonly (string | number)[],
  replacement: unknown,
  remove: boolean,
): unknown {
  if (path.length === 0) return replacement;
  if (typeof value !== 'object' || value === null) return value;
  const [head, ...rest] = path;
  const copy: Record<string | number, unknown> = Array.isArray(value) ? { ...value } : { ...value };
  const keys = Object.keys(copy);
  if (keys.length === 0) return value;
  const chosen = keys[Number(head) % keys.length] ?? keys[0]!;
  if (rest.length === 0 && remove && !Array.isArray(value)) delete copy[chosen];
  else copy[chosen] = mutate(copy[chosen], rest, replacement, remove);
  return Array.isArray(value) ? Object.values(copy) : copy;
}

describe('isRegistryData, the fast check, accepts exactly what the zod schema accepts', () => {
  it('on valid registries', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 4 }), (entries) => {
        const data = JSON.parse(JSON.stringify(entries));
        expect(registryFileSchema.safeParse(data).success).toBe(true);
        expect(isRegistryData(data)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('on registries with one field broken or removed, at any depth', () => {
    fc.assert(
      fc.property(
        fc.array(entry, { minLength: 1, maxLength: 3 }),
        fc.array(fc.nat(20), { minLength: 1, maxLength: 4 }),
        fc.oneof(
          fc.jsonValue(),
          fc.constantFrom('prod', '', '2026-02-30T00:00:00Z', 'register', null, -1, [], {}),
        ),
        fc.boolean(),
        (entries, path, replacement, remove) => {
          const data = JSON.parse(JSON.stringify(mutate(entries, path, replacement, remove)));
          expect(isRegistryData(data)).toBe(registryFileSchema.safeParse(data).success);
        },
      ),
      { numRuns: propertyRuns(2000) },
    );
  });

  it('on values that are not registries at all', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(isRegistryData(value)).toBe(registryFileSchema.safeParse(value).success);
      }),
    );
  });
});

describe('__proto__ keys, which zod skips, are checked by the fast check as data', () => {
  const base = {
    name: 'm',
    version: '1',
    stage: 'staging',
    registered_at: '2026-11-27T05:12:25Z',
    updated_at: '2026-11-27T05:12:25Z',
    parameters: {},
    tags: [],
    description: '',
    artifact_path: '',
  };
  const withMetrics = (metrics: string) =>
    JSON.parse(
      `[${JSON.stringify({ ...base, metrics: {} }).replace('"metrics":{}', `"metrics":${metrics}`)}]`,
    );

  it('a __proto__ metric must be a finite number like any other (zod alone would accept anything there)', () => {
    expect(isRegistryData(withMetrics('{"__proto__": 0.5, "constructor": 1}'))).toBe(true);
    for (const bad of [
      '{"__proto__": {"x": 1}}',
      '{"__proto__": "0.5"}',
      '{"__proto__": null}',
      '{"__proto__": []}',
    ]) {
      expect(isRegistryData(withMetrics(bad))).toBe(false);
      expect(registryFileSchema.safeParse(withMetrics(bad)).success).toBe(true); // why parse.ts does not trust zod here
    }
  });
});
