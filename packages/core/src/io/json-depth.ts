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
 * O(n) time, O(1) memory.
 *
 * @example findJsonDepthExcess('[[[1]]]', 2) // => { offset: 2, line: 1, column: 3, maxDepth: 2 }
 * @example findJsonDepthExcess('{"a": "[[["}', 1) // => undefined
 */
export function findJsonDepthExcess(text: string, maxDepth = MAX_JSON_DEPTH): JsonDepthExcess | undefined {
  let depth = 0;
  let inString = false;
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c /* \ */) index++;
      else if (code === 0x22 /* " */) inString = false;
      else if (code === 0x0a) {
        line++;
        lineStart = index + 1;
      }
      continue;
    }
    switch (code) {
      case 0x22:
        inString = true;
        break;
      case 0x5b: /* [ */
      case 0x7b /* { */:
        depth++;
        if (depth > maxDepth) return { offset: index, line, column: index - lineStart + 1, maxDepth };
        break;
      case 0x5d: /* ] */
      case 0x7d /* } */:
        if (depth > 0) depth--;
        break;
      case 0x0a:
        line++;
        lineStart = index + 1;
        break;
    }
  }
  return undefined;
}
