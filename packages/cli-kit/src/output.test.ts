import { describe, expect, it } from 'vitest';
import { BufferStream, createContext } from './context.js';
import { writeJson } from './output.js';

describe('writeJson', () => {
  it('writes exact JSON, with bidi, C1 and line-separator characters as \\u escapes', () => {
    const stdout = new BufferStream();
    const value = { name: 'a\u202eb\u2028c\u009bd', control: '\u001b]0;x\u0007', plain: 'café 日本' };
    writeJson(createContext({ stdout, env: {} }), value);
    expect(JSON.parse(stdout.text)).toEqual(value);
    expect(stdout.text).toBe(
      '{\n  "name": "a\\u202eb\\u2028c\\u009bd",\n  "control": "\\u001b]0;x\\u0007",\n  "plain": "café 日本"\n}\n',
    );
  });
});
