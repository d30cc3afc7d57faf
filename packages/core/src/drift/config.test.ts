import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { parseDriftConfig, readDriftConfig } from './config.js';

describe('parseDriftConfig: column names are data', () => {
  it('keeps columns called __proto__, constructor and toString as columns, in a Map', () => {
    // Written out: JSON.stringify of a literal with __proto__ would set a prototype, not a key.
    const config = parseDriftConfig(
      `{ "method": "psi", "columns": { "__proto__": { "ignore": true },
         "constructor": { "method": "ks", "threshold": 0.01 }, "toString": { "kind": "categorical" } },
         "ignore": ["hasOwnProperty"] }`,
      'drift.json',
    );
    expect(config.columns).toBeInstanceOf(Map);
    expect([...config.columns!]).toEqual([
      ['__proto__', { ignore: true }],
      ['constructor', { method: 'ks', threshold: 0.01 }],
      ['toString', { kind: 'categorical' }],
    ]);
    expect(config).toMatchObject({ method: 'psi', ignore: ['hasOwnProperty'] });
    // Nothing leaked into a prototype.
    expect(Object.getPrototypeOf(config)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).ignore).toBeUndefined();
  });

  it('locates a bad value under a __proto__ column', () => {
    const text = '{\n  "columns": {\n    "__proto__": { "method": "nope" }\n  }\n}\n';
    expect(() => parseDriftConfig(text, 'drift.json')).toThrow(
      expect.objectContaining({
        message: expect.stringMatching(
          /^columns\.__proto__\.method: Invalid option: expected one of "legacy"/,
        ),
        line: 3,
        column: 20,
      }),
    );
  });

  it.each([
    [
      '{ "__proto__": { "method": "ks" } }',
      '__proto__: unknown key (expected one of method, threshold, tests, combine, correction, drift_share, ignore, columns)',
      3,
    ],
    [
      '{ "columns": { "a": { "constructor": 1 } } }',
      'columns.a.constructor: unknown key (expected one of method, threshold, tests, combine, kind, ignore)',
      23,
    ],
    ['{ "columns": [] }', 'columns: Invalid input: expected record, received array', 3],
  ])('refuses %s', (text, message, column) => {
    expect(() => parseDriftConfig(text, 'c.json')).toThrow(
      expect.objectContaining({ message, line: 1, column }),
    );
  });

  it('refuses nesting deeper than 1000 before parsing: ten million [ take a scan, not the heap', () => {
    const text = '['.repeat(10_000_000);
    let error: unknown;
    try {
      parseDriftConfig(text, 'deep.json');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({
      message: 'nested deeper than 1000 levels',
      file: 'deep.json',
      line: 1,
      column: 1001,
    });
  });

  it('reads at most 16 MB, from a device too', () => {
    expect(() => readDriftConfig('/dev/zero', 'zero.json')).toThrow(
      expect.objectContaining({
        message: 'config file is larger than the 16 MB this tool reads',
        file: 'zero.json',
      }),
    );
    expect(() => readDriftConfig('/nonexistent/drift.json', 'drift.json')).toThrow(
      expect.objectContaining({ message: 'config file not found', file: 'drift.json' }),
    );
  });
});
