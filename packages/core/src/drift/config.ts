import * as z from 'zod';
import { MAX_JSON_DEPTH } from '../io/json-depth.js';
import { readInputText } from '../io/read-input.js';
import {
  type JsonInputOptions,
  jsonSchemaIssueError,
  parseJsonWithSchema,
} from '../json/parse-with-schema.js';
import { DRIFT_METHOD_CHOICES, type DriftMethodChoice } from './method-registry.js';

/** How p-values are adjusted across the columns scored by p-value methods. */
export const DRIFT_CORRECTIONS = ['none', 'bonferroni', 'fdr'] as const;
export type DriftCorrection = (typeof DRIFT_CORRECTIONS)[number];

/** How a column with several tests is judged: drifted when any test says so (default), or all. */
export const TEST_COMBINATIONS = ['any', 'all'] as const;
export type TestCombination = (typeof TEST_COMBINATIONS)[number];

/** One test of a column: a method and its threshold (default: the method's own). */
export interface PlannedTest {
  readonly method: DriftMethodChoice;
  readonly threshold?: number;
}

const threshold = z.number().finite().nonnegative();

/** One test of a column: a method and, optionally, its threshold. */
const testSchema = z.strictObject({ method: z.enum(DRIFT_METHOD_CHOICES), threshold: threshold.optional() });
const testsSchema = z.array(testSchema).min(1, { message: 'expected at least one test' });

/** `tests` replaces `method` and `threshold` at the same level: both at once is refused. */
function testsOrMethod(
  settings: { tests?: unknown; method?: unknown; threshold?: unknown },
  context: z.RefinementCtx,
) {
  if (settings.tests === undefined) return;
  for (const key of ['method', 'threshold'] as const)
    if (settings[key] !== undefined)
      context.addIssue({
        code: 'custom',
        path: [key],
        message: `not with tests (give each test its ${key === 'method' ? 'method' : 'threshold'} there)`,
      });
}

/** Settings for one column in a drift config file. */
export const driftColumnConfigSchema = z
  .strictObject({
    method: z.enum(DRIFT_METHOD_CHOICES).optional(),
    threshold: threshold.optional(),
    tests: testsSchema.optional(),
    combine: z.enum(TEST_COMBINATIONS).optional(),
    kind: z.enum(['numeric', 'categorical']).optional(),
    ignore: z.boolean().optional(),
  })
  .superRefine(testsOrMethod);

/**
 * The top level of a drift config file: defaults for every column, and per-column settings. Settings given
 * on the command line win over the file's defaults; a column's own settings win over both.
 *
 * `columns` is checked here only as an object: its keys are column names, which are data (a column
 * may be called `__proto__` or `constructor`), so its entries are read one by one from the parsed
 * document into a Map (see {@link parseDriftConfig}), never through a plain object.
 */
export const driftConfigSchema = z
  .strictObject({
    method: z.enum(DRIFT_METHOD_CHOICES).optional(),
    threshold: threshold.optional(),
    tests: testsSchema.optional(),
    combine: z.enum(TEST_COMBINATIONS).optional(),
    correction: z.enum(DRIFT_CORRECTIONS).optional(),
    drift_share: z.number().min(0).max(1).optional(),
    ignore: z.array(z.string()).optional(),
    columns: z.record(z.string(), z.unknown()).optional(),
  })
  .superRefine(testsOrMethod);

export type DriftColumnConfig = z.output<typeof driftColumnConfigSchema>;

/** A validated drift config: the top-level settings, and each column's own by name. */
export type DriftConfig = Omit<z.output<typeof driftConfigSchema>, 'columns'> & {
  columns?: ReadonlyMap<string, DriftColumnConfig>;
};

/** The most bytes read from a config file: far more than any real one, little memory. */
export const MAX_DRIFT_CONFIG_BYTES = 16 * 1024 * 1024;

const CONFIG_HINT = 'see docs/drift-detector.md, "Config file"';

/**
 * How a drift config's problems are worded: the dotted path of the value at fault (`columns.a.method`,
 * `the top level`) and zod's message; an unknown key is reported at the key itself, not at the object
 * that holds it.
 */
const DRIFT_CONFIG_INPUT: JsonInputOptions = {
  file: '',
  hint: CONFIG_HINT,
  depthMessage: (maxDepth) => `nested deeper than ${maxDepth} levels`,
  describeIssue: (issue) => {
    const unknown = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    const path = unknown === undefined ? issue.path.map(String) : [...issue.path.map(String), unknown];
    const message =
      unknown === undefined ? issue.message : `unknown key (expected one of ${expectedKeys(issue.path)})`;
    return { message: `${path.join('.') || 'the top level'}: ${message}`, path };
  },
};

/**
 * Parses and validates a drift config document. Column names are kept as data: `columns.__proto__`
 * configures the column `__proto__`: the columns are read one by one from the parsed document's own
 * keys into a Map, and the first bad one (in file order) is reported.
 *
 * @throws InputError naming the file, the line and column, and for a bad value its key path; also for
 *   a document nested deeper than {@link MAX_JSON_DEPTH}, found before parsing.
 */
export function parseDriftConfig(text: string, file: string): DriftConfig {
  const options: JsonInputOptions = { ...DRIFT_CONFIG_INPUT, file, maxDepth: MAX_JSON_DEPTH };
  const { value, document, positions } = parseJsonWithSchema(text, driftConfigSchema, options);
  const { columns: _checked, ...settings } = value;
  const raw = (document as { columns?: object }).columns;
  if (raw === undefined) return settings;
  const columns = new Map<string, DriftColumnConfig>();
  // Own enumerable keys of the parsed document, `__proto__` included (the parser defines it as data).
  for (const [name, entry] of Object.entries(raw)) {
    const result = driftColumnConfigSchema.safeParse(entry);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      throw jsonSchemaIssueError(
        { ...issue, path: ['columns', name, ...issue.path] },
        document,
        positions,
        options,
      );
    }
    columns.set(name, result.data);
  }
  return { ...settings, columns };
}

/** The keys allowed in the object at `path`, for the message about an unknown key. */
function expectedKeys(path: readonly PropertyKey[]): string {
  const shape =
    path.length === 0
      ? driftConfigSchema.shape
      : path.length >= 3 && path[2] === 'tests'
        ? testSchema.shape
        : driftColumnConfigSchema.shape;
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
