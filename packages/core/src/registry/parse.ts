import type { z } from 'zod';
import { InputError } from '../errors.js';
import { findJsonDepthExcess } from '../io/json-depth.js';
import { findJsonNumberOutOfRange } from '../io/json-numbers.js';
import { REGISTRY_MAX_NESTING } from './nesting.js';
import type { RegistryEntry } from './schema.js';
import { isRegistryData } from './validate.js';

/**
 * How deep the registry file may nest: REGISTRY_MAX_NESTING levels inside an entry's value, plus the
 * array and the entry around it. Checked on the text before `JSON.parse`, so that a file of ten
 * million `[` costs a scan instead of the parser's memory.
 */
export const REGISTRY_MAX_FILE_DEPTH = REGISTRY_MAX_NESTING + 2;

const FIX_BY_HAND = 'fix the file by hand; it was not modified';

/**
 * Reads the text of a registry file into entries. A fast hand-written check (validate.ts) accepts a
 * valid file; zod (schema.ts, loaded on demand) explains an invalid one.
 *
 * Before parsing, the text is scanned for nesting deeper than REGISTRY_MAX_FILE_DEPTH; after, for
 * number literals a double cannot hold (`1e309` would be read as Infinity, `1e-400` as 0): both are
 * refused with their line and column, so that nothing in the file is silently changed by a rewrite.
 *
 * Keys are data: an own `__proto__`, `constructor` or `toString` key (as `JSON.parse` creates them)
 * is kept and checked like any other key. The entries returned are the objects `JSON.parse` built,
 * never a copy made by zod (zod leaves `__proto__` keys out of what it returns).
 *
 * @param file the path shown in messages.
 * @throws InputError (exit 2) when the text is not JSON (with the line and column at fault), nests too
 *   deeply or holds a number out of range (line and column), or does not match the schema (with the
 *   entry, its name and version, and the field at fault).
 */
export async function parseRegistryText(text: string, file: string): Promise<RegistryEntry[]> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') {
    throw new InputError('the registry file is empty, not a JSON array', {
      file,
      hint: 'write [] into it, or delete it to start an empty registry',
    });
  }
  const deep = findJsonDepthExcess(body, REGISTRY_MAX_FILE_DEPTH);
  if (deep) {
    throw new InputError(
      `nested deeper than ${REGISTRY_MAX_FILE_DEPTH} levels (the array, the entry, and at most ${REGISTRY_MAX_NESTING} inside a value)`,
      { file, line: deep.line, column: deep.column, hint: FIX_BY_HAND },
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    // The positioned parser (shared with pipeline files and drift configs) is loaded only to explain.
    const [{ parseJsonWithPositions }, { jsonSyntaxError }] = await Promise.all([
      import('../json/positions.js'),
      import('../json/parse-with-schema.js'),
    ]);
    const parsed = parseJsonWithPositions(body);
    const hint = 'fix the file or restore it from a backup; it was not modified';
    if (!parsed.ok) throw jsonSyntaxError(parsed.error, { file, hint, cause: error });
    // The two parsers disagree (they should not): JSON.parse's own words, without a place.
    throw new InputError(`invalid JSON: ${(error as Error).message}`, { file, hint, cause: error });
  }
  const outOfRange = findJsonNumberOutOfRange(body);
  if (outOfRange) {
    throw new InputError(
      `the number ${outOfRange.literal} is out of range for a double (${outOfRange.kind === 'too-large' ? 'it would be read as Infinity' : 'it would be read as 0'})`,
      { file, line: outOfRange.line, column: outOfRange.column, hint: FIX_BY_HAND },
    );
  }
  // No value can nest too deeply now: the scan above allows REGISTRY_MAX_NESTING levels inside a value.
  if (isRegistryData(data)) return data;
  // Only now load zod: it says what is wrong (and is the definition, should the fast check disagree).
  const [{ registryFileSchema }, { jsonSchemaIssueError }] = await Promise.all([
    import('./schema.js'),
    import('../json/parse-with-schema.js'),
  ]);
  const result = registryFileSchema.safeParse(data);
  if (!result.success) {
    // Named by entry (its name and version) rather than by line: the entry is what the user looks for.
    throw jsonSchemaIssueError(result.error.issues[0]!, data, undefined, {
      file,
      hint: FIX_BY_HAND,
      describeIssue: (issue) => ({ message: describeSchemaIssue(data, issue) }),
    });
  }
  // zod accepts what the fast check refuses in one place only: a `__proto__` key, which zod skips
  // (it cannot copy it safely) where the fast check reads it as the data it is.
  throw new InputError(describeProtoIssue(data as unknown[]), { file, hint: FIX_BY_HAND });
}

/**
 * The message for a `__proto__` metric that is not a finite number (zod does not see it).
 * `entry 2 (fraud 1.0): metrics.__proto__: expected a finite number, got an object`.
 */
function describeProtoIssue(data: unknown[]): string {
  for (let index = 0; index < data.length; index++) {
    const entry = data[index] as Record<string, unknown>;
    const metrics = entry.metrics as Record<string, unknown>;
    // The own data property, not the accessor inherited from Object.prototype.
    const own = Object.getOwnPropertyDescriptor(metrics, '__proto__');
    if (own === undefined) continue;
    const value: unknown = own.value;
    if (typeof value === 'number' && Number.isFinite(value)) continue;
    return `entry ${index + 1} (${entry.name} ${entry.version}): metrics.__proto__: expected a finite number, got ${kindOf(value)}`;
  }
  // Not reached while validate.ts and schema.ts agree on everything else (validate.test.ts).
  return 'the registry does not match the format';
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
    value =
      (isRecord(value) || Array.isArray(value)) && Object.hasOwn(value, key as PropertyKey)
        ? (value as never)[key as never]
        : undefined;
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
