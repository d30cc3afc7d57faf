/**
 * JSON parsing that can also say where every key and value starts, so that an issue found in the
 * parsed value can point at a line and a column of the file.
 *
 * It accepts exactly what `JSON.parse` accepts (RFC 8259), plus a leading UTF-8 byte order mark, and
 * returns the same value: the value *is* `JSON.parse`'s (fast, and as compact as a JavaScript value
 * gets). Positions cost nothing until asked for: a lookup scans the text once for any number of JSON
 * pointers ({@link JsonPositionMap.locateAll}), following only the members and elements on their paths.
 * A syntax error is explained by a separate checker that keeps no values, only a stack of open
 * brackets: its line, column and a message saying what is wrong. Both scans are iterative (an explicit
 * stack, no recursion) and linear in the size of the text.
 *
 * Lines and columns are 1-based; a column counts UTF-16 code units, as SARIF's default `columnKind`
 * and most editors do, and the byte order mark is not counted. A line ends at LF (CRLF counts once).
 */

import { findJsonDepthExcess } from '../io/json-depth.js';

/** A place in the source text. */
export interface JsonSourcePosition {
  /** 1-based line. */
  line: number;
  /** 1-based column, in UTF-16 code units. */
  column: number;
  /** 0-based offset in the text. */
  offset: number;
}

/** A syntax error: what is wrong and where. */
export interface JsonParseFailure extends JsonSourcePosition {
  message: string;
}

export type JsonParseResult =
  | { ok: true; value: unknown; positions: JsonPositionMap }
  | { ok: false; error: JsonParseFailure };

/**
 * Where the keys and values a JSON pointer names are in a parsed document's text, whatever its
 * syntax: JSON ({@link JsonPositionMap}) or YAML (yaml/parse-with-positions.ts). The pipeline rules
 * and the formatters see only this.
 */
export interface PointerPositions {
  /**
   * For each pointer, the position to report: the member's key for an object member, the value for
   * an array element or the root; for a pointer the document does not have, the position of its
   * nearest existing ancestor, whose pointer is returned too.
   */
  locateAll(pointers: readonly string[]): { pointer: string; position: JsonSourcePosition }[];
}

/** One step of the position scan: a JSON pointer's tokens as a tree, with what the scan found. */
interface PathNode {
  parent: PathNode | undefined;
  /** The token that leads here from the parent: a number for an array index (`0`, `12`, not `01`). */
  token: string | number;
  /** The children by name: a few in two small arrays (no Map to allocate), many in a Map. */
  names: string[] | undefined;
  named: PathNode[] | undefined;
  byName: Map<string, PathNode> | undefined;
  /**
   * The children whose token is an array index, by number (an element, or a member named so): a few
   * in two small arrays, many in a Map.
   */
  numbers: number[] | undefined;
  numbered: PathNode[] | undefined;
  byNumber: Map<number, PathNode> | undefined;
  /** Offsets of the member's key (-1 for an element or the root) and of the value, once found. */
  keyOffset: number;
  valueOffset: number;
  /**
   * Which occurrence of this node the offsets belong to, and the occurrence of the parent they were
   * found under: with a duplicate key (`{"a": …, "a": …}`) the last occurrence wins, as in
   * `JSON.parse`, and whatever was found under an earlier one no longer counts.
   */
  visit: number;
  parentVisit: number;
}

function pathNode(parent: PathNode | undefined, token: string | number): PathNode {
  return {
    parent,
    token,
    names: undefined,
    named: undefined,
    byName: undefined,
    numbers: undefined,
    numbered: undefined,
    byNumber: undefined,
    keyOffset: -1,
    valueOffset: -1,
    visit: 0,
    parentVisit: -1,
  };
}

/** Up to this many named children are kept in arrays and compared with the text in place. */
const FEW_CHILDREN = 8;

/**
 * The number of `text[start, end)` when it is written as an array index (`0`, `12`, not `01`, at
 * most 9 digits), else -1. Such a token means element n of an array or the member named so of an
 * object: both sides of the scan classify it the same way, without making a string.
 */
function indexIn(text: string, start: number, end: number): number {
  const length = end - start;
  if (length < 1 || length > 9 || (length > 1 && text.charCodeAt(start) === 0x30)) return -1;
  let value = 0;
  for (let at = start; at < end; at++) {
    const digit = text.charCodeAt(at) - 0x30;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** The named child of `node` whose name is `text[start, end)` (no escapes in it), if any. */
function namedChildAt(node: PathNode, text: string, start: number, end: number): PathNode | undefined {
  if (node.byName) return node.byName.get(text.slice(start, end));
  const names = node.names;
  if (names === undefined) return undefined;
  for (let at = 0; at < names.length; at++) {
    const name = names[at]!;
    if (name.length === end - start && text.startsWith(name, start)) return node.named![at];
  }
  return undefined;
}

/** Adds a named child; the names move to a Map past {@link FEW_CHILDREN}. */
function addNamedChild(node: PathNode, name: string): PathNode {
  const child = pathNode(node, name);
  if (node.byName) node.byName.set(name, child);
  else if (node.names === undefined) {
    node.names = [name];
    node.named = [child];
  } else {
    node.names.push(name);
    node.named!.push(child);
    if (node.names.length > FEW_CHILDREN) {
      node.byName = new Map(node.names.map((each, at) => [each, node.named![at]!]));
      node.names = undefined;
      node.named = undefined;
    }
  }
  return child;
}

/** The child of `node` for the array index (or numeric name) `index`, if any. */
function numberedChild(node: PathNode, index: number): PathNode | undefined {
  if (node.byNumber) return node.byNumber.get(index);
  const at = node.numbers?.indexOf(index) ?? -1;
  return at < 0 ? undefined : node.numbered![at];
}

/** Adds a numbered child; the numbers move to a Map past {@link FEW_CHILDREN}. */
function addNumberedChild(node: PathNode, index: number): PathNode {
  const child = pathNode(node, index);
  if (node.byNumber) node.byNumber.set(index, child);
  else if (node.numbers === undefined) {
    node.numbers = [index];
    node.numbered = [child];
  } else {
    node.numbers.push(index);
    node.numbered!.push(child);
    if (node.numbers.length > FEW_CHILDREN) {
      node.byNumber = new Map(node.numbers.map((each, at) => [each, node.numbered![at]!]));
      node.numbers = undefined;
      node.numbered = undefined;
    }
  }
  return child;
}

/** The node of a JSON pointer in the tree under `root`, made as needed; few strings are made. */
function nodeOfPointer(root: PathNode, pointer: string): PathNode {
  let node = root;
  if (pointer === '') return node;
  let start = pointer.charCodeAt(0) === 0x2f ? 1 : 0;
  for (;;) {
    let end = pointer.indexOf('/', start);
    if (end < 0) end = pointer.length;
    const index = indexIn(pointer, start, end);
    if (index >= 0) node = numberedChild(node, index) ?? addNumberedChild(node, index);
    else {
      const tilde = pointer.indexOf('~', start);
      if (tilde < 0 || tilde >= end)
        node = namedChildAt(node, pointer, start, end) ?? addNamedChild(node, pointer.slice(start, end));
      else {
        const name = pointer.slice(start, end).replace(/~1/g, '/').replace(/~0/g, '~');
        node = namedChildAt(node, name, 0, name.length) ?? addNamedChild(node, name);
      }
    }
    if (end === pointer.length) return node;
    start = end + 1;
  }
}

/**
 * True when `node` was found in the document: it and each of its ancestors under the last
 * occurrence of its parent.
 */
function isFound(node: PathNode): boolean {
  for (let at = node; at.parent !== undefined; at = at.parent)
    if (at.valueOffset < 0 || at.parentVisit !== at.parent.visit) return false;
  return true;
}

function hasChildren(node: PathNode): boolean {
  return (
    node.names !== undefined ||
    node.byName !== undefined ||
    node.numbers !== undefined ||
    node.byNumber !== undefined
  );
}

/** The child of `node` for the member whose name (in quotes) spans `keyStart`…`keyEnd` of `text`. */
function memberChild(node: PathNode, text: string, keyStart: number, keyEnd: number): PathNode | undefined {
  const rawStart = keyStart + 1;
  const rawEnd = keyEnd - 1;
  let escaped = false;
  for (let at = rawStart; at < rawEnd; at++)
    if (text.charCodeAt(at) === 0x5c) {
      escaped = true;
      break;
    }
  // A name without escapes is its own text: looked up in place, no string made for a few children.
  if (!escaped) {
    const index = indexIn(text, rawStart, rawEnd);
    return index >= 0 ? numberedChild(node, index) : namedChildAt(node, text, rawStart, rawEnd);
  }
  const name = memberName(text, keyStart, keyEnd);
  const index = indexIn(name, 0, name.length);
  return index >= 0 ? numberedChild(node, index) : namedChildAt(node, name, 0, name.length);
}

/** The name of the member whose key (in quotes) spans `keyStart`…`keyEnd`, unescaped. */
function memberName(text: string, keyStart: number, keyEnd: number): string {
  const raw = text.slice(keyStart + 1, keyEnd - 1);
  return raw.includes('\\') ? (JSON.parse(text.slice(keyStart, keyEnd)) as string) : raw;
}

/**
 * Where each key and value of a parsed document starts, looked up by JSON pointer (RFC 6901:
 * `/stages/2/gate/threshold`, `""` for the root). Every method scans the text once per call, so ask
 * {@link locateAll} for many pointers at once.
 */
export class JsonPositionMap implements PointerPositions {
  /** @internal `start` is 1 after a byte order mark, else 0. */
  constructor(
    private readonly text: string,
    private readonly start: number,
  ) {}

  /** Line and column of an offset of the source text. O(offset). */
  positionAt(offset: number): JsonSourcePosition {
    return positionsOf(this.text, this.start, [offset])[0]!;
  }

  /** Where the value at `pointer` starts, or undefined when the document has no such value. */
  value(pointer: string): JsonSourcePosition | undefined {
    const node = this.exact(pointer);
    return node === undefined ? undefined : this.positionAt(node.valueOffset);
  }

  /** Where the key of the object member at `pointer` starts; undefined for array elements and the root. */
  key(pointer: string): JsonSourcePosition | undefined {
    const node = this.exact(pointer);
    return node === undefined || node.keyOffset < 0 ? undefined : this.positionAt(node.keyOffset);
  }

  /**
   * The position to report for `pointer`: the member's key for an object member, the value for an
   * array element or the root. When the document has no such value (a missing field), the position of
   * its nearest existing ancestor, whose pointer is returned too. O(size of the text).
   */
  locate(pointer: string): { pointer: string; position: JsonSourcePosition } {
    return this.locateAll([pointer])[0]!;
  }

  /**
   * {@link locate} for many pointers with one scan of the text: O(size of the text + total length of
   * the pointers + k log k) for k pointers.
   */
  locateAll(pointers: readonly string[]): { pointer: string; position: JsonSourcePosition }[] {
    const root = pathNode(undefined, '');
    const ends = pointers.map((pointer) => nodeOfPointer(root, pointer));
    scanPaths(this.text, this.start, root);
    const offsets: number[] = [];
    const found = ends.map((end, index) => {
      // The deepest node on the path that the document has (the root always).
      let node = end;
      while (!isFound(node)) node = node.parent!;
      offsets.push(node.keyOffset >= 0 ? node.keyOffset : node.valueOffset);
      if (node === end) return pointers[index]!;
      const tokens: (string | number)[] = [];
      for (let at = node; at.parent !== undefined; at = at.parent) tokens.push(at.token);
      return jsonPointer(tokens.reverse());
    });
    const positions = positionsOf(this.text, this.start, offsets);
    return found.map((pointer, index) => ({ pointer, position: positions[index]! }));
  }

  /** Every pointer of the document with the positions of its key (if any) and value, in document order. */
  entries(): Map<string, { key?: JsonSourcePosition; value: JsonSourcePosition }> {
    interface Entry {
      keyOffset: number;
      valueOffset: number;
      children: Map<string, Entry> | Entry[] | undefined;
    }
    let root: Entry | undefined;
    walkJson<Entry>(this.text, this.start, (parent, _index, keyStart, keyEnd, valueOffset, container) => {
      const entry: Entry = {
        keyOffset: keyStart,
        valueOffset,
        children: container === '{' ? new Map() : container === '[' ? [] : undefined,
      };
      if (parent === undefined) root = entry;
      else if (Array.isArray(parent.children)) parent.children.push(entry);
      else parent.children!.set(memberName(this.text, keyStart, keyEnd), entry);
      return entry;
    });
    const ordered: [string, Entry][] = [];
    const pending: [Entry, string][] = root === undefined ? [] : [[root, '']];
    while (pending.length > 0) {
      const [entry, pointer] = pending.pop()!;
      ordered.push([pointer, entry]);
      const list: [Entry, string][] = [];
      if (Array.isArray(entry.children))
        entry.children.forEach((child, index) => {
          list.push([child, `${pointer}/${index}`]);
        });
      else if (entry.children)
        for (const [name, child] of entry.children) list.push([child, `${pointer}/${escapeToken(name)}`]);
      for (let index = list.length - 1; index >= 0; index--) pending.push(list[index]!);
    }
    const offsets = ordered.flatMap(([, entry]) => [entry.keyOffset, entry.valueOffset]);
    const positions = positionsOf(
      this.text,
      this.start,
      offsets.map((offset) => Math.max(offset, this.start)),
    );
    const result = new Map<string, { key?: JsonSourcePosition; value: JsonSourcePosition }>();
    ordered.forEach(([pointer, entry], index) => {
      result.set(pointer, {
        ...(entry.keyOffset >= 0 ? { key: positions[2 * index]! } : {}),
        value: positions[2 * index + 1]!,
      });
    });
    return result;
  }

  /** The node of `pointer` when the document has it. */
  private exact(pointer: string): PathNode | undefined {
    const root = pathNode(undefined, '');
    const node = nodeOfPointer(root, pointer);
    scanPaths(this.text, this.start, root);
    return isFound(node) ? node : undefined;
  }
}

/** Fills in the offsets of the nodes of the tree `root` that the document has. */
function scanPaths(text: string, start: number, root: PathNode): void {
  let visits = 0;
  walkJson<PathNode>(text, start, (parent, index, keyStart, keyEnd, valueOffset) => {
    let node: PathNode | undefined;
    if (parent === undefined) node = root;
    else if (index >= 0) node = numberedChild(parent, index);
    else node = memberChild(parent, text, keyStart, keyEnd);
    if (node === undefined) return undefined;
    node.keyOffset = keyStart;
    node.valueOffset = valueOffset;
    node.visit = ++visits;
    node.parentVisit = parent === undefined ? 0 : parent.visit;
    // A node without children needs only its own offsets: its value is skipped whole.
    return hasChildren(node) ? node : undefined;
  });
}

/**
 * Walks valid JSON text. `enter` is called for the root and for each member or element of a container
 * it returned a handle for, with the element's index (-1 for a member or the root), where the
 * member's key starts and ends (with its quotes; -1 for an element or the root), where the value
 * starts, and `{`, `[` or undefined for a scalar. A container it returns undefined for is skipped
 * whole. Iterative: the stack holds only the containers being entered.
 */
function walkJson<Handle>(
  text: string,
  start: number,
  enter: (
    parent: Handle | undefined,
    index: number,
    keyStart: number,
    keyEnd: number,
    valueOffset: number,
    container: '{' | '[' | undefined,
  ) => Handle | undefined,
): void {
  const length = text.length;
  let offset = skipBlank(text, start);
  const containerAt = (at: number): '{' | '[' | undefined => {
    const code = text.charCodeAt(at);
    return code === 0x7b ? '{' : code === 0x5b ? '[' : undefined;
  };
  const frames: { handle: Handle; isObject: boolean; index: number }[] = [];
  const rootContainer = containerAt(offset);
  const rootHandle = enter(undefined, -1, -1, -1, offset, rootContainer);
  if (rootContainer === undefined || rootHandle === undefined) return;
  frames.push({ handle: rootHandle, isObject: rootContainer === '{', index: 0 });
  offset++;
  while (frames.length > 0 && offset < length) {
    const frame = frames[frames.length - 1]!;
    offset = skipBlank(text, offset);
    let code = text.charCodeAt(offset);
    if (code === 0x2c /* , */) {
      offset = skipBlank(text, offset + 1);
      code = text.charCodeAt(offset);
    }
    if (code === 0x7d /* } */ || code === 0x5d /* ] */) {
      offset++;
      frames.pop();
      continue;
    }
    let index = -1;
    let keyStart = -1;
    let keyEnd = -1;
    if (frame.isObject) {
      keyStart = offset;
      keyEnd = skipString(text, offset);
      offset = skipBlank(text, keyEnd);
      offset = skipBlank(text, offset + 1); // the colon
    } else index = frame.index++;
    const container = containerAt(offset);
    const handle = enter(frame.handle, index, keyStart, keyEnd, offset, container);
    if (container !== undefined && handle !== undefined) {
      frames.push({ handle, isObject: container === '{', index: 0 });
      offset++;
    } else offset = skipValue(text, offset);
  }
}

function skipBlank(text: string, offset: number): number {
  let at = offset;
  for (;;) {
    const code = text.charCodeAt(at);
    if (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09) at++;
    else return at;
  }
}

/** The offset after the string that starts (with its quote) at `offset`. */
function skipString(text: string, offset: number): number {
  let at = offset + 1;
  for (;;) {
    const quote = text.indexOf('"', at);
    if (quote < 0) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    at = quote + 1;
  }
}

/** The offset after the value (scalar or container) that starts at `offset`. */
function skipValue(text: string, offset: number): number {
  const first = text.charCodeAt(offset);
  if (first === 0x22) return skipString(text, offset);
  if (first !== 0x7b && first !== 0x5b) {
    let at = offset + 1;
    for (;;) {
      const code = text.charCodeAt(at);
      if (Number.isNaN(code) || code === 0x2c || code === 0x7d || code === 0x5d) return at;
      if (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09) return at;
      at++;
    }
  }
  let depth = 0;
  let at = offset;
  const length = text.length;
  while (at < length) {
    const code = text.charCodeAt(at);
    if (code === 0x22) {
      at = skipString(text, at);
      continue;
    }
    if (code === 0x7b || code === 0x5b) depth++;
    else if (code === 0x7d || code === 0x5d) {
      depth--;
      if (depth === 0) return at + 1;
    }
    at++;
  }
  return at;
}

/**
 * Line and column of each offset (in any order), with one pass over the line breaks up to the largest:
 * O(largest offset + k log k) for k offsets. Lines start after each LF; the first line starts at
 * `start` (after a byte order mark); a column counts UTF-16 code units.
 */
export function positionsOf(text: string, start: number, offsets: readonly number[]): JsonSourcePosition[] {
  const order = offsets.map((_, index) => index).sort((a, b) => offsets[a]! - offsets[b]!);
  const result = new Array<JsonSourcePosition>(offsets.length);
  let line = 1;
  let lineStart = start;
  let next = text.indexOf('\n', start);
  for (let rank = 0; rank < order.length; rank++) {
    const index = order[rank]!;
    const offset = offsets[index]!;
    while (next >= 0 && next < offset) {
      line++;
      lineStart = next + 1;
      next = text.indexOf('\n', lineStart);
    }
    result[index] = { line, column: offset - lineStart + 1, offset };
  }
  return result;
}

function escapeToken(token: string): string {
  if (!token.includes('~') && !token.includes('/')) return token;
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Builds a JSON pointer from its tokens: `['stages', 2, 'gate']` → `/stages/2/gate`. */
export function jsonPointer(tokens: readonly (string | number)[]): string {
  return tokens.map((token) => `/${escapeToken(String(token))}`).join('');
}

/** Options of {@link parseJsonWithPositions}. */
export interface JsonParseOptions {
  /**
   * Refuse arrays and objects nested deeper than this, checked by a constant-memory scan before
   * anything is parsed (a file of ten million `[` costs that scan, not gigabytes). The refusal is a
   * syntax failure at the bracket that goes too deep, unless a real syntax error comes before it.
   */
  maxDepth?: number;
}

/**
 * Parses JSON text; positions are found on demand (see {@link JsonPositionMap}).
 *
 * Never throws on bad input: a syntax error comes back as `{ ok: false, error }` with the line and
 * column of the offending character and what is wrong there. Cost: `JSON.parse`'s, O(n); a syntax
 * error adds one more linear scan that keeps only the stack of open brackets.
 *
 * @example
 * const result = parseJsonWithPositions('{\n  "a": [1, 2]\n}');
 * result.ok && result.positions.key('/a') // => { line: 2, column: 3, offset: 4 }
 * result.ok && result.positions.value('/a/1') // => { line: 2, column: 12, offset: 13 }
 * parseJsonWithPositions('[[[1]]]', { maxDepth: 2 }) // => { ok: false, error: { line: 1, column: 3, … } }
 */
export function parseJsonWithPositions(text: string, options: JsonParseOptions = {}): JsonParseResult {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (options.maxDepth !== undefined) {
    const excess = findJsonDepthExcess(text, options.maxDepth);
    if (excess) {
      // A syntax error before the bracket comes first, as a parser reading along would see it. The
      // text up to that bracket nests at most maxDepth deep, so checking it is cheap.
      const earlier = findJsonSyntaxError(text.slice(0, excess.offset), start);
      if (earlier && earlier.offset < excess.offset) return { ok: false, error: earlier };
      const [position] = positionsOf(text, start, [excess.offset]);
      return {
        ok: false,
        error: {
          message: `more than ${options.maxDepth} levels of nested arrays and objects (the most this tool reads)`,
          ...position!,
        },
      };
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(start === 0 ? text : text.slice(start));
  } catch (error) {
    const failure = findJsonSyntaxError(text, start);
    if (failure) return { ok: false, error: failure };
    // JSON.parse and the checker disagree (they should not): trust JSON.parse, say where it stopped.
    const [position] = positionsOf(text, start, [start]);
    return { ok: false, error: { message: (error as Error).message, ...position! } };
  }
  return { ok: true, value, positions: new JsonPositionMap(text, start) };
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON strings cannot hold raw control characters.
const PLAIN_STRING_RUN = /[^"\\\u0000-\u001f]*/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

class SyntaxFailure extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** How a character is shown in a message: `'}'`, `U+000A`, `end of file`. */
function describeChar(text: string, offset: number): string {
  if (offset >= text.length) return 'the end of the file';
  const code = text.codePointAt(offset)!;
  if (code < 0x20 || code === 0x7f || code === 0xfeff)
    return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const char = String.fromCodePoint(code);
  return char === "'" ? `"'"` : `'${char}'`;
}

/**
 * The first syntax error of a JSON text, or undefined when there is none: a strict RFC 8259
 * recogniser that builds no value (it keeps one small frame per open bracket), so explaining a broken
 * 200 MB file costs a scan, not a parse. Same acceptance as `JSON.parse` (after a byte order mark).
 */
function findJsonSyntaxError(text: string, start: number): JsonParseFailure | undefined {
  const length = text.length;
  let offset = start;

  const skipWhitespace = (): void => {
    while (offset < length) {
      const code = text.charCodeAt(offset);
      if (code === 0x20 || code === 0x09 || code === 0x0d || code === 0x0a) offset++;
      else break;
    }
  };

  /** Reads the string at `offset` (its opening quote); returns it only when `keep` (member names). */
  const readString = (keep: boolean): string => {
    const opening = offset;
    offset++;
    let result = '';
    for (;;) {
      PLAIN_STRING_RUN.lastIndex = offset;
      PLAIN_STRING_RUN.test(text);
      const runEnd = PLAIN_STRING_RUN.lastIndex;
      if (runEnd > offset) {
        if (keep) result += text.slice(offset, runEnd);
        offset = runEnd;
      }
      if (offset >= length) throw new SyntaxFailure('unterminated string (missing closing quote)', opening);
      const code = text.charCodeAt(offset);
      if (code === 0x22) {
        offset++;
        return result;
      }
      if (code === 0x5c) {
        const escaped = text[offset + 1];
        if (escaped === undefined)
          throw new SyntaxFailure('unterminated string (missing closing quote)', opening);
        if (escaped === 'u') {
          const hex = text.slice(offset + 2, offset + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex))
            throw new SyntaxFailure('invalid \\u escape in a string: expected four hex digits', offset);
          if (keep) result += String.fromCharCode(Number.parseInt(hex, 16));
          offset += 6;
        } else {
          if (!ESCAPES.has(escaped))
            throw new SyntaxFailure(`invalid escape '\\${escaped}' in a string`, offset);
          if (keep) result += JSON.parse(`"\\${escaped}"`) as string;
          offset += 2;
        }
        continue;
      }
      // A raw control character.
      if (code === 0x0a)
        throw new SyntaxFailure('unterminated string (a string cannot span lines; write \\n)', opening);
      throw new SyntaxFailure(
        `control character ${describeChar(text, offset)} in a string must be escaped`,
        offset,
      );
    }
  };

  /** Reads the value at `offset`: a scalar, or the opening bracket of a container (returned). */
  const readValue = (): '{' | '[' | undefined => {
    const code = text.charCodeAt(offset);
    if (code === 0x7b || code === 0x5b) {
      offset++;
      return code === 0x7b ? '{' : '[';
    }
    if (code === 0x22) {
      readString(false);
      return undefined;
    }
    if (code === 0x74 && text.startsWith('true', offset)) {
      offset += 4;
      return undefined;
    }
    if (code === 0x66 && text.startsWith('false', offset)) {
      offset += 5;
      return undefined;
    }
    if (code === 0x6e && text.startsWith('null', offset)) {
      offset += 4;
      return undefined;
    }
    if (code === 0x2d || (code >= 0x30 && code <= 0x39)) {
      NUMBER.lastIndex = offset;
      const match = NUMBER.exec(text);
      if (match) {
        const end = offset + match[0].length;
        const next = text.charCodeAt(end);
        // `01`, `1.`, `1e`, `-`: the number regex stops early on a digit, a dot or an exponent.
        if (!(next >= 0x30 && next <= 0x39) && next !== 0x2e && next !== 0x65 && next !== 0x45) {
          offset = end;
          return undefined;
        }
      }
      let end = offset + 1;
      while (end < length && /[0-9.eE+-]/.test(text[end]!)) end++;
      throw new SyntaxFailure(`invalid number '${text.slice(offset, end)}'`, offset);
    }
    if (offset >= length) throw new SyntaxFailure('unexpected end of the file: expected a value', offset);
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(offset, offset + 32));
    if (word)
      throw new SyntaxFailure(
        `unexpected '${word[0]}': expected a value (strings need double quotes; literals are true, false and null)`,
        offset,
      );
    throw new SyntaxFailure(`unexpected ${describeChar(text, offset)}: expected a value`, offset);
  };

  try {
    skipWhitespace();
    if (offset >= length) throw new SyntaxFailure('the file is empty: expected a JSON value', offset);
    // One entry per open container: 1 for an object, 0 for an array; `state` is that of the innermost.
    const open: number[] = [];
    /** 0: just opened, 1: after a value (expects `,` or the closing bracket), 2: after a comma. */
    const states: (0 | 1 | 2)[] = [];
    const root = readValue();
    if (root) {
      open.push(root === '{' ? 1 : 0);
      states.push(0);
    }
    while (open.length > 0) {
      skipWhitespace();
      const code = text.charCodeAt(offset);
      const isObject = open[open.length - 1] === 1;
      const state = states[states.length - 1]!;
      const closing = isObject ? 0x7d : 0x5d;
      const closingChar = isObject ? '}' : ']';
      if (state === 1) {
        if (code === closing) {
          offset++;
          open.pop();
          states.pop();
          continue;
        }
        if (code === 0x2c) {
          offset++;
          states[states.length - 1] = 2;
          continue;
        }
        if (offset >= length)
          throw new SyntaxFailure(
            `unexpected end of the file: missing '${closingChar}' (or a ',' before the next ${isObject ? 'member' : 'element'})`,
            offset,
          );
        throw new SyntaxFailure(
          `unexpected ${describeChar(text, offset)}: expected ',' or '${closingChar}' after ${isObject ? 'an object member' : 'an array element'}`,
          offset,
        );
      }
      if (code === closing) {
        if (state === 2) throw new SyntaxFailure(`trailing comma before '${closingChar}'`, offset);
        offset++;
        open.pop();
        states.pop();
        continue;
      }
      if (isObject) {
        if (code !== 0x22) {
          if (offset >= length) throw new SyntaxFailure(`unexpected end of the file: missing '}'`, offset);
          throw new SyntaxFailure(
            `unexpected ${describeChar(text, offset)}: expected a member name in double quotes${state === 0 ? " or '}'" : ''}`,
            offset,
          );
        }
        const key = readString(true);
        skipWhitespace();
        if (text.charCodeAt(offset) !== 0x3a)
          throw new SyntaxFailure(
            `unexpected ${describeChar(text, offset)}: expected ':' after the member name "${key}"`,
            offset,
          );
        offset++;
        skipWhitespace();
      }
      const child = readValue();
      states[states.length - 1] = 1;
      if (child) {
        open.push(child === '{' ? 1 : 0);
        states.push(0);
      }
    }
    skipWhitespace();
    if (offset < length)
      throw new SyntaxFailure(
        `unexpected ${describeChar(text, offset)} after the end of the JSON value (only one value is allowed)`,
        offset,
      );
    return undefined;
  } catch (error) {
    if (!(error instanceof SyntaxFailure)) throw error;
    const [position] = positionsOf(text, start, [Math.min(error.offset, length)]);
    return { message: error.message, ...position!, offset: error.offset };
  }
}
