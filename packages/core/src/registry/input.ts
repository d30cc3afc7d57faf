import { UsageError } from '../errors.js';
import { nestedDeeperThan, REGISTRY_MAX_NESTING } from './nesting.js';
import { REGISTRY_STAGES, type RegistryStage } from './stages.js';

/**
 * Parses a stage name given on the command line.
 *
 * @throws UsageError listing the valid stages.
 * @example parseRegistryStage('production', '--stage') // => 'production'
 */
export function parseRegistryStage(text: string, flag: string): RegistryStage {
  if ((REGISTRY_STAGES as readonly string[]).includes(text)) return text as RegistryStage;
  throw new UsageError(
    `${flag}: invalid stage ${JSON.stringify(text)} (valid stages: ${REGISTRY_STAGES.join(', ')})`,
  );
}

function parseJsonObject(text: string, flag: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const nonFinite = /(^|[^"\w])-?(NaN|Infinity)\b/.test(text);
    throw new UsageError(
      nonFinite
        ? `${flag}: NaN and Infinity are not JSON numbers; metrics must be finite numbers`
        : `${flag}: invalid JSON: ${(error as Error).message}`,
      { hint: `${flag} takes a JSON object, e.g. '{"f1": 0.91}'` },
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(
      `${flag}: expected a JSON object, got ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}`,
      {
        hint: `${flag} takes a JSON object, e.g. '{"f1": 0.91}'`,
      },
    );
  }
  return value as Record<string, unknown>;
}

/**
 * Parses `--metrics`: a JSON object whose values are all finite numbers.
 *
 * @throws UsageError naming the flag and the metric at fault.
 * @example parseMetricsJson('{"f1": 0.91}', '--metrics') // => { f1: 0.91 }
 */
export function parseMetricsJson(text: string, flag = '--metrics'): Record<string, number> {
  const object = parseJsonObject(text, flag);
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
      throw new UsageError(`${flag}: metric ${JSON.stringify(metric)} must be a finite number, got ${got}`);
    }
  }
  return object as Record<string, number>;
}

/**
 * Parses `--params`: any JSON object, nested at most REGISTRY_MAX_NESTING (1,000) levels deep.
 *
 * @example parseParametersJson('{"factors": 64}', '--params') // => { factors: 64 }
 */
export function parseParametersJson(text: string, flag = '--params'): Record<string, unknown> {
  const parameters = parseJsonObject(text, flag);
  // Deeper values could not be written back (JSON.stringify would overflow the stack).
  if (nestedDeeperThan(parameters, REGISTRY_MAX_NESTING)) {
    throw new UsageError(`${flag}: nested deeper than ${REGISTRY_MAX_NESTING} levels`, {
      hint: `${flag} takes a JSON object, e.g. '{"factors": 64}'`,
    });
  }
  return parameters;
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
