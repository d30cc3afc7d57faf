/**
 * A JSON parser that also says where every key and value starts, so that an issue found in the parsed
 * value can point at a line and a column of the file.
 *
 * It accepts exactly what `JSON.parse` accepts (RFC 8259), plus a leading UTF-8 byte order mark, and
 * returns the same value. It is iterative (an explicit stack, no recursion), so a deeply nested document
 * cannot overflow the call stack, and it runs in linear time: a 50 MB file takes well under a second or
 * two. Positions are kept as offsets in a tree beside the value and turned into line and column only
 * when asked for. Lines and columns are 1-based; a column counts UTF-16 code units, as SARIF's default
 * `columnKind` and most editors do, and the byte order mark is not counted.
 */

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

/** Children of a container node: object member name → node, or array index → node. */
type NodeChildren = Map<string, number> | number[];

/**
 * Where each key and value of a parsed document starts, looked up by JSON pointer (RFC 6901:
 * `/stages/2/gate/threshold`, `""` for the root).
 */
export class JsonPositionMap {
  /** @internal */
  constructor(
    private readonly lineStarts: readonly number[],
    private readonly valueOffsets: readonly number[],
    private readonly keyOffsets: readonly number[],
    private readonly children: readonly (NodeChildren | undefined)[],
  ) {}

  /** Line and column of an offset of the source text. O(log lines). */
  positionAt(offset: number): JsonSourcePosition {
    const starts = this.lineStarts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - starts[low]! + 1, offset };
  }

  /** Where the value at `pointer` starts, or undefined when the document has no such value. */
  value(pointer: string): JsonSourcePosition | undefined {
    const node = this.node(pointer);
    return node === undefined ? undefined : this.positionAt(this.valueOffsets[node]!);
  }

  /** Where the key of the object member at `pointer` starts; undefined for array elements and the root. */
  key(pointer: string): JsonSourcePosition | undefined {
    const node = this.node(pointer);
    if (node === undefined) return undefined;
    const offset = this.keyOffsets[node]!;
    return offset < 0 ? undefined : this.positionAt(offset);
  }

  /**
   * The position to report for `pointer`: the member's key for an object member, the value for an
   * array element or the root. When the document has no such value (a missing field), the position of
   * its nearest existing ancestor, whose pointer is returned too.
   */
  locate(pointer: string): { pointer: string; position: JsonSourcePosition } {
    const tokens = splitPointer(pointer);
    let node = 0;
    let found = 0;
    for (const token of tokens) {
      const next = childOf(this.children[node], token);
      if (next === undefined) break;
      node = next;
      found++;
    }
    const keyOffset = this.keyOffsets[node]!;
    const offset = keyOffset >= 0 ? keyOffset : this.valueOffsets[node]!;
    return { pointer: jsonPointer(tokens.slice(0, found)), position: this.positionAt(offset) };
  }

  /** Every pointer of the document with the positions of its key (if any) and value, in document order. */
  entries(): Map<string, { key?: JsonSourcePosition; value: JsonSourcePosition }> {
    const result = new Map<string, { key?: JsonSourcePosition; value: JsonSourcePosition }>();
    const pending: [number, string][] = [[0, '']];
    while (pending.length > 0) {
      const [node, pointer] = pending.pop()!;
      const keyOffset = this.keyOffsets[node]!;
      result.set(pointer, {
        ...(keyOffset >= 0 ? { key: this.positionAt(keyOffset) } : {}),
        value: this.positionAt(this.valueOffsets[node]!),
      });
      const children = this.children[node];
      const list: [number, string][] = [];
      if (Array.isArray(children))
        children.forEach((child, index) => {
          list.push([child, `${pointer}/${index}`]);
        });
      else if (children)
        for (const [name, child] of children) list.push([child, `${pointer}/${escapeToken(name)}`]);
      for (let index = list.length - 1; index >= 0; index--) pending.push(list[index]!);
    }
    return result;
  }

  private node(pointer: string): number | undefined {
    let node = 0;
    for (const token of splitPointer(pointer)) {
      const next = childOf(this.children[node], token);
      if (next === undefined) return undefined;
      node = next;
    }
    return node;
  }
}

function childOf(children: NodeChildren | undefined, token: string): number | undefined {
  if (children === undefined) return undefined;
  if (Array.isArray(children)) return /^(0|[1-9]\d*)$/.test(token) ? children[Number(token)] : undefined;
  return children.get(token);
}

function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function splitPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(pointer.startsWith('/') ? 1 : 0)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Builds a JSON pointer from its tokens: `['stages', 2, 'gate']` → `/stages/2/gate`. */
export function jsonPointer(tokens: readonly (string | number)[]): string {
  return tokens.map((token) => `/${escapeToken(String(token))}`).join('');
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON strings cannot hold raw control characters.
const PLAIN_STRING_RUN = /[^"\\\u0000-\u001f]*/y;
const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

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

interface Frame {
  node: number;
  container: Record<string, unknown> | unknown[];
  children: NodeChildren;
  /** 0: just opened, 1: after a value (expects `,` or the closing bracket), 2: after a comma. */
  state: 0 | 1 | 2;
}

/**
 * Parses JSON text and records where each key and value starts.
 *
 * Never throws on bad input: a syntax error comes back as `{ ok: false, error }` with the line and
 * column of the offending character. Cost: O(n) time; memory about a few numbers per value on top of
 * the value itself.
 *
 * @example
 * const result = parseJsonWithPositions('{\n  "a": [1, 2]\n}');
 * result.ok && result.positions.key('/a') // => { line: 2, column: 3, offset: 4 }
 * result.ok && result.positions.value('/a/1') // => { line: 2, column: 12, offset: 13 }
 */
export function parseJsonWithPositions(text: string): JsonParseResult {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const lineStarts: number[] = [start];
  const valueOffsets: number[] = [];
  const keyOffsets: number[] = [];
  const children: (NodeChildren | undefined)[] = [];
  const length = text.length;
  let offset = start;

  const skipWhitespace = (): void => {
    while (offset < length) {
      const code = text.charCodeAt(offset);
      if (code === 0x20 || code === 0x09 || code === 0x0d) offset++;
      else if (code === 0x0a) {
        offset++;
        lineStarts.push(offset);
      } else break;
    }
  };

  const readString = (): string => {
    // text[offset] is the opening quote.
    const opening = offset;
    offset++;
    let result = '';
    for (;;) {
      PLAIN_STRING_RUN.lastIndex = offset;
      PLAIN_STRING_RUN.test(text);
      const runEnd = PLAIN_STRING_RUN.lastIndex;
      if (runEnd > offset) {
        result += text.slice(offset, runEnd);
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
          result += String.fromCharCode(Number.parseInt(hex, 16));
          offset += 6;
        } else {
          const replacement = ESCAPES[escaped];
          if (replacement === undefined)
            throw new SyntaxFailure(`invalid escape '\\${escaped}' in a string`, offset);
          result += replacement;
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

  const newNode = (valueOffset: number, keyOffset: number): number => {
    valueOffsets.push(valueOffset);
    keyOffsets.push(keyOffset);
    children.push(undefined);
    return valueOffsets.length - 1;
  };

  /** The frame `readValue` opened, when the value it read is an object or an array. */
  let opened: Frame | undefined;

  /** Reads the value at `offset`: a scalar, or a new empty container whose frame it puts in `opened`. */
  const readValue = (node: number): unknown => {
    opened = undefined;
    const code = text.charCodeAt(offset);
    if (code === 0x7b /* { */ || code === 0x5b /* [ */) {
      offset++;
      const isObject = code === 0x7b;
      const nodeChildren: NodeChildren = isObject ? new Map() : [];
      children[node] = nodeChildren;
      opened = { node, container: isObject ? {} : [], children: nodeChildren, state: 0 };
      return opened.container;
    }
    if (code === 0x22) return readString();
    if (code === 0x74 && text.startsWith('true', offset)) {
      offset += 4;
      return true;
    }
    if (code === 0x66 && text.startsWith('false', offset)) {
      offset += 5;
      return false;
    }
    if (code === 0x6e && text.startsWith('null', offset)) {
      offset += 4;
      return null;
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
          return Number(match[0]);
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
    const stack: Frame[] = [];
    const root = readValue(newNode(offset, -1));
    if (opened) stack.push(opened);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      skipWhitespace();
      const code = text.charCodeAt(offset);
      const isObject = !Array.isArray(frame.container);
      const closing = isObject ? 0x7d : 0x5d;
      const closingChar = isObject ? '}' : ']';
      if (frame.state === 1) {
        if (code === closing) {
          offset++;
          stack.pop();
          continue;
        }
        if (code === 0x2c) {
          offset++;
          frame.state = 2;
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
        if (frame.state === 2) throw new SyntaxFailure(`trailing comma before '${closingChar}'`, offset);
        offset++;
        stack.pop();
        continue;
      }
      let keyOffset = -1;
      let key = '';
      if (isObject) {
        if (code !== 0x22) {
          if (offset >= length) throw new SyntaxFailure(`unexpected end of the file: missing '}'`, offset);
          throw new SyntaxFailure(
            `unexpected ${describeChar(text, offset)}: expected a member name in double quotes${frame.state === 0 ? " or '}'" : ''}`,
            offset,
          );
        }
        keyOffset = offset;
        key = readString();
        skipWhitespace();
        if (text.charCodeAt(offset) !== 0x3a)
          throw new SyntaxFailure(
            `unexpected ${describeChar(text, offset)}: expected ':' after the member name "${key}"`,
            offset,
          );
        offset++;
        skipWhitespace();
      }
      const node = newNode(offset, keyOffset);
      const value = readValue(node);
      const child = opened;
      if (isObject) {
        const container = frame.container as Record<string, unknown>;
        if (key === '__proto__')
          Object.defineProperty(container, key, {
            value,
            enumerable: true,
            writable: true,
            configurable: true,
          });
        else container[key] = value;
        (frame.children as Map<string, number>).set(key, node);
      } else {
        (frame.container as unknown[]).push(value);
        (frame.children as number[]).push(node);
      }
      frame.state = 1;
      if (child) stack.push(child);
    }
    skipWhitespace();
    if (offset < length)
      throw new SyntaxFailure(
        `unexpected ${describeChar(text, offset)} after the end of the JSON value (only one value is allowed)`,
        offset,
      );
    return {
      ok: true,
      value: root,
      positions: new JsonPositionMap(lineStarts, valueOffsets, keyOffsets, children),
    };
  } catch (error) {
    if (!(error instanceof SyntaxFailure)) throw error;
    // Lines after the failure were not scanned: count them up to the offset.
    const map = new JsonPositionMap(lineStarts, [], [], []);
    let position = map.positionAt(Math.min(error.offset, length));
    const lastStart = lineStarts[lineStarts.length - 1]!;
    if (error.offset > lastStart) {
      let line = lineStarts.length;
      let lineStart = lastStart;
      for (let index = lastStart; index < error.offset; index++)
        if (text.charCodeAt(index) === 0x0a) {
          line++;
          lineStart = index + 1;
        }
      position = { line, column: error.offset - lineStart + 1, offset: error.offset };
    }
    return { ok: false, error: { message: error.message, ...position } };
  }
}
