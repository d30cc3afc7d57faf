import { describe, expect, it } from 'vitest';
import { RefusedError, UsageError } from '../errors.js';
import type { RegistryEntry } from './schema.js';
import { type RegistrySelector, selectRegistryEntry } from './select.js';
import type { RegistryStage } from './stages.js';

function entry(
  version: string,
  stage: RegistryStage,
  updated: string,
  extra: Partial<RegistryEntry> = {},
): RegistryEntry {
  return {
    name: 'fraud',
    version,
    stage,
    registered_at: '2026-11-01T00:00:00Z',
    updated_at: updated,
    metrics: {},
    parameters: {},
    tags: [],
    description: '',
    artifact_path: `s3://models/fraud/${version}`,
    ...extra,
  };
}

const entries: RegistryEntry[] = [
  entry('1.0', 'archived', '2026-11-02T00:00:00Z'),
  entry('1.1', 'production', '2026-11-05T00:00:00Z', { aliases: ['champion'] }),
  entry('1.2', 'staging', '2026-11-06T00:00:00Z'),
  entry('1.3', 'staging', '2026-11-08T00:00:00.500Z', { aliases: ['challenger'] }),
  entry('1.4', 'staging', '2026-11-07T00:00:00Z'),
  { ...entry('9.9', 'production', '2026-11-09T00:00:00Z'), name: 'other' },
];

/** The line of the error `select` throws, fields named as the CLI's flags are, and checks its class. */
function failure(selector: RegistrySelector, kind: typeof RefusedError | typeof UsageError = RefusedError) {
  try {
    selectRegistryEntry(entries, selector);
  } catch (error) {
    expect(error).toBeInstanceOf(kind);
    return (error as RefusedError).toLine((field) => `--${field}`);
  }
  throw new Error('expected an error');
}

describe('selectRegistryEntry', () => {
  it('finds the version in a stage, with an alias, or by version', () => {
    expect(selectRegistryEntry(entries, { name: 'fraud', stage: 'production' })).toEqual({
      entry: entries[1],
      matches: [entries[1]],
    });
    expect(selectRegistryEntry(entries, { name: 'fraud', alias: 'challenger' }).entry.version).toBe('1.3');
    expect(selectRegistryEntry(entries, { name: 'fraud', version: '1.0' }).entry.version).toBe('1.0');
    expect(selectRegistryEntry(entries, { name: 'other', stage: 'production' }).entry.version).toBe('9.9');
  });

  it('picks the most recently updated of several versions in a stage, and returns them all', () => {
    const { entry: chosen, matches } = selectRegistryEntry(entries, { name: 'fraud', stage: 'staging' });
    expect(chosen.version).toBe('1.3');
    expect(matches.map((match) => match.version)).toEqual(['1.3', '1.4', '1.2']);
  });

  it('compares legacy local timestamps and UTC ones as instants', () => {
    const later = new Date(Date.parse('2026-11-08T00:00:00.500Z') + 3_600_000);
    // A legacy timestamp (local time, no zone) an hour after 1.3's update, whatever the time zone.
    const local = `${later.getFullYear()}-${String(later.getMonth() + 1).padStart(2, '0')}-${String(later.getDate()).padStart(2, '0')}T${String(later.getHours()).padStart(2, '0')}:${String(later.getMinutes()).padStart(2, '0')}:00`;
    const withLegacy = [...entries, entry('0.9', 'staging', local)];
    expect(selectRegistryEntry(withLegacy, { name: 'fraud', stage: 'staging' }).entry.version).toBe('0.9');
  });

  it('refuses (exit 1) to choose between versions that tie on the latest updated_at', () => {
    const tied = [...entries, entry('1.5', 'staging', '2026-11-08T00:00:00.5Z')];
    expect(() => selectRegistryEntry(tied, { name: 'fraud', stage: 'staging' })).toThrow(RefusedError);
    expect(() => selectRegistryEntry(tied, { name: 'fraud', stage: 'staging' })).toThrow(
      '2 versions of fraud are in staging with the same updated_at (2026-11-08T00:00:00.500Z): 1.3, 1.5',
    );
  });

  it.each([
    [
      { name: 'frod', stage: 'production' },
      'no model named "frod" in this registry (check --name and the registry path)',
    ],
    [
      { name: 'fraud', stage: 'development' },
      'fraud has no version in development (versions: 1.0 (archived), 1.1 (production), 1.2 (staging), 1.3 (staging), 1.4 (staging))',
    ],
    [
      { name: 'fraud', alias: 'shadow' },
      'no version of fraud has the alias "shadow" (aliases of fraud: champion, challenger)',
    ],
    [
      { name: 'other', alias: 'champion' },
      'no version of other has the alias "champion" (it has no aliases)',
    ],
    [
      { name: 'fraud', version: '2.0' },
      'fraud has no version "2.0" (versions: 1.0 (archived), 1.1 (production), 1.2 (staging), 1.3 (staging), 1.4 (staging))',
    ],
    [
      { name: 'x\u001b[2J', stage: 'production' },
      'no model named "x\\x1b[2J" in this registry (check --name and the registry path)',
    ],
  ] as const)('refuses (exit 1) when nothing matches: %j', (selector, message) => {
    expect(failure(selector)).toBe(message);
  });

  it('needs exactly one of stage, alias and version (exit 2)', () => {
    expect(failure({ name: 'fraud' }, UsageError)).toBe(
      'exactly one of stage, alias and version is needed to find a version',
    );
    expect(failure({ name: 'fraud', stage: 'production', alias: 'champion' }, UsageError)).toBe(
      'exactly one of stage, alias and version is needed to find a version',
    );
  });

  it('treats "constructor" and "__proto__" as names like any other', () => {
    expect(failure({ name: 'constructor', stage: 'production' })).toMatch(/^no model named "constructor"/);
    expect(failure({ name: 'fraud', alias: '__proto__' })).toMatch(
      /^no version of fraud has the alias "__proto__"/,
    );
    expect(failure({ name: 'fraud', alias: 'toString' })).toMatch(/has the alias "toString"/);
  });
});
