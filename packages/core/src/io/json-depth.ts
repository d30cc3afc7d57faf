/** The deepest nesting of arrays and objects any JSON input of this toolkit may have. */
export const MAX_JSON_DEPTH = 1000;

/** Where a JSON text first nests deeper than allowed. */
export interface JsonDepthExcess {
  /** 0-based offset of the bracket that went too deep. */
  offset: number;
  /** 1-based line and column (UTF-16 code units) of that bracket. */
  line: number;
  column: number;
  /** The limit that was passed. */
  maxDepth: number;
}

/**
 * Finds the first `[` or `{` that nests deeper than `maxDepth`, without parsing: one pass over the
 * text with a counter and a string flag, constant extra memory. Run it before `JSON.parse` or any
 * parser that keeps a stack, so that a file of ten million `[` costs a scan, not gigabytes.
 * Brackets inside strings do not count; the text need not be valid JSON (the parser judges that).
 *
 * The pass jumps over each string with `indexOf` (native) and does not track lines; the line and
 * column are worked out only when an excess is found.
 *
 * O(n) time, O(1) memory.
 *
 * @example findJsonDepthExcess('[[[1]]]', 2) // => { offset: 2, line: 1, column: 3, maxDepth: 2 }
 * @example findJsonDepthExcess('{"a": "[[["}', 1) // => undefined
 */
export function findJsonDepthExcess(text: string, maxDepth = MAX_JSON_DEPTH): JsonDepthExcess | undefined {
  let depth = 0;
  const length = text.length;
  for (let index = 0; index < length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x22 /* " */) {
      // To the closing quote: the next one not escaped (preceded by an even run of backslashes).
      for (;;) {
        const quote = text.indexOf('"', index + 1);
        if (quote === -1) return undefined; // an unterminated string: nothing after it counts
        let before = quote - 1;
        while (text.charCodeAt(before) === 0x5c /* \ */) before--;
        index = quote;
        if ((quote - 1 - before) % 2 === 0) break;
      }
    } else if (code === 0x5b /* [ */ || code === 0x7b /* { */) {
      depth++;
      if (depth > maxDepth) return { offset: index, ...lineAndColumn(text, index), maxDepth };
    } else if ((code === 0x5d /* ] */ || code === 0x7d) /* } */ && depth > 0) {
      depth--;
    }
  }
  return undefined;
}

/**
 * The 1-based line and column of `offset`. A line feed starts a line, except one escaped inside a
 * string (a backslash then a raw line feed, invalid JSON but possible input).
 */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let inString = false;
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset; index++) {
    const code = text.charCodeAt(index);
    if (inString && code === 0x5c) {
      index++;
      continue;
    }
    if (code === 0x22) inString = !inString;
    else if (code === 0x0a) {
      line++;
      lineStart = index + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
