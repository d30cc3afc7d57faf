import { isMlopsError, UsageError } from '@mlops/core';
import * as z from 'zod';

/**
 * Validates a command's parsed options with a zod schema. The first problem becomes a UsageError about
 * the option's key (its `field`), which `runCli` names by its flag (see `fieldLabel`), e.g.
 * `--threshold: expected a number between 0 and 1, got "abc"`. A custom issue may carry a hint in
 * `params.hint` (as {@link parsedBy} does).
 */
export function parseOptions<Schema extends z.ZodType>(schema: Schema, options: unknown): z.output<Schema> {
  const result = schema.safeParse(options);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const key = issue.path[0];
  const hint =
    issue.code === 'custom' && typeof issue.params?.hint === 'string' ? issue.params.hint : undefined;
  if (key === undefined) throw new UsageError(`options: ${issue.message}`, { hint });
  throw new UsageError(issue.message, { field: String(key), hint });
}

/**
 * A zod schema for a flag (a string, as commander hands it over) read by a parser that throws the
 * toolkit's errors, such as `parseMetricRequirement` in `@mlops/core`: its message and hint become
 * the issue, which {@link parseOptions} reports about the flag. Other errors are not caught.
 *
 * @example z.object({ require: z.array(parsedBy(parseMetricRequirement)).optional() })
 */
export function parsedBy<T>(parse: (text: string) => T) {
  return z.string().transform((text, context) => {
    try {
      return parse(text);
    } catch (error) {
      if (!isMlopsError(error)) throw error;
      context.addIssue({ code: 'custom', message: error.message, params: { hint: error.hint } });
      return z.NEVER;
    }
  });
}
