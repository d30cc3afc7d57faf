import * as z from 'zod';
import { InputError } from '../errors.js';
import { findJsonDepthExcess, MAX_JSON_DEPTH } from '../io/json-depth.js';
import { readInputText } from '../io/read-input.js';
import { jsonPointer, parseJsonWithPositions } from '../pipeline/json-positions.js';
import { DRIFT_METHOD_CHOICES } from './method-registry.js';

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
 * The top level of a `--config` file: defaults for every column, and per-column settings. Flags given
 * on the command line win over the file's defaults; a column's own settings win over both.
 *
 * `columns` is checked here only as an object: its keys are column names, which are data (a column
 * may be called `__proto__` or `constructor`), so its entries are read one by one from the parsed
 * document into a Map (see {@link parseDriftConfig}), never through a plain object.
 */
export const driftConfigSchema = z.strictObject({
  method: z.enum(DRIFT_METHOD_CHOICES).optional(),
  threshold: threshold.optional(),
  correction: z.enum(DRIFT_CORRECTIONS).optional(),
  drift_share: z.number().min(0).max(1).optional(),
  ignore: z.array(z.string()).optional(),
  columns: z.record(z.string(), z.unknown()).optional(),
});

export type DriftColumnConfig = z.output<typeof driftColumnConfigSchema>;

/** A validated drift config: the top-level settings, and each column's own by name. */
export type DriftConfig = Omit<z.output<typeof driftConfigSchema>, 'columns'> & {
  columns?: ReadonlyMap<string, DriftColumnConfig>;
};

/** The most bytes read from a config file: far more than any real one, little memory. */
export const MAX_DRIFT_CONFIG_BYTES = 16 * 1024 * 1024;

/** An issue of zod's, with its path from the top of the document. */
type LocatedIssue = z.core.$ZodIssue & { path: PropertyKey[] };

/** The first issue of the document: the top level's, else the first bad column's (in file order). */
function firstIssue(value: unknown): { issue?: LocatedIssue; config?: DriftConfig } {
  const top = driftConfigSchema.safeParse(value);
  if (!top.success) return { issue: top.error.issues[0]! };
  const { columns: _checked, ...settings } = top.data;
  const raw = (value as { columns?: object }).columns;
  if (raw === undefined) return { config: settings };
  const columns = new Map<string, DriftColumnConfig>();
  // Own enumerable keys of the parsed document, `__proto__` included (the parser defines it as data).
  for (const [name, settings] of Object.entries(raw)) {
    const entry = driftColumnConfigSchema.safeParse(settings);
    if (!entry.success) {
      const issue = entry.error.issues[0]!;
      return { issue: { ...issue, path: ['columns', name, ...issue.path] } };
    }
    columns.set(name, entry.data);
  }
  return { config: { ...settings, columns } };
}

/**
 * Parses and validates a drift config document. Column names are kept as data: `columns.__proto__`
 * configures the column `__proto__`.
 *
 * @throws InputError naming the file, the line and column, and for a bad value its key path; also for
 *   a document nested deeper than {@link MAX_JSON_DEPTH}, found before parsing.
 */
export function parseDriftConfig(text: string, file: string): DriftConfig {
  const tooDeep = findJsonDepthExcess(text, MAX_JSON_DEPTH);
  if (tooDeep !== undefined)
    throw new InputError(`nested deeper than ${tooDeep.maxDepth} levels`, {
      file,
      line: tooDeep.line,
      column: tooDeep.column,
      hint: 'see docs/drift-detector.md, "Config file"',
    });
  const parsed = parseJsonWithPositions(text);
  if (!parsed.ok) {
    const { line, column, message } = parsed.error;
    throw new InputError(`invalid JSON: ${message}`, { file, line, column });
  }
  const { issue, config } = firstIssue(parsed.value);
  if (issue === undefined) return config!;
  // An unknown key is reported at the key itself, not at the object that holds it.
  const unknown = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
  const path = unknown === undefined ? issue.path.map(String) : [...issue.path.map(String), unknown];
  const { line, column } = parsed.positions.locate(jsonPointer(path)).position;
  const message =
    unknown === undefined ? issue.message : `unknown key (expected one of ${expectedKeys(issue.path)})`;
  throw new InputError(`${path.join('.') || 'the top level'}: ${message}`, {
    file,
    line,
    column,
    hint: 'see docs/drift-detector.md, "Config file"',
  });
}

/** The keys allowed in the object at `path`, for the message about an unknown key. */
function expectedKeys(path: readonly PropertyKey[]): string {
  const shape = path.length === 0 ? driftConfigSchema.shape : driftColumnConfigSchema.shape;
  return Object.keys(shape).join(', ');
}

/**
 * Reads and validates a drift config file, at most {@link MAX_DRIFT_CONFIG_BYTES} (a FIFO or a device
 * included).
 *
 * @throws InputError for a file that is missing, unreadable, too large, or invalid.
 */
export function readDriftConfig(path: string, file = path): DriftConfig {
  const text = readInputText(path, { what: 'config file', display: file, maxBytes: MAX_DRIFT_CONFIG_BYTES });
  return parseDriftConfig(text, file);
}
