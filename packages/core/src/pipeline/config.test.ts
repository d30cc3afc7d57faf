import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import {
  findPipelineConfig,
  PIPELINE_CONFIG_FILENAME,
  parsePipelineConfig,
  pipelineConfigLookup,
  readPipelineConfig,
} from './config.js';
import { validatePipelineText } from './validate.js';

function refusal(text: string): InputError {
  try {
    parsePipelineConfig(text, 'c.json');
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('parsePipelineConfig', () => {
  it('reads severities by rule id into an object without a prototype', () => {
    const config = parsePipelineConfig(
      '{"rules": {"NO_TIMEOUT": "off", "UNUSED_OUTPUT": "error"}}',
      'c.json',
    );
    expect(Object.getPrototypeOf(config.rules)).toBeNull();
    expect({ ...config.rules }).toEqual({ NO_TIMEOUT: 'off', UNUSED_OUTPUT: 'error' });
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    'refuses the rule id %s as unknown, at its key',
    (id) => {
      const error = refusal(`{\n  "rules": {\n    "${id}": "off"\n  }\n}`);
      expect(error.message).toBe(`invalid config file: unknown rule "${id}"`);
      expect(error).toMatchObject({ line: 3, column: 5 });
    },
  );

  it.each(['"fatal"', '{"NO_STAGES": "off"}'])(
    'refuses __proto__ whatever its value (%s), though zod alone drops that key without a word',
    (value) => {
      const error = refusal(`{"rules": {"__proto__": ${value}}}`);
      expect(error.message).toBe('invalid config file: unknown rule "__proto__"');
      expect(error).toMatchObject({ line: 1, column: 12 });
    },
  );

  it('refuses nesting deeper than 1000 levels as invalid JSON, with the position, without parsing it', () => {
    const error = refusal(`{"rules": ${'['.repeat(10_000_000)}`);
    expect(error.message).toBe(
      'config file is not valid JSON: more than 1000 levels of nested arrays and objects (the most this tool reads)',
    );
    expect(error).toMatchObject({ line: 1, column: 1010 });
  });
});

describe('severities given by a caller', () => {
  it('count only as own keys: an id inherited from a prototype is not a setting', () => {
    const text = JSON.stringify({ name: 'p', stages: [{ name: 'a', type: 'data', outputs: ['x'] }] });
    const inherited = Object.create({ NO_NOTIFICATIONS: 'off', MISSING_REQUIRED_STAGE: 'off' });
    const plain = validatePipelineText(text);
    expect(validatePipelineText(text, { rules: inherited })).toEqual(plain);
    expect(plain.issues.some((issue) => issue.rule === 'NO_NOTIFICATIONS')).toBe(true);
    const own = validatePipelineText(text, { rules: { NO_NOTIFICATIONS: 'off' } });
    expect(own.issues.some((issue) => issue.rule === 'NO_NOTIFICATIONS')).toBe(false);
  });
});

describe('findPipelineConfig', () => {
  // The temporary root is made a git work tree, so that no config above it (in /tmp) is found.
  const root = mkdtempSync(join(tmpdir(), 'mlops-find-config-'));
  mkdirSync(join(root, '.git'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('finds the config next to the pipeline file, as an absolute path', () => {
    const folder = join(root, 'with');
    mkdirSync(folder);
    writeFileSync(join(folder, PIPELINE_CONFIG_FILENAME), '{}');
    expect(findPipelineConfig(join(folder, 'train.json'))).toBe(join(folder, PIPELINE_CONFIG_FILENAME));
  });

  it('returns undefined when no folder up to the git root has one, or the path runs through a file', () => {
    const folder = join(root, 'without');
    mkdirSync(folder);
    writeFileSync(join(folder, 'file'), '');
    expect(findPipelineConfig(join(folder, 'train.json'))).toBeUndefined();
    expect(findPipelineConfig(join(folder, 'file', 'train.json'))).toBeUndefined();
    expect(findPipelineConfig(join(root, 'missing', 'train.json'))).toBeUndefined();
  });

  it('looks in the folders above, the nearest config winning', () => {
    const folder = join(root, 'nested', 'deeper', 'deepest');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(root, 'nested', PIPELINE_CONFIG_FILENAME), '{}');
    expect(findPipelineConfig(join(folder, 'train.json'))).toBe(
      join(root, 'nested', PIPELINE_CONFIG_FILENAME),
    );
    writeFileSync(join(root, 'nested', 'deeper', PIPELINE_CONFIG_FILENAME), '{}');
    expect(findPipelineConfig(join(folder, 'train.json'))).toBe(
      join(root, 'nested', 'deeper', PIPELINE_CONFIG_FILENAME),
    );
  });

  it('stops at the root of the git work tree, which it searches too', () => {
    const repo = join(root, 'outer', 'repo');
    mkdirSync(join(repo, 'ci'), { recursive: true });
    writeFileSync(join(root, 'outer', PIPELINE_CONFIG_FILENAME), '{}');
    writeFileSync(join(repo, '.git'), 'gitdir: /elsewhere\n'); // a linked worktree's .git file
    expect(findPipelineConfig(join(repo, 'ci', 'train.json'))).toBeUndefined();
    writeFileSync(join(repo, PIPELINE_CONFIG_FILENAME), '{}');
    expect(findPipelineConfig(join(repo, 'ci', 'train.json'))).toBe(join(repo, PIPELINE_CONFIG_FILENAME));
  });

  it('returns anything by that name, a folder included, for the reader to refuse', () => {
    const folder = join(root, 'odd');
    mkdirSync(join(folder, PIPELINE_CONFIG_FILENAME), { recursive: true });
    expect(findPipelineConfig(join(folder, 'train.json'))).toBe(join(folder, PIPELINE_CONFIG_FILENAME));
  });
});

describe('pipelineConfigLookup', () => {
  const root = mkdtempSync(join(tmpdir(), 'mlops-config-lookup-'));
  mkdirSync(join(root, '.git'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'a', 'b'), { recursive: true });
  writeFileSync(join(root, 'a', PIPELINE_CONFIG_FILENAME), '{"rules": {"NO_TIMEOUT": "off"}}');
  writeFileSync(join(root, 'explicit.json'), '{"rules": {"NO_NOTIFICATIONS": "error"}}');

  it('gives each pipeline file its nearest config, read once for all the files that share it', () => {
    const configs = pipelineConfigLookup({ cwd: root });
    const first = configs.configFor('a/b/p.json');
    expect(first?.rules).toEqual({ NO_TIMEOUT: 'off' });
    expect(configs.configFor('a/q.json')).toBe(first);
    expect(configs.configFor(join(root, 'a', 'b', 'r.json'))).toBe(first);
    expect(configs.configFor('p.json')).toBeUndefined();
  });

  it('names the file found without reading it: relative to the working folder, or absolute', () => {
    const configs = pipelineConfigLookup({ cwd: join(root, 'a', 'b') });
    expect(configs.fileFor('p.json')).toEqual({
      path: join(root, 'a', PIPELINE_CONFIG_FILENAME),
      name: join('..', PIPELINE_CONFIG_FILENAME),
    });
    expect(configs.fileFor(join(root, 'a', 'p.json'))?.name).toBe(join(root, 'a', PIPELINE_CONFIG_FILENAME));
    expect(configs.fileFor('../../p.json')).toBeUndefined();
  });

  it('uses the config given for every file, whatever is found (the flag wins)', () => {
    const configs = pipelineConfigLookup({ cwd: root, config: 'explicit.json' });
    expect(configs.fileFor('a/b/p.json')).toEqual({ path: 'explicit.json', name: 'explicit.json' });
    expect(configs.configFor('a/b/p.json')?.rules).toEqual({ NO_NOTIFICATIONS: 'error' });
    expect(configs.configFor('p.json')?.rules).toEqual({ NO_NOTIFICATIONS: 'error' });
  });

  it('refuses a config that cannot be read or is invalid, named as found', () => {
    expect(() => pipelineConfigLookup({ cwd: root, config: 'missing.json' }).configFor('p.json')).toThrow(
      expect.objectContaining({ file: 'missing.json', message: 'config file not found' }),
    );
    const broken = join(root, 'broken', 'deep');
    mkdirSync(broken, { recursive: true });
    writeFileSync(join(root, 'broken', PIPELINE_CONFIG_FILENAME), '{"rules": {"NOPE": "off"}}');
    const configs = pipelineConfigLookup({ cwd: join(root, 'a') });
    expect(() => configs.configFor('../broken/deep/p.json')).toThrow(
      expect.objectContaining({
        message: 'invalid config file: unknown rule "NOPE"',
        file: join('..', 'broken', PIPELINE_CONFIG_FILENAME),
      }),
    );
    expect(() => configs.configFor(join(broken, 'p.json'))).toThrow(
      expect.objectContaining({ file: join(root, 'broken', PIPELINE_CONFIG_FILENAME) }),
    );
  });
});

describe('readPipelineConfig', () => {
  const root = mkdtempSync(join(tmpdir(), 'mlops-read-config-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reads and checks a config file, naming it as shown', () => {
    const path = join(root, 'c.json');
    writeFileSync(path, '{"rules": {"NO_TIMEOUT": "off"}}');
    expect({ ...readPipelineConfig(path, 'shown.json').rules }).toEqual({ NO_TIMEOUT: 'off' });
    writeFileSync(path, '{"rules": {"NO_TIMEOUT": "loud"}}');
    expect(() => readPipelineConfig(path, 'shown.json')).toThrow(
      'invalid config file: /rules/NO_TIMEOUT: expected one of "off", "info", "warning", "error"',
    );
  });

  it('refuses a missing file and one over the byte limit as InputErrors', () => {
    const missing = (() => {
      try {
        readPipelineConfig(join(root, 'none.json'), 'none.json');
      } catch (error) {
        return error;
      }
    })();
    expect(missing).toBeInstanceOf(InputError);
    expect((missing as InputError).toLine()).toBe('none.json: config file not found (check the path)');
    const path = join(root, 'big.json');
    writeFileSync(path, '{"rules": {}}');
    expect(() => readPipelineConfig(path, 'big.json', 4)).toThrow('config file is larger than the 4 bytes');
  });
});
