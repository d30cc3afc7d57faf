import * as z from 'zod';
import { UsageError } from '../errors.js';
import { MAX_JSON_DEPTH } from '../io/json-depth.js';
import { jsonPointer, parseJsonWithPositions } from '../json/positions.js';
import type { PipelineRuleSetting } from './rule.js';
import { PIPELINE_RULE_IDS, pipelineRules } from './rules/index.js';

/** The name of the config file looked for next to a pipeline file. */
export const PIPELINE_CONFIG_FILENAME = '.mlops-pipeline.json';

const CONFIGURABLE_IDS = pipelineRules
  .filter((rule) => rule.meta.configurable !== false)
  .map((rule) => rule.meta.id);

/** `{ "rules": { "NO_TIMEOUT": "off" | "info" | "warning" | "error" } }`. */
export const pipelineConfigSchema = z.strictObject({
  $schema: z.string().optional(),
  rules: z
    .record(z.string(), z.enum(['off', 'info', 'warning', 'error']))
    .optional()
    .describe('Severity of a rule by id, or "off".'),
});

export interface PipelineConfig {
  /** Severity by rule id; an object without a prototype, so that only the file's own ids are in it. */
  rules: Record<string, PipelineRuleSetting>;
}

/**
 * Parses and checks a config file's text. Throws a UsageError (exit 2) with the file, line and column
 * for invalid JSON, a wrong shape, an unknown rule id (listing the valid ones) or a rule whose
 * severity cannot be changed.
 */
export function parsePipelineConfig(text: string, file: string): PipelineConfig {
  const parsed = parseJsonWithPositions(text, { maxDepth: MAX_JSON_DEPTH });
  if (!parsed.ok)
    throw new UsageError(`config file is not valid JSON: ${parsed.error.message}`, {
      file,
      line: parsed.error.line,
      column: parsed.error.column,
    });
  const result = pipelineConfigSchema.safeParse(parsed.value);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const pointer = jsonPointer(issue.path.map(String));
    const where = parsed.positions.locate(pointer).position;
    const message =
      issue.code === 'invalid_value'
        ? `${pointer}: expected one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`
        : issue.code === 'unrecognized_keys'
          ? `unknown key ${issue.keys.map((key) => JSON.stringify(key)).join(', ')} (a config file has only "rules" and "$schema")`
          : `${pointer || '(root)'}: ${issue.message}`;
    throw new UsageError(`invalid config file: ${message}`, { file, line: where.line, column: where.column });
  }
  // The ids are read from the file's own keys, not from zod's copy: zod drops a "__proto__" key
  // without a word, and such a key must be refused like any other unknown id.
  const rawRules = (parsed.value as { rules?: Record<string, PipelineRuleSetting> }).rules ?? {};
  const rules: Record<string, PipelineRuleSetting> = Object.create(null);
  for (const id of Object.keys(rawRules)) {
    if (CONFIGURABLE_IDS.includes(id)) {
      rules[id] = rawRules[id]!;
      continue;
    }
    const where = parsed.positions.locate(jsonPointer(['rules', id])).position;
    const reason = PIPELINE_RULE_IDS.includes(id)
      ? `rule ${id} cannot be configured (it reports a file no other rule can check)`
      : `unknown rule ${JSON.stringify(id)}`;
    throw new UsageError(`invalid config file: ${reason}`, {
      file,
      line: where.line,
      column: where.column,
      hint: `valid rule ids: ${CONFIGURABLE_IDS.join(', ')}`,
    });
  }
  return { rules };
}
