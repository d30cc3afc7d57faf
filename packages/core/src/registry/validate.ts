import type { RegistryEntry } from './schema.js';
import { REGISTRY_ACTIONS, REGISTRY_STAGES } from './stages.js';
import { isRegistryTimestamp } from './time.js';

/**
 * A fast check that parsed JSON matches the registry schema (schema.ts), written out by hand because
 * zod is many times slower on a large registry (figures in docs/model-registry.md, "Speed"). The zod schema stays the
 * definition: `parseRegistryText` runs zod whenever this check says no, and reports zod's first issue.
 * This check must accept exactly what the zod schema accepts; validate.test.ts checks that on
 * generated and mutated entries. One exception, where this check is the definition: zod skips
 * `__proto__` keys (it cannot copy them safely), while this check reads the own `__proto__` key that
 * `JSON.parse` creates as the data it is, so a `__proto__` metric must be a finite number too.
 *
 * Cost: O(size of the data).
 */
export function isRegistryData(data: unknown): data is RegistryEntry[] {
  if (!Array.isArray(data)) return false;
  for (const entry of data) if (!isEntry(entry)) return false;
  return true;
}

const stages: ReadonlySet<unknown> = new Set(REGISTRY_STAGES);
const actions: ReadonlySet<unknown> = new Set(REGISTRY_ACTIONS);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isTimestamp(value: unknown): boolean {
  return typeof value === 'string' && isRegistryTimestamp(value);
}

function isNonEmptyString(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0;
}

function isStringArray(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (const item of value) if (typeof item !== 'string') return false;
  return true;
}

function isMetrics(value: unknown): boolean {
  if (!isObject(value)) return false;
  for (const key in value) {
    const metric = value[key];
    if (typeof metric !== 'number' || !Number.isFinite(metric)) return false;
  }
  return true;
}

function isEvent(value: unknown): boolean {
  return (
    isObject(value) &&
    isTimestamp(value.time) &&
    actions.has(value.action) &&
    (value.from_stage === null || stages.has(value.from_stage)) &&
    stages.has(value.to_stage) &&
    typeof value.actor === 'string' &&
    typeof value.reason === 'string' &&
    (value.alias === undefined || typeof value.alias === 'string')
  );
}

function isEntry(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (
    !isNonEmptyString(value.name) ||
    !isNonEmptyString(value.version) ||
    !stages.has(value.stage) ||
    !isTimestamp(value.registered_at) ||
    !isTimestamp(value.updated_at) ||
    !isMetrics(value.metrics) ||
    !isObject(value.parameters) ||
    !isStringArray(value.tags) ||
    typeof value.description !== 'string' ||
    typeof value.artifact_path !== 'string'
  ) {
    return false;
  }
  if (value.aliases !== undefined && !isStringArray(value.aliases)) return false;
  const history = value.history;
  if (history !== undefined) {
    if (!Array.isArray(history)) return false;
    for (const event of history) if (!isEvent(event)) return false;
  }
  return true;
}
