import { UsageError } from '@mlops/core';
import type { z } from 'zod';

/**
 * Validates a command's parsed options with a zod schema. The first problem becomes a UsageError
 * naming the flag, e.g. `--threshold: expected a number between 0 and 1, got "abc"`.
 */
export function parseOptions<Schema extends z.ZodType>(
  schema: Schema,
  options: unknown,
  flagNames: Readonly<Record<string, string>> = {},
): z.output<Schema> {
  const result = schema.safeParse(options);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const key = String(issue.path[0] ?? '');
  const flag =
    flagNames[key] ?? (key ? `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}` : 'options');
  throw new UsageError(`${flag}: ${issue.message}`);
}
