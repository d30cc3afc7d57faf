import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { parseRegistryConfig } from './config-file.js';

/** The InputError a config text is refused with, as its one line (`file:line:column: message (hint)`). */
function refusal(text: string): string {
  try {
    parseRegistryConfig(text, 'conf/.mlops.json');
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).toLine();
  }
  throw new Error('expected an InputError');
}

const HINT = ' (see docs/model-registry.md, "Project config")';

describe('parseRegistryConfig', () => {
  it('reads directions, conditions with their places, and each model, into Maps', () => {
    const text = `{
  "$schema": "https://example.com/mlops.schema.json",
  "registry": {
    "metrics": { "false_positive_rate": "lower", "auc": "higher" },
    "promotion": {
      "production": { "require": ["auc>=0.9", "false_positive_rate <= 0.01"] },
      "staging": { "require": [] }
    },
    "models": {
      "recommender": {
        "metrics": { "coverage": "higher" },
        "promotion": { "production": { "require": ["ndcg>=0.45"] } }
      },
      "empty": {}
    }
  }
}`;
    const config = parseRegistryConfig(text, '.mlops.json');
    expect(config.file).toBe('.mlops.json');
    expect([...config.metrics]).toEqual([
      ['false_positive_rate', 'lower'],
      ['auc', 'higher'],
    ]);
    expect([...config.promotion.keys()]).toEqual(['staging', 'production']);
    expect(config.promotion.get('staging')).toEqual([]);
    expect(config.promotion.get('production')).toEqual([
      {
        metric: 'auc',
        operator: '>=',
        threshold: 0.9,
        text: 'auc>=0.9',
        origin: { file: '.mlops.json', line: 6, column: 35 },
      },
      {
        metric: 'false_positive_rate',
        operator: '<=',
        threshold: 0.01,
        text: 'false_positive_rate <= 0.01',
        origin: { file: '.mlops.json', line: 6, column: 47 },
      },
    ]);
    expect([...config.models.keys()]).toEqual(['recommender', 'empty']);
    const recommender = config.models.get('recommender')!;
    expect([...recommender.metrics]).toEqual([['coverage', 'higher']]);
    expect(recommender.promotion.get('production')).toEqual([
      {
        metric: 'ndcg',
        operator: '>=',
        threshold: 0.45,
        text: 'ndcg>=0.45',
        origin: { file: '.mlops.json', line: 12, column: 52 },
      },
    ]);
    expect(config.models.get('empty')).toEqual({ metrics: new Map(), promotion: new Map() });
  });

  it('reads an empty file object, and a BOM before it', () => {
    expect(parseRegistryConfig('\ufeff{}', 'c')).toEqual({
      file: 'c',
      metrics: new Map(),
      promotion: new Map(),
      models: new Map(),
    });
    expect(parseRegistryConfig('{"registry": {}}', 'c').models.size).toBe(0);
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    'reads %s as a metric and a model name',
    (name) => {
      const config = parseRegistryConfig(
        `{"registry": {"metrics": {"${name}": "lower"}, "models": {"${name}": {"metrics": {"${name}": "higher"}}}}}`,
        'c',
      );
      expect([...config.metrics]).toEqual([[name, 'lower']]);
      expect([...config.models.keys()]).toEqual([name]);
      expect([...config.models.get(name)!.metrics]).toEqual([[name, 'higher']]);
      expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    },
  );

  it.each([
    [
      '{"registry": {"metrics": {"auc": "up"}}}',
      '1:27: invalid config file: /registry/metrics/auc: expected "higher" or "lower", got "up"',
    ],
    [
      '{"registry": {"metrics": {"__proto__": 1}}}',
      '1:27: invalid config file: /registry/metrics/__proto__: expected "higher" or "lower", got 1',
    ],
    [
      '{\n  "registry": {\n    "promotion": {"production": {"require": ["auc>=0.9", "auc=0.9"]}}\n  }\n}',
      '3:58: invalid config file: /registry/promotion/production/require/1: expected METRIC>=NUMBER (or >, <=, <), e.g. "f1>=0.85", got "auc=0.9"',
    ],
    [
      '{"registry": {"promotion": {"production": {"require": ["auc>=0x1"]}}}}',
      '1:56: invalid config file: /registry/promotion/production/require/0: expected METRIC>=NUMBER (or >, <=, <), e.g. "f1>=0.85", got "auc>=0x1"',
    ],
    [
      '{"registry": {"promotion": {"prod": {"require": []}}}}',
      '1:29: invalid config file: /registry/promotion/prod: unknown key (expected "development", "staging", "production", "archived", "retired")',
    ],
    [
      '{"registry": {"promotion": {"production": {"requires": []}}}}',
      '1:44: invalid config file: /registry/promotion/production/requires: unknown key (expected "require")',
    ],
    [
      '{"registry": {"promotion": {"production": {}}}}',
      '1:29: invalid config file: /registry/promotion/production: missing "require", the list of conditions (such as "auc>=0.9"; [] for none)',
    ],
    [
      '{"registry": {"promotion": {"production": {"require": "auc>=0.9"}}}}',
      '1:44: invalid config file: /registry/promotion/production/require: Invalid input: expected array, received string',
    ],
    ['{"registy": {}}', '1:2: invalid config file: /registy: unknown key (expected "$schema", "registry")'],
    [
      '{"registry": {"metric": {}}}',
      '1:15: invalid config file: /registry/metric: unknown key (expected "metrics", "promotion", "models")',
    ],
    ['[]', '1:1: invalid config file: (the top level): Invalid input: expected object, received array'],
    [
      '{"registry": {"models": {"fraud": {"stage": 1}}}}',
      '1:36: invalid config file: /registry/models/fraud/stage: unknown key (expected "metrics", "promotion")',
    ],
    [
      '{"registry": {"models": {"__proto__": {"metrics": {"auc": "best"}}}}}',
      '1:52: invalid config file: /registry/models/__proto__/metrics/auc: expected "higher" or "lower", got "best"',
    ],
    [
      '{"registry": {"models": {"fraud": {"promotion": {"staging": {"require": [1]}}}}}}',
      '1:74: invalid config file: /registry/models/fraud/promotion/staging/require/0: Invalid input: expected string, received number',
    ],
    [
      '{"registry": {"models": {"fraud": 1}}}',
      '1:26: invalid config file: /registry/models/fraud: Invalid input: expected object, received number',
    ],
  ])('refuses %s, naming the file, line, column and JSON pointer', (text, line) => {
    expect(refusal(text)).toBe(`conf/.mlops.json:${line}${HINT}`);
  });

  it('refuses invalid JSON and deep nesting at their place', () => {
    expect(refusal('{\n  "registry": {,}\n}')).toMatch(
      /^conf\/\.mlops\.json:2:16: config file is not valid JSON: /,
    );
    expect(refusal(`{"$schema": ${'['.repeat(2000)}`)).toMatch(
      /^conf\/\.mlops\.json:1:\d+: invalid config file: nested deeper than \d+ levels \(see/,
    );
  });
});
