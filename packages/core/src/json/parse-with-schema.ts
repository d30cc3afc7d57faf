import type { z } from 'zod';
import { InputError } from '../errors.js';
import { findJsonDepthExcess, MAX_JSON_DEPTH } from '../io/json-depth.js';
import {
  type JsonParseFailure,
  type JsonPositionMap,
  jsonPointer,
  parseJsonWithPositions,
} from './positions.js';

/** What a caller says about a zod issue: the message, and where in the document to point. */
export interface JsonSchemaIssueText {
  message: string;
  /** The path to point at (default: the issue's own path); the nearest existing ancestor is used. */
  path?: readonly PropertyKey[];
}

/** How an input file's JSON is read and how its problems are worded. */
export interface JsonInputOptions {
  /** The file as shown in messages. */
  file: string;
  /** The deepest nesting of arrays and objects accepted (default {@link MAX_JSON_DEPTH}). */
  maxDepth?: number;
  /** The message for a syntax error, from the parser's (default `invalid JSON: …`). */
  syntaxMessage?: (message: string) => string;
  /**
   * When given, nesting is checked before anything else and refused with this message; otherwise a
   * file nested too deeply is a syntax error at the bracket that goes too deep (after any earlier one).
   */
  depthMessage?: (maxDepth: number) => string;
  /** The hint appended to a nesting or schema refusal (syntax errors have none). */
  hint?: string;
  /** Words a schema issue (default: `path: zod's message`, the path as a JSON pointer). */
  describeIssue?: (issue: z.core.$ZodIssue, document: unknown) => JsonSchemaIssueText;
}

/** A document read and checked: zod's output, the document as parsed, and where its values are. */
export interface JsonWithSchema<Value> {
  /** What the schema returned (zod leaves `__proto__` keys out: read those from `document`). */
  value: Value;
  /** The value `JSON.parse` built, own keys such as `__proto__` included. */
  document: unknown;
  positions: JsonPositionMap;
}

/** The InputError for a syntax failure of a JSON text, at its line and column. */
export function jsonSyntaxError(
  failure: JsonParseFailure,
  options: Pick<JsonInputOptions, 'file' | 'syntaxMessage'> & { hint?: string; cause?: unknown },
): InputError {
  const message = options.syntaxMessage?.(failure.message) ?? `invalid JSON: ${failure.message}`;
  return new InputError(message, {
    file: options.file,
    line: failure.line,
    column: failure.column,
    hint: options.hint,
    cause: options.cause,
  });
}

/**
 * The InputError for a zod issue of a parsed document, worded by `options.describeIssue` and placed
 * at the line and column of its path (the member's key, or the nearest value the document has).
 * Without `positions` the error names the file only.
 */
export function jsonSchemaIssueError(
  issue: z.core.$ZodIssue,
  document: unknown,
  positions: JsonPositionMap | undefined,
  options: JsonInputOptions,
): InputError {
  const path = issue.path.map((token) => (typeof token === 'number' ? token : String(token)));
  const described = options.describeIssue?.(issue, document) ?? {
    message: `${jsonPointer(path) || '(root)'}: ${issue.message}`,
  };
  const where =
    positions === undefined
      ? undefined
      : positions.locate(
          jsonPointer(
            (described.path ?? path).map((token) => (typeof token === 'number' ? token : String(token))),
          ),
        ).position;
  return new InputError(described.message, {
    file: options.file,
    line: where?.line,
    column: where?.column,
    hint: options.hint,
  });
}

/**
 * Parses the JSON text of an input file and checks it with a zod schema: the value, or a located
 * InputError (exit 2). A syntax error points at the offending character; nesting deeper than
 * `maxDepth` is refused by a constant-memory scan before anything is parsed; the first schema issue
 * points at the key or value at fault. A leading byte order mark is skipped.
 *
 * O(n) in the size of the text, plus zod's cost; a refusal adds one scan to place it.
 *
 * @throws InputError naming the file, the line and the column.
 * @example parseJsonWithSchema('{"a": 1}', z.object({ a: z.number() }), { file: 'c.json' }).value // => { a: 1 }
 */
export function parseJsonWithSchema<Schema extends z.ZodType>(
  text: string,
  schema: Schema,
  options: JsonInputOptions,
): JsonWithSchema<z.output<Schema>> {
  const maxDepth = options.maxDepth ?? MAX_JSON_DEPTH;
  if (options.depthMessage !== undefined) {
    const tooDeep = findJsonDepthExcess(text, maxDepth);
    if (tooDeep !== undefined)
      throw new InputError(options.depthMessage(tooDeep.maxDepth), {
        file: options.file,
        line: tooDeep.line,
        column: tooDeep.column,
        hint: options.hint,
      });
  }
  const parsed = parseJsonWithPositions(text, options.depthMessage === undefined ? { maxDepth } : {});
  if (!parsed.ok)
    throw jsonSyntaxError(parsed.error, { file: options.file, syntaxMessage: options.syntaxMessage });
  const result = schema.safeParse(parsed.value);
  if (!result.success)
    throw jsonSchemaIssueError(result.error.issues[0]!, parsed.value, parsed.positions, options);
  return { value: result.data, document: parsed.value, positions: parsed.positions };
}
