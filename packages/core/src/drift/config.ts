import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { InputError } from '../errors.js';
import { jsonPointer, parseJsonWithPositions } from '../pipeline/json-positions.js';
import { DRIFT_METHOD_CHOICES } from './registry.js';

/** How p-values are adjusted across the columns scored by p-value methods. */
export const DRIFT_CORRECTIONS = ['none', 'bonferroni', 'fdr'] as const;
export type DriftCorrection = (typeof DRIFT_CORRECTIONS)[number];

const threshold = z.number().finite().nonnegative();

/** Settings for one column in a `--config` file. */
export const driftColumnConfigSchema = z.strictObject({
  method: z.enum(DRIFT_METHOD_CHOICES).optional(),
  threshold: threshold.optional(),
  kind: z.enum(['numeric', 'categorical']).optional(),
  ignore: z.boolean().optional(),
});

/**
 * The `--config` file: defaults for every column, and per-column settings. Flags given on the
 * command line win over the file's defaults; a column's own settings win over both.
 */
export const driftConfigSchema = z.strictObject({
  method: z.enum(DRIFT_METHOD_CHOICES).optional(),
  threshold: threshold.optional(),
  correction: z.enum(DRIFT_CORRECTIONS).optional(),
  drift_share: z.number().min(0).max(1).optional(),
  ignore: z.array(z.string()).optional(),
  columns: z.record(z.string(), driftColumnConfigSchema).optional(),
});

export type DriftConfig = z.output<typeof driftConfigSchema>;
export type DriftColumnConfig = z.output<typeof driftColumnConfigSchema>;

/**
 * Parses and validates a drift config document.
 *
 * @throws InputError naming the file, the line and column, and for a bad value its key path.
 */
export function parseDriftConfig(text: string, file: string): DriftConfig {
  const parsed = parseJsonWithPositions(text);
  if (!parsed.ok) {
    const { line, column, message } = parsed.error;
    throw new InputError(`invalid JSON: ${message}`, { file, line, column });
  }
  const result = driftConfigSchema.safeParse(parsed.value);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    // An unknown key is reported at the key itself, not at the object that holds it.
    const unknown = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    const path = unknown === undefined ? issue.path.map(String) : [...issue.path.map(String), unknown];
    const { line, column } = parsed.positions.locate(jsonPointer(path)).position;
    const message =
      unknown === undefined ? issue.message : `unknown key (expected one of ${expectedKeys(issue.path)})`;
    throw new InputError(`${path.join('.') || 'the top level'}: ${message}`, {
      file,
      line,
      column,
      hint: 'see docs/drift-detector.md, "Config file"',
    });
  }
  return result.data;
}

/** The keys allowed in the object at `path`, for the message about an unknown key. */
function expectedKeys(path: readonly PropertyKey[]): string {
  const shape = path.length === 0 ? driftConfigSchema.shape : driftColumnConfigSchema.shape;
  return Object.keys(shape).join(', ');
}

/** Reads and validates a drift config file. */
export function readDriftConfig(path: string, file = path): DriftConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      code === 'ENOENT' ? 'file not found' : `cannot read the file: ${(error as Error).message}`,
      {
        file,
      },
    );
  }
  return parseDriftConfig(text, file);
}
