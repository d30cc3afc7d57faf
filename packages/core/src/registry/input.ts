import { UsageError } from '../errors.js';
import { findJsonDepthExcess } from '../io/json-depth.js';
import { findJsonNumberOutOfRange } from '../io/json-numbers.js';
import { escapeText, hasUnsafeCharacters } from '../text/escape.js';
import { REGISTRY_MAX_NESTING } from './nesting.js';
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

/**
 * Checks a name or version given for a new entry: not blank, and free of control, bidirectional and
 * invisible characters (those escapeText escapes), which would act on a terminal or a CI log instead
 * of being shown, or make two different names look the same.
 *
 * @throws UsageError naming the flag and showing the value escaped.
 * @example checkRegistryLabel('fraud', '--name') // => 'fraud'
 */
export function checkRegistryLabel(value: string, flag: string): string {
  if (value.trim() === '') throw new UsageError(`${flag}: must not be empty`);
  if (hasUnsafeCharacters(value)) {
    const shown = escapeText(value.length > 60 ? `${value.slice(0, 60)}…` : value);
    throw new UsageError(`${flag}: "${shown}" holds a control or invisible character`, {
      hint: 'names and versions are printed in terminals and CI logs; use printable characters only',
    });
  }
  return value;
}

/** Where in a flag's value: `column 9`, or `line 2, column 9` when the value has several lines. */
function position({ line, column }: { line: number; column: number }): string {
  return line > 1 ? `line ${line}, column ${column}` : `column ${column}`;
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
  // JSON.parse turns 1e309 into Infinity (which JSON cannot hold) and 1e-400 into 0: refuse both.
  const outOfRange = findJsonNumberOutOfRange(text);
  if (outOfRange) {
    throw new UsageError(
      `${flag}: the number ${outOfRange.literal} (${position(outOfRange)}) is out of range for a double: it would be stored as ${outOfRange.kind === 'too-large' ? 'Infinity' : '0'}`,
      { hint: 'a double holds 0 and sizes from 5e-324 to about 1.8e308' },
    );
  }
  // An own "__proto__" key (JSON.parse makes one) is kept as the data it is.
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
  // Deeper values could not be written back (JSON.stringify would overflow the stack). Scanned on the
  // text, before JSON.parse builds anything.
  const deep = findJsonDepthExcess(text, REGISTRY_MAX_NESTING);
  if (deep) {
    throw new UsageError(`${flag}: nested deeper than ${REGISTRY_MAX_NESTING} levels (${position(deep)})`, {
      hint: `${flag} takes a JSON object, e.g. '{"factors": 64}'`,
    });
  }
  return parseJsonObject(text, flag);
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
