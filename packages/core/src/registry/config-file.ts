import * as z from 'zod';
import { InputError, isMlopsError } from '../errors.js';
import {
  type JsonInputOptions,
  jsonSchemaIssueError,
  parseJsonWithSchema,
} from '../json/parse-with-schema.js';
import { type JsonPositionMap, jsonPointer } from '../json/positions.js';
import type { RegistryConfig, RegistrySettings } from './config-types.js';
import type { MetricDirection } from './direction.js';
import { type MetricRequirement, parseMetricRequirement } from './requirement.js';
import { REGISTRY_STAGES, type RegistryStage } from './stages.js';

/**
 * The project config file's shape and its checks. Loaded on demand by readRegistryConfig.
 *
 * ```json
 * {
 *   "registry": {
 *     "metrics": { "false_positive_rate": "lower", "auc": "higher" },
 *     "promotion": { "production": { "require": ["auc>=0.9", "false_positive_rate<=0.01"] } },
 *     "models": {
 *       "recommender": {
 *         "metrics": { "coverage": "higher" },
 *         "promotion": { "production": { "require": ["ndcg>=0.45"] } }
 *       }
 *     }
 *   }
 * }
 * ```
 *
 * Metric and model names are keys like any other (`__proto__`, `constructor`): they are checked here
 * only as objects, and read one by one from the parsed document's own keys into Maps, never through a
 * plain object (zod leaves `__proto__` keys out of what it returns).
 */

const DIRECTIONS = ['higher', 'lower'] as const satisfies readonly MetricDirection[];

/**
 * The conditions to enter a stage, in the syntax of promote's conditions. `require` is checked as present by
 * readSettings, so that a misspelt key is reported as unknown rather than `require` as missing.
 */
const stageSchema = z.strictObject({ require: z.array(z.string()).optional() });

/** One entry per stage, each optional. */
const promotionSchema = z.strictObject(
  Object.fromEntries(REGISTRY_STAGES.map((stage) => [stage, stageSchema.optional()])) as Record<
    RegistryStage,
    z.ZodOptional<typeof stageSchema>
  >,
);

const metricsSchema = z.record(z.string(), z.unknown());

/** A model's own settings, under `registry.models.NAME`. */
const modelSchema = z.strictObject({
  metrics: metricsSchema.optional(),
  promotion: promotionSchema.optional(),
});

/** The registry's section: defaults for every model, and per-model settings. */
const registrySectionSchema = z.strictObject({
  metrics: metricsSchema.optional(),
  promotion: promotionSchema.optional(),
  models: z.record(z.string(), z.unknown()).optional(),
});

/** The whole file. */
export const registryConfigSchema = z.strictObject({
  $schema: z.string().optional(),
  registry: registrySectionSchema.optional(),
});

const CONFIG_HINT = 'see docs/model-registry.md, "Project config"';

/** The keys allowed in the object at `path`, for the message about an unknown key. */
function expectedKeys(path: readonly PropertyKey[]): readonly string[] {
  if (path.length === 0) return Object.keys(registryConfigSchema.shape);
  if (path.length === 1) return Object.keys(registrySectionSchema.shape);
  const last = path.at(-1);
  if (last === 'promotion') return REGISTRY_STAGES;
  if (path.at(-2) === 'promotion') return Object.keys(stageSchema.shape);
  return Object.keys(modelSchema.shape); // registry.models.NAME
}

/** Problems worded as `invalid config file: POINTER: what`, an unknown key pointed at itself. */
const INPUT: JsonInputOptions = {
  file: '',
  hint: CONFIG_HINT,
  syntaxMessage: (message) => `config file is not valid JSON: ${message}`,
  depthMessage: (maxDepth) => `invalid config file: nested deeper than ${maxDepth} levels`,
  describeIssue: (issue) => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      const key = issue.keys[0]!;
      const expected = expectedKeys(issue.path)
        .map((name) => JSON.stringify(name))
        .join(', ');
      return {
        message: `invalid config file: ${jsonPointer([...path, key])}: unknown key (expected ${expected})`,
        path: [...path, key],
      };
    }
    return { message: `invalid config file: ${jsonPointer(path) || '(the top level)'}: ${issue.message}` };
  },
};

/** The document's own enumerable keys and values of an object checked as one (`__proto__` included). */
function ownEntries(value: unknown): [string, unknown][] {
  return value === undefined ? [] : Object.entries(value as object);
}

/** Reads a settings object (the registry's section, or a model's) into Maps, checking each value. */
function readSettings(
  raw: { metrics?: unknown; promotion?: Partial<Record<RegistryStage, { require?: string[] }>> },
  at: readonly string[],
  file: string,
  positions: JsonPositionMap,
): RegistrySettings {
  const metrics = new Map<string, MetricDirection>();
  for (const [metric, direction] of ownEntries(raw.metrics)) {
    if (!DIRECTIONS.includes(direction as MetricDirection)) {
      const pointer = jsonPointer([...at, 'metrics', metric]);
      const { line, column } = positions.locate(pointer).position;
      throw new InputError(
        `invalid config file: ${pointer}: expected "higher" or "lower", got ${JSON.stringify(direction) ?? 'nothing'}`,
        { file, line, column, hint: CONFIG_HINT },
      );
    }
    metrics.set(metric, direction as MetricDirection);
  }
  const promotion = new Map<RegistryStage, MetricRequirement[]>();
  for (const stage of REGISTRY_STAGES) {
    const entry = raw.promotion?.[stage];
    if (entry === undefined) continue;
    const texts = entry.require;
    if (texts === undefined) {
      const pointer = jsonPointer([...at, 'promotion', stage]);
      const { line, column } = positions.locate(pointer).position;
      throw new InputError(
        `invalid config file: ${pointer}: missing "require", the list of conditions (such as "auc>=0.9"; [] for none)`,
        { file, line, column, hint: CONFIG_HINT },
      );
    }
    const pointers = texts.map((_, index) =>
      jsonPointer([...at, 'promotion', stage, 'require', String(index)]),
    );
    const places = positions.locateAll(pointers);
    promotion.set(
      stage,
      texts.map((text, index) => {
        const { line, column } = places[index]!.position;
        try {
          return { ...parseMetricRequirement(text), origin: { file, line, column } };
        } catch (error) {
          if (!isMlopsError(error)) throw error;
          throw new InputError(`invalid config file: ${pointers[index]}: ${error.message}`, {
            file,
            line,
            column,
            hint: CONFIG_HINT,
          });
        }
      }),
    );
  }
  return { metrics, promotion };
}

/**
 * Parses and checks a config file's text: its shape with zod, then every metric direction, every
 * condition (in the syntax of promote's conditions) and every model's settings, the first problem in file order
 * of each kind reported.
 *
 * @param file the path shown in messages.
 * @throws InputError (exit 2) naming the file, the line and column, and the JSON pointer of the value
 *   at fault: invalid JSON, nesting deeper than MAX_JSON_DEPTH, an unknown key (listing the valid
 *   ones), a direction other than "higher" or "lower", a malformed condition.
 * @example parseRegistryConfig('{"registry": {"metrics": {"fpr": "lower"}}}', '.mlops.json').metrics.get('fpr') // => 'lower'
 */
export function parseRegistryConfig(text: string, file: string): RegistryConfig {
  const options: JsonInputOptions = { ...INPUT, file };
  const { value, document, positions } = parseJsonWithSchema(text, registryConfigSchema, options);
  const section = (document as { registry?: Record<string, unknown> }).registry;
  // Metric and model names are read from the document: zod's value has no `__proto__` key.
  const settings = readSettings(
    { metrics: section?.metrics, promotion: value.registry?.promotion },
    ['registry'],
    file,
    positions,
  );
  const models = new Map<string, RegistrySettings>();
  for (const [name, raw] of ownEntries(section?.models)) {
    const at = ['registry', 'models', name];
    const result = modelSchema.safeParse(raw);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      throw jsonSchemaIssueError({ ...issue, path: [...at, ...issue.path] }, document, positions, options);
    }
    const model = raw as { metrics?: unknown };
    models.set(
      name,
      readSettings({ metrics: model.metrics, promotion: result.data.promotion }, at, file, positions),
    );
  }
  return { file, ...settings, models };
}
