import { dirname, isAbsolute, relative, resolve } from 'node:path';
import * as z from 'zod';
import { InputError } from '../errors.js';
import { findConfigUp } from '../io/find-config.js';
import { readInputText } from '../io/read-input.js';
import { parseJsonWithSchema } from '../json/parse-with-schema.js';
import { jsonPointer } from '../json/positions.js';
import type { PipelineRuleSetting } from './rule.js';
import { PIPELINE_RULE_IDS, pipelineRules } from './rules/index.js';

/** The name of the config file looked for in a pipeline file's folder and the folders above it. */
export const PIPELINE_CONFIG_FILENAME = '.mlops-pipeline.json';

/**
 * The most bytes read from a pipeline or config file, regular or not (a pipe, `/dev/zero`): a
 * JavaScript string holds at most ~512 MB, and the checks need a few times the file's size.
 */
export const PIPELINE_MAX_FILE_BYTES = 256 * 1024 * 1024;

/**
 * The most bytes read from a YAML pipeline file: the `yaml` package parses well under 1 MB a second
 * (JSON.parse: hundreds of MB a second) and takes some 100 to 300 times the file's size in memory
 * while it does; a megabyte of lines built to be slow takes it seconds. So a YAML file is bounded far
 * below a JSON one. A YAML pipeline of 5,000 stages is 0.8 MB; a larger one can be written as JSON.
 */
export const PIPELINE_MAX_YAML_BYTES = 1024 * 1024;

/**
 * The config file that applies to a pipeline file: the nearest `.mlops-pipeline.json`, in the
 * pipeline's folder or the folders above it, up to the root of the git work tree holding it (the
 * folder with a `.git` entry, searched too) or, outside any, the root of the file system; undefined
 * when there is none. Only the nearest applies (configs do not merge). Anything by that name counts
 * (a folder, a pipe, a file that cannot be read): the caller reads it and refuses it like any input,
 * so that a broken config is never skipped in silence (see configPathTaken).
 *
 * @param pipelinePath the pipeline file's path (absolute, or relative to the working folder).
 * @param cache answers known by folder, shared by the calls of one run (see findConfigUp).
 * @returns the config's absolute path, or undefined.
 * @example findPipelineConfig('/repo/ci/nightly/train.json') // => '/repo/ci/.mlops-pipeline.json' when only /repo/ci has one
 */
export function findPipelineConfig(
  pipelinePath: string,
  cache?: Map<string, string | undefined>,
): string | undefined {
  return findConfigUp(dirname(pipelinePath), PIPELINE_CONFIG_FILENAME, cache ? { cache } : {});
}

export interface PipelineConfigLookupOptions {
  /** The working folder: relative paths are resolved against it, found configs named from it. */
  cwd: string;
  /** A config file for every pipeline file, as the user named it: nothing is searched then. */
  config?: string;
}

/** The config files of the pipeline files of one run: found once per folder, read once each. */
export interface PipelineConfigLookup {
  /**
   * The config file that applies to a pipeline file (its path as given or found, and its name in
   * messages), or undefined: the one given, else the nearest `.mlops-pipeline.json`
   * ({@link findPipelineConfig}). Searches, reads nothing: a caller can check every input before any
   * is read.
   */
  fileFor(pipelinePath: string): { path: string; name: string } | undefined;
  /**
   * The config of a pipeline file, undefined for none; each config file is read once, however many
   * pipeline files share it.
   *
   * @throws InputError for a config that cannot be read or is invalid.
   */
  configFor(pipelinePath: string): PipelineConfig | undefined;
}

/**
 * The config of each pipeline file of a run: the one given (`options.config`), else the nearest
 * `.mlops-pipeline.json` above each file. Each folder is searched once. A found config is named in
 * messages as the pipeline file is: relative to the working folder (`../.mlops-pipeline.json`), or
 * absolute when the pipeline's path is.
 */
export function pipelineConfigLookup(options: PipelineConfigLookupOptions): PipelineConfigLookup {
  const { cwd } = options;
  const folders = new Map<string, string | undefined>();
  const configs = new Map<string, PipelineConfig>();
  const fileFor = (pipelinePath: string): { path: string; name: string } | undefined => {
    if (options.config !== undefined) return { path: options.config, name: options.config };
    const found = findPipelineConfig(resolve(cwd, pipelinePath), folders);
    if (found === undefined) return undefined;
    return { path: found, name: isAbsolute(pipelinePath) ? found : relative(cwd, found) };
  };
  return {
    fileFor,
    configFor(pipelinePath) {
      const file = fileFor(pipelinePath);
      if (file === undefined) return undefined;
      const path = resolve(cwd, file.path);
      let config = configs.get(path);
      if (config === undefined) {
        config = readPipelineConfig(path, file.name);
        configs.set(path, config);
      }
      return config;
    },
  };
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
