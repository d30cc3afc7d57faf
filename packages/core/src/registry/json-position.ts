/** Where a JSON text stops being valid JSON, and why. Lines and columns are 1-based. */
export interface JsonSyntaxProblem {
  offset: number;
  line: number;
  column: number;
  message: string;
}

class Stop extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Finds the first syntax error of a JSON text (RFC 8259), with its line and column, or `undefined`
 * when the text is valid JSON. `JSON.parse` says what is wrong but, in Node 20, not always where;
 * this scanner is only run after `JSON.parse` has failed, so its speed does not matter.
 *
 * Cost: O(n) in the length of the text; recursion depth is the nesting depth.
 *
 * @example locateJsonSyntaxError('[1,\n}') // => { offset: 4, line: 2, column: 1, message: 'unexpected "}"' }
 */
export function locateJsonSyntaxError(text: string): JsonSyntaxProblem | undefined {
  let position = 0;
  const describe = () => {
    if (position >= text.length) return 'unexpected end of file';
    const char = text[position]!;
    return `unexpected ${char === '"' ? `'"'` : JSON.stringify(char)}`;
  };
  const skipSpace = () => {
    while (position < text.length && ' \t\n\r'.includes(text[position]!)) position++;
  };
  const expect = (char: string, what: string) => {
    skipSpace();
    if (text[position] !== char) throw new Stop(position, `${describe()}, expected ${what}`);
    position++;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, position)) position += word.length;
    else throw new Stop(position, describe());
  };
  const string = () => {
    position++; // opening quote
    for (;;) {
      if (position >= text.length) throw new Stop(position, 'unterminated string');
      const char = text[position]!;
      if (char === '"') {
        position++;
        return;
      }
      if (char < ' ') throw new Stop(position, 'control character in a string (escape it)');
      if (char === '\\') {
        const next = text[position + 1];
        if (next !== undefined && '"\\/bfnrt'.includes(next)) position += 2;
        else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(position + 2, position + 6)))
          position += 6;
        else throw new Stop(position, 'invalid escape in a string');
      } else position++;
    }
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(position, position + 400));
    if (!match || match[0] === '-' || match[0] === '') throw new Stop(position, describe());
    position += match[0].length;
  };
  const value = (): void => {
    skipSpace();
    const char = text[position];
    if (char === '{') {
      position++;
      skipSpace();
      if (text[position] === '}') {
        position++;
        return;
      }
      for (;;) {
        skipSpace();
        if (text[position] !== '"')
          throw new Stop(position, `${describe()}, expected a property name in quotes`);
        string();
        expect(':', '":"');
        value();
        skipSpace();
        if (text[position] === ',') {
          position++;
          continue;
        }
        expect('}', '"," or "}"');
        return;
      }
    }
    if (char === '[') {
      position++;
      skipSpace();
      if (text[position] === ']') {
        position++;
        return;
      }
      for (;;) {
        value();
        skipSpace();
        if (text[position] === ',') {
          position++;
          continue;
        }
        expect(']', '"," or "]"');
        return;
      }
    }
    if (char === '"') {
      string();
      return;
    }
    if (char === 't') {
      literal('true');
      return;
    }
    if (char === 'f') {
      literal('false');
      return;
    }
    if (char === 'n') {
      literal('null');
      return;
    }
    if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) {
      number();
      return;
    }
    throw new Stop(
      position,
      position >= text.length ? 'unexpected end of file' : `${describe()}, expected a value`,
    );
  };
  try {
    value();
    skipSpace();
    if (position < text.length) throw new Stop(position, `${describe()} after the end of the JSON value`);
    return undefined;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    return { offset: error.offset, ...lineAndColumn(text, error.offset), message: error.message };
  }
}

/** The 1-based line and column of a character offset (columns count UTF-16 code units). */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (
    let index = text.indexOf('\n');
    index !== -1 && index < offset;
    index = text.indexOf('\n', index + 1)
  ) {
    line++;
    lineStart = index + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
