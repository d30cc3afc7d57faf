import { dirname, join } from 'node:path';
import * as z from 'zod';
import { InputError } from '../errors.js';
import { configPathTaken } from '../io/find-config.js';
import { readInputText } from '../io/read-input.js';
import { parseJsonWithSchema } from '../json/parse-with-schema.js';
import { jsonPointer } from '../json/positions.js';
import type { PipelineRuleSetting } from './rule.js';
import { PIPELINE_RULE_IDS, pipelineRules } from './rules/index.js';

/** The name of the config file looked for next to a pipeline file. */
export const PIPELINE_CONFIG_FILENAME = '.mlops-pipeline.json';

/**
 * The most bytes read from a pipeline or config file, regular or not (a pipe, `/dev/zero`): a
 * JavaScript string holds at most ~512 MB, and the checks need a few times the file's size.
 */
export const PIPELINE_MAX_FILE_BYTES = 256 * 1024 * 1024;

/**
 * The config file that applies to a pipeline file: `.mlops-pipeline.json` in the same folder, or
 * undefined when there is none. Anything by that name counts (see configPathTaken): a broken config
 * is refused, never skipped in silence.
 *
 * @param pipelinePath the pipeline file's path (absolute, or relative to the working folder).
 * @returns the config's path, in the same form as `pipelinePath` (`dirname(pipelinePath)` joined
 *   with the file name), or undefined.
 * @example findPipelineConfig('/repo/ci/train.json') // => '/repo/ci/.mlops-pipeline.json' when it exists
 */
export function findPipelineConfig(pipelinePath: string): string | undefined {
  const candidate = join(dirname(pipelinePath), PIPELINE_CONFIG_FILENAME);
  return configPathTaken(candidate) ? candidate : undefined;
}

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
 * Parses and checks a config file's text. Throws an InputError (exit 2) with the file, line and column
 * for invalid JSON, a wrong shape, an unknown rule id (listing the valid ones) or a rule whose
 * severity cannot be changed.
 */
export function parsePipelineConfig(text: string, file: string): PipelineConfig {
  const { document, positions } = parseJsonWithSchema(text, pipelineConfigSchema, {
    file,
    syntaxMessage: (message) => `config file is not valid JSON: ${message}`,
    describeIssue: (issue) => {
      const pointer = jsonPointer(issue.path.map(String));
      const message =
        issue.code === 'invalid_value'
          ? `${pointer}: expected one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`
          : issue.code === 'unrecognized_keys'
            ? `unknown key ${issue.keys.map((key) => JSON.stringify(key)).join(', ')} (a config file has only "rules" and "$schema")`
            : `${pointer || '(root)'}: ${issue.message}`;
      return { message: `invalid config file: ${message}`, path: issue.path.map(String) };
    },
  });
  // The ids are read from the file's own keys, not from zod's copy: zod drops a "__proto__" key
  // without a word, and such a key must be refused like any other unknown id.
  const rawRules = (document as { rules?: Record<string, PipelineRuleSetting> }).rules ?? {};
  const rules: Record<string, PipelineRuleSetting> = Object.create(null);
  for (const id of Object.keys(rawRules)) {
    if (CONFIGURABLE_IDS.includes(id)) {
      rules[id] = rawRules[id]!;
      continue;
    }
    const where = positions.locate(jsonPointer(['rules', id])).position;
    const reason = PIPELINE_RULE_IDS.includes(id)
      ? `rule ${id} cannot be configured (it reports a file no other rule can check)`
      : `unknown rule ${JSON.stringify(id)}`;
    throw new InputError(`invalid config file: ${reason}`, {
      file,
      line: where.line,
      column: where.column,
      hint: `valid rule ids: ${CONFIGURABLE_IDS.join(', ')}`,
    });
  }
  return { rules };
}

/**
 * Reads and checks a config file, at most `maxBytes` (a FIFO or a device included), as
 * {@link parsePipelineConfig}.
 *
 * @param file the path shown in messages (default: `path`).
 * @throws InputError for a file that is missing, unreadable, too large, or invalid.
 */
export function readPipelineConfig(
  path: string,
  file = path,
  maxBytes = PIPELINE_MAX_FILE_BYTES,
): PipelineConfig {
  return parsePipelineConfig(readInputText(path, { what: 'config file', display: file, maxBytes }), file);
}
