/**
 * YAML parsing for files from pull requests: the value of one YAML 1.2 document (core schema) and
 * the positions of its keys and values by JSON pointer, with the same interface as the JSON path
 * ({@link PointerPositions}), so that rules and formatters do not care which syntax a file has.
 *
 * YAML can do more than data, so the parse is fenced:
 * - **Nesting** is bounded before the recursive parts of the `yaml` package run: a scan of its lexer's
 *   tokens refuses gross nesting before the parser sees it (a 4 MB file of `[` would take the parser
 *   minutes), then the parsed tree is measured exactly ({@link YamlParseOptions.maxDepth}). Deep
 *   recursion near the end of the stack can abort the process (V8 compiles a regular expression
 *   there and gives up), so it is never let near it.
 * - **Aliases** (`*name`) that expand to too many nodes ("billion laughs") are refused by the `yaml`
 *   package's own count ({@link YamlParseOptions.maxAliasCount}); a value that aliases make deeper
 *   than `maxDepth` is refused too.
 * - **Tags**: only the core schema's (`!!str`, `!!int`, `!!map`…). Any other tag (`!!js/function`,
 *   `!!python/object`, `!!binary`, `!!set`, `!custom`) is refused, never resolved, and nothing is
 *   ever executed (the `yaml` package has no such tags).
 * - **Keys**: every key is a plain value (a mapping, a sequence or an alias as a key is refused), keys
 *   are compared as the strings they become (`1` and `"1"` are the same key) and must be unique;
 *   `__proto__`, `constructor` are keys like any other (own properties, no prototype is touched).
 * - One document per file; `<<` is an ordinary key (YAML 1.2 has no merge keys).
 *
 * Lines and columns are counted as for JSON (json/positions.ts): 1-based, columns in UTF-16 code
 * units, a line ends at LF, a byte order mark is not counted.
 */
import {
  Composer,
  CST,
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  Lexer,
  type Node,
  Parser,
} from 'yaml';
import {
  type JsonParseFailure,
  type JsonSourcePosition,
  jsonPointer,
  type PointerPositions,
  positionsOf,
} from '../json/positions.js';

/** Options of {@link parseYamlWithPositions}. */
export interface YamlParseOptions {
  /** The most levels of nested mappings and sequences (default {@link MAX_YAML_DEPTH}). */
  maxDepth?: number;
  /** The `yaml` package's bound on the nodes aliases may expand to (default {@link MAX_YAML_ALIAS_COUNT}). */
  maxAliasCount?: number;
}

/** The most levels of nested mappings and sequences read from a YAML file. */
export const MAX_YAML_DEPTH = 100;

/** The `yaml` package's default `maxAliasCount`, kept: roughly, aliases may repeat a node 100 times. */
export const MAX_YAML_ALIAS_COUNT = 100;

export type YamlParseResult =
  | { ok: true; value: unknown; positions: PointerPositions }
  | { ok: false; error: JsonParseFailure };

const DOCUMENT_OPTIONS = {
  version: '1.2',
  schema: 'core',
  // The tags the yaml package knows beyond the schema (!!binary, !!set, !!omap, !!timestamp…) stay
  // unresolved, so that they are refused like any other tag.
  resolveKnownTags: false,
  // Duplicate keys are found in one pass below (the package's check compares every pair of keys).
  uniqueKeys: false,
  merge: false,
  intAsBigInt: false,
  // Nothing is printed (the package warns through process.emitWarning otherwise); every warning is
  // taken as an error below.
  logLevel: 'error',
  prettyErrors: false,
} as const;

/** The string a scalar key becomes in the parsed value (as the yaml package's toJS makes it). */
function keyString(key: unknown): string | undefined {
  if (key === null || key === undefined) return '';
  if (!isScalar(key)) return undefined;
  return key.value === null ? '' : String(key.value);
}

/** What a short piece of the text is, quoted for a message (at most 40 characters). */
function quoted(text: string): string {
  const shown = JSON.stringify(text);
  return shown.length > 40 ? `${shown.slice(0, 37)}..."` : shown;
}

/** A problem at an offset, the message without a final period and with a lower-case first letter. */
interface Problem {
  offset: number;
  message: string;
}

/**
 * An upper bound, mostly exact, of how deep the text nests, from the lexer's tokens alone (no tree is
 * built, constant memory but the stack of open columns): flow brackets are counted, and block
 * collections by the columns at which keys, `-` and `?` open them (a sequence at the same column as
 * its parent mapping's key counts once, so the bound may be half the real depth there; the exact
 * check comes after parsing). When the bound reaches `refuseAt`, returns the offset where it first
 * passed `limit`; else undefined.
 */
function findGrossNesting(text: string, limit: number, refuseAt: number): number | undefined {
  let offset = 0;
  let lineStart = 0;
  let atLineStart = true;
  let atScalar = false;
  let afterValueIndicator = false;
  let flow = 0;
  const columns: number[] = [];
  let firstOver: number | undefined;
  /** Notes the nesting at `at`: true when it reaches `refuseAt`. */
  const deepAt = (at: number): boolean => {
    if (columns.length + flow > limit) firstOver ??= at;
    return columns.length + flow >= refuseAt;
  };
  const open = (column: number, firstOnLine: boolean, at: number): boolean => {
    if (firstOnLine) while (columns.length > 0 && columns[columns.length - 1]! > column) columns.pop();
    if (columns.length === 0 || columns[columns.length - 1]! < column) columns.push(column);
    return deepAt(at);
  };
  for (const source of new Lexer().lex(text)) {
    const at = offset;
    if (atScalar) {
      // The text of a scalar, after the lexer's scalar marker: a key opens a mapping level.
      atScalar = false;
      offset += source.length;
      if (flow === 0 && !afterValueIndicator && open(at - lineStart, atLineStart, at)) return firstOver;
      atLineStart = false;
      afterValueIndicator = false;
      continue;
    }
    const type = CST.tokenType(source);
    switch (type) {
      case 'scalar':
        atScalar = true;
        continue; // a marker: no text of its own
      case 'doc-mode':
      case 'flow-error-end':
        continue; // markers too
      case 'newline':
        offset += source.length;
        lineStart = offset;
        atLineStart = true;
        afterValueIndicator = false;
        continue;
      case 'space':
      case 'comment':
      case 'anchor':
      case 'tag':
      case 'byte-order-mark':
        offset += source.length;
        if (type === 'byte-order-mark') lineStart = offset;
        continue;
      case 'doc-start':
      case 'doc-end':
      case 'directive-line':
        columns.length = 0;
        flow = 0;
        break;
      case 'seq-item-ind':
      case 'explicit-key-ind':
        if (flow === 0 && open(at - lineStart, atLineStart, at)) return firstOver;
        afterValueIndicator = false;
        break;
      case 'map-value-ind':
        afterValueIndicator = true;
        break;
      case 'flow-map-start':
      case 'flow-seq-start':
        if (flow === 0 && !afterValueIndicator && open(at - lineStart, atLineStart, at)) return firstOver;
        flow++;
        if (deepAt(at)) return firstOver;
        break;
      case 'flow-map-end':
      case 'flow-seq-end':
        if (flow > 0) flow--;
        break;
      case 'comma':
        break;
      default:
        // Quoted scalars, aliases and block scalar headers: a key opens a mapping level.
        if (flow === 0 && !afterValueIndicator && open(at - lineStart, atLineStart, at)) return firstOver;
        afterValueIndicator = false;
    }
    atLineStart = false;
    offset += source.length;
  }
  return undefined;
}

/** The first collection of the parsed tokens nested deeper than `limit`, by its offset. Iterative. */
function findDeepCollection(tokens: readonly CST.Token[], limit: number): number | undefined {
  const pending: [CST.Token, number][] = [];
  for (const token of tokens) if (token.type === 'document' && token.value) pending.push([token.value, 0]);
  let found: number | undefined;
  while (pending.length > 0) {
    const [token, depth] = pending.pop()!;
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection')
      continue;
    if (depth + 1 > limit) {
      if (found === undefined || token.offset < found) found = token.offset;
      continue;
    }
    for (const item of token.items) {
      if (item.key) pending.push([item.key, depth + 1]);
      if (item.value) pending.push([item.value, depth + 1]);
    }
  }
  return found;
}

/** The first problem of the document's tree: a key that is not a plain value, or a repeated key. */
function findKeyProblem(document: Document.Parsed): Problem | undefined {
  const pending: unknown[] = [document.contents];
  let first: Problem | undefined;
  const note = (problem: Problem) => {
    if (first === undefined || problem.offset < first.offset) first = problem;
  };
  while (pending.length > 0) {
    const node = pending.pop();
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        const name = keyString(key);
        const offset = key?.range?.[0] ?? node.range?.[0] ?? 0;
        if (name === undefined)
          note({
            offset,
            message: `a key that is ${isAlias(key) ? 'an alias' : isSeq(key) ? 'a sequence' : 'a mapping'} (the keys of a pipeline file are plain values)`,
          });
        else if (seen.has(name))
          note({
            offset,
            message: `the key ${quoted(name)} appears twice in one mapping (keys must be unique)`,
          });
        else seen.add(name);
        pending.push(pair.value);
      }
    } else if (isSeq(node)) for (const item of node.items) pending.push(item);
  }
  return first;
}

/** A tag as written: `tag:yaml.org,2002:js/function` is `!!js/function`. */
function shortTag(tag: string): string {
  return tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice('tag:yaml.org,2002:'.length)}` : tag;
}

/** An error or a warning of the yaml package, as its composer reports it. */
interface PackageError {
  readonly pos: readonly [number, number];
  readonly code: string;
  readonly message: string;
}

/** The yaml package's error or warning as a problem of this file. */
function packageProblem(error: PackageError): Problem {
  const offset = error.pos[0];
  if (error.code === 'TAG_RESOLVE_FAILED') {
    const tag = /Unresolved tag: (.*)$/.exec(error.message)?.[1];
    return {
      offset,
      message: `the tag ${tag === undefined ? '' : `${quoted(shortTag(tag))} `}is not one of YAML's core schema (a pipeline file holds mappings, sequences, strings, numbers, booleans and null)`,
    };
  }
  const text = error.message.split('\n')[0]!.replace(/\.$/, '');
  return { offset, message: text.charAt(0).toLowerCase() + text.slice(1) };
}

/**
 * The most errors and warnings taken from the yaml package's composer: it reports every problem it
 * meets and goes on (a file of a million stray commas in a flow mapping is a million errors, each an
 * Error with its stack, minutes of work), so its report is cut off here. The first in the file is
 * the one shown.
 */
const MAX_PACKAGE_PROBLEMS = 100;

class TooManyProblems extends Error {}

/** Where the composer's `source` of an error starts (a token, an offset or a range). */
function sourceOffset(source: unknown): number {
  if (typeof source === 'number') return source;
  if (Array.isArray(source)) return Number(source[0]);
  return Number((source as { offset?: number }).offset ?? 0);
}

/**
 * Composes the parsed tokens into documents, collecting the composer's problems itself, at most
 * {@link MAX_PACKAGE_PROBLEMS} (see there). Relies on the composer reading its `onError` member when it
 * reports (yaml 2.9.1, pinned; the test of a million stray commas would catch a change).
 */
function composeDocuments(
  tokens: readonly CST.Token[],
  length: number,
): { documents: Document.Parsed[]; problems: Problem[] } {
  const composer = new Composer(DOCUMENT_OPTIONS);
  const problems: Problem[] = [];
  (composer as unknown as { onError: (source: unknown, code: string, message: string) => void }).onError = (
    source,
    code,
    message,
  ) => {
    // Once cut off, every later report (the composer's catch blocks report what they catch) throws
    // again, adding nothing.
    if (problems.length >= MAX_PACKAGE_PROBLEMS) throw new TooManyProblems('too many problems');
    const offset = sourceOffset(source);
    problems.push(packageProblem({ pos: [offset, offset], code, message }));
  };
  const documents: Document.Parsed[] = [];
  try {
    for (const document of composer.compose(tokens, true, length)) documents.push(document);
  } catch (error) {
    if (!(error instanceof TooManyProblems)) throw error;
    return { documents, problems };
  }
  // Problems the composer records without its onError (tokens between documents).
  for (const document of documents)
    for (const error of [...document.errors, ...document.warnings]) problems.push(packageProblem(error));
  return { documents, problems };
}

/** The offset of the first alias of the document, or of its content. */
function firstAliasOffset(document: Document.Parsed): number {
  const pending: unknown[] = [document.contents];
  let first: number | undefined;
  while (pending.length > 0) {
    const node = pending.pop();
    if (isAlias(node)) {
      const offset = node.range?.[0] ?? 0;
      if (first === undefined || offset < first) first = offset;
    } else if (isMap(node)) for (const pair of node.items) pending.push(pair.key, pair.value);
    else if (isSeq(node)) for (const item of node.items) pending.push(item);
  }
  return first ?? document.contents?.range?.[0] ?? 0;
}

/**
 * Whether the value nests deeper than `limit` (or holds itself). Aliases make the value a graph that
 * shares nodes, so each object is measured once (by identity): linear in the number of distinct
 * objects and their members. Iterative.
 */
function isDeeperThan(value: unknown, limit: number): boolean {
  const OPEN = -1;
  const height = new Map<object, number>();
  const childrenOf = (node: object) =>
    Object.values(node).filter((child): child is object => typeof child === 'object' && child !== null);
  const pending: [object, boolean][] = [];
  if (typeof value === 'object' && value !== null) pending.push([value, false]);
  while (pending.length > 0) {
    const [node, childrenDone] = pending.pop()!;
    if (!childrenDone) {
      const known = height.get(node);
      if (known === OPEN) return true; // a node inside itself: endlessly deep
      if (known !== undefined) continue;
      height.set(node, OPEN);
      pending.push([node, true]);
      for (const child of childrenOf(node)) pending.push([child, false]);
      continue;
    }
    let own = 1;
    for (const child of childrenOf(node)) own = Math.max(own, 1 + height.get(child)!);
    if (own > limit) return true;
    height.set(node, own);
  }
  return false;
}

/** Splits a JSON pointer into its tokens, unescaped. */
function pointerTokens(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * Positions in a parsed YAML document, by JSON pointer: a member's key, an element's item, the
 * root's first character; through an alias, the position in the anchored node it repeats. Each lookup
 * follows only the nodes on its path: O(depth × width of the mappings on the way).
 */
class YamlPositionMap implements PointerPositions {
  constructor(
    private readonly document: Document.Parsed,
    private readonly text: string,
    private readonly start: number,
  ) {}

  locateAll(pointers: readonly string[]): { pointer: string; position: JsonSourcePosition }[] {
    const found = pointers.map((pointer) => this.find(pointer));
    const positions = positionsOf(
      this.text,
      this.start,
      found.map((each) => Math.max(each.offset, this.start)),
    );
    return found.map((each, index) => ({ pointer: each.pointer, position: positions[index]! }));
  }

  private find(pointer: string): { pointer: string; offset: number } {
    const tokens = pointerTokens(pointer);
    let node: unknown = this.document.contents;
    let offset = (node as Node | null)?.range?.[0] ?? this.start;
    let depth = 0;
    for (const token of tokens) {
      if (isAlias(node)) node = node.resolve(this.document);
      let next: { node: unknown; offset: number } | undefined;
      if (isMap(node)) {
        // The last pair with that key, as the value has it (keys are unique by then anyway).
        for (let index = node.items.length - 1; index >= 0; index--) {
          const pair = node.items[index]!;
          if (isPair(pair) && keyString(pair.key) === token) {
            const key = pair.key as Node | null;
            next = { node: pair.value, offset: key?.range?.[0] ?? offset };
            break;
          }
        }
      } else if (isSeq(node) && /^(0|[1-9]\d{0,8})$/.test(token)) {
        const item = node.items[Number(token)] as Node | null | undefined;
        if (item !== undefined) next = { node: item, offset: item?.range?.[0] ?? offset };
      }
      if (next === undefined) break;
      node = next.node;
      offset = next.offset;
      depth++;
    }
    return { pointer: depth === tokens.length ? pointer : jsonPointer(tokens.slice(0, depth)), offset };
  }
}

/**
 * Parses the text of one YAML document into a plain value (mappings become objects, sequences
 * arrays; YAML 1.2 core schema: `yes` is a string, `0x10` is 16, `.nan` is NaN) with positions by
 * JSON pointer. Never throws on bad input: a syntax error, a refused construct (see the module's
 * comment) or a second document comes back as `{ ok: false, error }` with the line and column of the
 * offending place and what is wrong there, without a final period.
 *
 * Cost: linear in the text, but the yaml package parses about 1 MB per second (JSON.parse: hundreds):
 * callers bound the size.
 *
 * @example
 * const result = parseYamlWithPositions('name: p\nstages:\n  - name: a\n');
 * result.ok && result.value // => { name: 'p', stages: [{ name: 'a' }] }
 * result.ok && result.positions.locateAll(['/stages/0/name'])[0].position // => { line: 3, column: 5, offset: 19 }
 */
export function parseYamlWithPositions(text: string, options: YamlParseOptions = {}): YamlParseResult {
  const maxDepth = options.maxDepth ?? MAX_YAML_DEPTH;
  const maxAliasCount = options.maxAliasCount ?? MAX_YAML_ALIAS_COUNT;
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const fail = (problem: Problem): YamlParseResult => {
    const [position] = positionsOf(text, start, [Math.min(Math.max(problem.offset, start), text.length)]);
    return { ok: false, error: { message: problem.message, ...position! } };
  };
  const tooDeep = `more than ${maxDepth} levels of nested mappings and sequences (the most this tool reads)`;

  // The lexer's bound first (refusing at twice the limit: only the gross cases), then the parsed tree.
  const gross = findGrossNesting(text, maxDepth, 2 * maxDepth);
  if (gross !== undefined) return fail({ offset: gross, message: tooDeep });
  const tokens = [...new Parser().parse(text)];
  const deep = findDeepCollection(tokens, maxDepth);
  if (deep !== undefined) return fail({ offset: deep, message: tooDeep });
  // Tokens between documents that the composer turns into errors without its onError: a file of
  // many is refused at the first (each would be an Error with its stack).
  const stray = tokens.filter((token) => token.type === 'error');
  if (stray.length > MAX_PACKAGE_PROBLEMS) {
    const first = stray[0] as CST.ErrorToken;
    return fail(
      packageProblem({ pos: [first.offset, first.offset], code: 'UNEXPECTED_TOKEN', message: first.message }),
    );
  }

  const { documents, problems } = composeDocuments(tokens, text.length);
  const document = documents[0];
  if (document === undefined) return fail(problems.reduce((a, b) => (b.offset < a.offset ? b : a)));
  if (documents.length > 1)
    problems.push({
      offset: documents[1]!.range[0],
      message: 'a second document starts here (a pipeline file holds one YAML document)',
    });
  // The syntax errors that come first in the text are the ones to fix first.
  if (problems.length > 0) return fail(problems.reduce((a, b) => (b.offset < a.offset ? b : a)));
  const keyProblem = findKeyProblem(document);
  if (keyProblem) return fail(keyProblem);

  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount });
  } catch (error) {
    const text = (error as Error).message.split('\n')[0]!.replace(/\.$/, '');
    return fail({
      offset: firstAliasOffset(document),
      message: /Excessive alias count/.test(text)
        ? `its aliases expand to too many nodes (more than ${maxAliasCount} repetitions: the limit that stops "billion laughs" files)`
        : text.charAt(0).toLowerCase() + text.slice(1),
    });
  }
  if (isDeeperThan(value, maxDepth))
    return fail({
      offset: firstAliasOffset(document),
      message: `its aliases nest values more than ${maxDepth} levels deep (the most this tool reads)`,
    });
  return { ok: true, value, positions: new YamlPositionMap(document, text, start) };
}
