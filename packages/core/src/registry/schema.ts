/**
 * The registry file's format as zod schemas: the definition that validate.ts's fast check follows and
 * that explains a file that fails it. Loaded only then (a dynamic import in parse.ts), so that a command
 * on a valid registry does not load zod at all.
 *
 * Keys are data, `__proto__` included, but zod's records and loose objects leave a `__proto__` key out
 * of both their checks and their output. So parse.ts never uses zod's output (it keeps the objects
 * `JSON.parse` built), and the fast check alone judges a `__proto__` metric.
 */
import * as z from 'zod/mini';
import { REGISTRY_ACTIONS, REGISTRY_STAGES } from './stages.js';
import { isRegistryTimestamp } from './time.js';

/**
 * A value from the file for a message: a string cut to 40 characters (a corrupted file may hold
 * megabytes), an array or object by its kind (it may be nested too deeply to print).
 */
function quoted(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object' && value !== null) return 'an object';
  return JSON.stringify(typeof value === 'string' && value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

const timestamp = z.string({ error: 'expected a string' }).check(
  z.refine(isRegistryTimestamp, {
    error: (issue) => `expected a timestamp like 2026-11-27T05:12:25Z, got ${quoted(issue.input)}`,
  }),
);

const stage = z.enum(REGISTRY_STAGES, {
  error: (issue) => `invalid value ${quoted(issue.input)} (expected one of ${REGISTRY_STAGES.join(', ')})`,
});

/** A metric value: a finite number (JSON cannot hold NaN or Infinity, but a hand-edited file may try). */
const metricValue = z.number({ error: 'expected a finite number' });

/** One event of an entry's audit trail. `name` and `version` are those of the entry that holds it. */
export const registryHistoryEventSchema = z.looseObject({
  time: timestamp,
  action: z.enum(REGISTRY_ACTIONS),
  from_stage: z.nullable(stage),
  to_stage: stage,
  actor: z.string(),
  reason: z.string(),
  /** For `alias-set` and `alias-remove`: the alias. */
  alias: z.optional(z.string()),
});

export type RegistryHistoryEvent = z.infer<typeof registryHistoryEventSchema>;

/**
 * One model version. Every key the legacy tool wrote is required (so the legacy tool can read what
 * this tool writes); `history` and `aliases` are this tool's additions, optional so that a legacy file
 * reads as it is. Unknown keys are kept as they are (loose object).
 */
export const registryEntrySchema = z.looseObject({
  name: z.string().check(z.minLength(1, 'must not be empty')),
  version: z.string().check(z.minLength(1, 'must not be empty')),
  stage,
  registered_at: timestamp,
  updated_at: timestamp,
  metrics: z.record(z.string(), metricValue),
  parameters: z.record(z.string(), z.unknown()),
  tags: z.array(z.string()),
  description: z.string(),
  artifact_path: z.string(),
  history: z.optional(z.array(registryHistoryEventSchema)),
  aliases: z.optional(z.array(z.string())),
});

export type RegistryEntry = z.infer<typeof registryEntrySchema>;

/** The whole file: a JSON array of entries. */
export const registryFileSchema = z.array(registryEntrySchema, { error: 'expected a JSON array of entries' });
