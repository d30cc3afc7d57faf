import {
  findJsonDepthExcess,
  findJsonNumberOutOfRange,
  REGISTRY_MAX_NESTING,
  REGISTRY_STAGES,
  type RegistryStage,
  UsageError,
} from '@mlops/core';

/**
 * Parsers of the registry commands' flag values. Each throws a UsageError about the value (no flag in
 * the message: the option schemas in options.ts put these parsers under their flag, and the error
 * line names it, `--metrics: …`).
 */

/**
 * Parses a stage name.
 *
 * @throws UsageError listing the valid stages.
 * @example parseRegistryStage('production') // => 'production'
 */
export function parseRegistryStage(text: string): RegistryStage {
  if ((REGISTRY_STAGES as readonly string[]).includes(text)) return text as RegistryStage;
  throw new UsageError(`invalid stage ${JSON.stringify(text)} (valid stages: ${REGISTRY_STAGES.join(', ')})`);
}

/** Where in a flag's value: `column 9`, or `line 2, column 9` when the value has several lines. */
function position({ line, column }: { line: number; column: number }): string {
  return line > 1 ? `line ${line}, column ${column}` : `column ${column}`;
}

/** `flag` names the flag in hints only. */
function parseJsonObject(text: string, flag: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const nonFinite = /(^|[^"\w])-?(NaN|Infinity)\b/.test(text);
    throw new UsageError(
      nonFinite
        ? 'NaN and Infinity are not JSON numbers; metrics must be finite numbers'
        : `invalid JSON: ${(error as Error).message}`,
      { hint: `${flag} takes a JSON object, e.g. '{"f1": 0.91}'` },
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(
      `expected a JSON object, got ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}`,
      { hint: `${flag} takes a JSON object, e.g. '{"f1": 0.91}'` },
    );
  }
  // JSON.parse turns 1e309 into Infinity (which JSON cannot hold) and 1e-400 into 0: refuse both.
  const outOfRange = findJsonNumberOutOfRange(text);
  if (outOfRange) {
    throw new UsageError(
      `the number ${outOfRange.literal} (${position(outOfRange)}) is out of range for a double: it would be stored as ${outOfRange.kind === 'too-large' ? 'Infinity' : '0'}`,
      { hint: 'a double holds 0 and sizes from 5e-324 to about 1.8e308' },
    );
  }
  // An own "__proto__" key (JSON.parse makes one) is kept as the data it is.
  return value as Record<string, unknown>;
}

/**
 * Parses the value of `--metrics`: a JSON object whose values are all finite numbers.
 *
 * @throws UsageError naming the metric at fault.
 * @example parseMetricsJson('{"f1": 0.91}') // => { f1: 0.91 }
 */
export function parseMetricsJson(text: string): Record<string, number> {
  const object = parseJsonObject(text, '--metrics');
  for (const [metric, value] of Object.entries(object)) {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      const got =
        typeof value === 'number'
          ? 'a number too large to represent'
          : Array.isArray(value)
            ? 'an array'
            : typeof value === 'object' && value !== null
              ? 'an object'
              : JSON.stringify(value);
      throw new UsageError(`metric ${JSON.stringify(metric)} must be a finite number, got ${got}`);
    }
  }
  return object as Record<string, number>;
}

/**
 * Parses the value of `--params`: any JSON object, nested at most REGISTRY_MAX_NESTING (1,000)
 * levels deep.
 *
 * @example parseParametersJson('{"factors": 64}') // => { factors: 64 }
 */
export function parseParametersJson(text: string): Record<string, unknown> {
  // Deeper values could not be written back (JSON.stringify would overflow the stack). Scanned on the
  // text, before JSON.parse builds anything.
  const deep = findJsonDepthExcess(text, REGISTRY_MAX_NESTING);
  if (deep) {
    throw new UsageError(`nested deeper than ${REGISTRY_MAX_NESTING} levels (${position(deep)})`, {
      hint: `--params takes a JSON object, e.g. '{"factors": 64}'`,
    });
  }
  return parseJsonObject(text, '--params');
}

/**
 * Splits `--tags a, b`: comma-separated, each trimmed, empty items dropped, duplicates removed.
 *
 * @example parseTagList(' a, b,,a ') // => ['a', 'b']
 */
export function parseTagList(text: string): string[] {
  return [...new Set(text.split(',').map((tag) => tag.trim()))].filter((tag) => tag !== '');
}

/**
 * Splits a comma-separated list of metric names (`--lower-is-better a,b`).
 *
 * @example parseMetricNameList('rmse, mae') // => ['rmse', 'mae']
 */
export function parseMetricNameList(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
