import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { InputError } from '../errors.js';
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

/** Line and column of a character offset. */
function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

/**
 * Parses and validates a drift config document.
 *
 * @throws InputError naming the file, and the place (line and column for bad JSON, the key path for a
 *   bad value).
 */
export function parseDriftConfig(text: string, file: string): DriftConfig {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const offset = /position (\d+)/.exec(message)?.[1];
    throw new InputError(`invalid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`, {
      file,
      ...(offset === undefined ? {} : position(text, Number(offset))),
    });
  }
  const result = driftConfigSchema.safeParse(document);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const path = issue.path.map(String).join('.') || '(top level)';
    throw new InputError(`${path}: ${issue.message}`, {
      file,
      hint: 'see docs/drift-detector.md, "Config file"',
    });
  }
  return result.data;
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
