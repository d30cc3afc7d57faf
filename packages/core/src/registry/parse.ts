import type { z } from 'zod';
import { InputError } from '../errors.js';
import { nestedDeeperThan, REGISTRY_MAX_NESTING } from './nesting.js';
import type { RegistryEntry } from './schema.js';
import { isRegistryData } from './validate.js';

/**
 * Reads the text of a registry file into entries. A fast hand-written check (validate.ts) accepts a
 * valid file; zod (schema.ts, loaded on demand) explains an invalid one.
 *
 * @param file the path shown in messages.
 * @throws InputError (exit 2) when the text is not JSON (with the line and column at fault) or does not
 *   match the schema (with the entry, its name and version, and the field at fault).
 */
export async function parseRegistryText(text: string, file: string): Promise<RegistryEntry[]> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') {
    throw new InputError('the registry file is empty, not a JSON array', {
      file,
      hint: 'write [] into it, or delete it to start an empty registry',
    });
  }
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    // The positioned parser (shared with pipeline files and drift configs) is loaded only to explain.
    const { parseJsonWithPositions } = await import('../pipeline/json-positions.js');
    const parsed = parseJsonWithPositions(body);
    const problem = parsed.ok ? undefined : parsed.error;
    throw new InputError(`invalid JSON: ${problem?.message ?? (error as Error).message}`, {
      file,
      line: problem?.line,
      column: problem?.column,
      hint: 'fix the file or restore it from a backup; it was not modified',
      cause: error,
    });
  }
  if (isRegistryData(data)) return checkNesting(data, file);
  // Only now load zod: it says what is wrong (and is the definition, should the fast check disagree).
  const { registryFileSchema } = await import('./schema.js');
  const result = registryFileSchema.safeParse(data);
  if (result.success) return checkNesting(result.data, file);
  throw new InputError(describeSchemaIssue(data, result.error.issues[0]!), {
    file,
    hint: 'fix the file by hand; it was not modified',
  });
}

/** `entry 3 (recommender 1.2.0): stage: invalid value "prod" (…)`, from the first zod issue. */
function describeSchemaIssue(data: unknown, issue: z.core.$ZodIssue): string {
  const path = issue.path;
  if (path.length === 0) return `the registry must be a JSON array of entries, got ${kindOf(data)}`;
  const index = Number(path[0]);
  const entry = (data as unknown[])[index];
  let where = `entry ${index + 1}`;
  if (
    isRecord(entry) &&
    typeof entry.name === 'string' &&
    typeof entry.version === 'string' &&
    entry.name &&
    entry.version
  ) {
    where += ` (${entry.name} ${entry.version})`;
  }
  if (path.length === 1) return `${where}: expected an object, got ${kindOf(entry)}`;
  const field = path
    .slice(1)
    .map((key, position) =>
      typeof key === 'number' ? `[${key}]` : position === 0 ? String(key) : `.${String(key)}`,
    )
    .join('');
  let value: unknown = data;
  for (const key of path)
    value = isRecord(value) || Array.isArray(value) ? (value as never)[key as never] : undefined;
  let message = issue.message;
  if (issue.code === 'invalid_type') {
    message =
      value === undefined
        ? `missing (expected ${issue.expected})`
        : `expected ${issue.expected}, got ${kindOf(value)}`;
  } else if (issue.code === 'too_small' && typeof value === 'string') {
    message = 'must not be empty';
  } else if (issue.code === 'invalid_value' && !issue.message.startsWith('invalid value')) {
    message = `invalid value ${quote(value)} (expected one of ${issue.values.map(String).join(', ')})`;
  }
  return `${where}: ${field}: ${message}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${quote(value)}`;
  return `${typeof value} ${String(value)}`;
}

/**
 * A value from the file for a message: a string cut to 40 characters (a corrupted file may hold
 * megabytes), an array or object by its kind (it may be nested too deeply to print).
 */
function quote(value: unknown): string {
  if (typeof value === 'object' && value !== null) return kindOf(value);
  return JSON.stringify(typeof value === 'string' && value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

/** The keys whose values the schema already limits to strings, numbers and flat lists. */
const SHALLOW_KEYS: ReadonlySet<string> = new Set([
  'name',
  'version',
  'stage',
  'registered_at',
  'updated_at',
  'metrics',
  'tags',
  'description',
  'artifact_path',
  'history',
  'aliases',
]);

/**
 * Refuses values nested deeper than REGISTRY_MAX_NESTING (`parameters`, unknown keys): the tool could
 * read them but not write or print them (JSON.stringify would overflow the stack).
 *
 * @throws InputError naming the entry and the key.
 */
function checkNesting(entries: RegistryEntry[], file: string): RegistryEntry[] {
  // Plain loops, no pairs built per key: this runs over every entry of every registry read.
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index]! as unknown as Record<string, unknown>;
    for (const key in entry) {
      if (SHALLOW_KEYS.has(key) || !nestedDeeperThan(entry[key], REGISTRY_MAX_NESTING)) continue;
      throw new InputError(
        `entry ${index + 1} (${entry.name} ${entry.version}): ${key}: nested deeper than ${REGISTRY_MAX_NESTING} levels`,
        { file, hint: 'flatten the value by hand; the file was not modified' },
      );
    }
  }
  return entries;
}
