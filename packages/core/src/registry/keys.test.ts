import { describe, expect, it } from 'vitest';
import { compareRegistryVersions, promoteVersion, registerVersion } from './operations.js';
import { parseRegistryText } from './parse.js';
import { checkMetricRequirements, parseMetricRequirement } from './requirement.js';
import { serializeRegistry } from './store.js';

/**
 * Keys are data: `__proto__`, `constructor`, `toString`, `hasOwnProperty` as metric or parameter names
 * go through every operation as keys like any other, and are written back as they came.
 */

const context = (second: number) => ({ time: `2026-12-01T00:00:0${second}.000Z`, actor: 'ci' });

async function twoVersions() {
  const file = `[${JSON.stringify({
    name: 'm',
    version: '1',
    stage: 'staging',
    registered_at: '2026-11-27T05:12:25Z',
    updated_at: '2026-11-27T05:12:25Z',
    metrics: { f1: 0.5 },
    parameters: {},
    tags: [],
    description: '',
    artifact_path: '',
  }).replace('"f1":0.5', '"__proto__":0.25,"constructor":0.5,"f1":0.5')}]`;
  const entries = await parseRegistryText(file, 'r.json');
  return registerVersion(
    entries,
    {
      name: 'm',
      version: '2',
      // As the CLI parses --metrics and --params: JSON.parse makes "__proto__" an own key.
      metrics: JSON.parse('{"__proto__": 0.5, "toString": 3, "hasOwnProperty": 2, "loss_constructor": 1}'),
      parameters: JSON.parse('{"__proto__": {"depth": 6}, "valueOf": 1}'),
    },
    context(1),
  ).entries;
}

describe('keys are data', () => {
  it('compare ranks a __proto__ metric, and constructor/toString/hasOwnProperty, like any other', async () => {
    const comparison = compareRegistryVersions(await twoVersions(), { name: 'm', versions: ['1', '2'] });
    expect(comparison.metric_keys).toEqual([
      '__proto__',
      'constructor',
      'f1',
      'hasOwnProperty',
      'loss_constructor',
      'toString',
    ]);
    expect(JSON.parse(JSON.stringify(comparison.best))).toEqual({
      ['__proto__']: '2',
      constructor: '1',
      f1: '1',
      hasOwnProperty: '2',
      loss_constructor: '2',
      toString: '2',
    });
    expect(Object.keys(comparison.directions)).toEqual(comparison.metric_keys);
    expect(comparison.directions.loss_constructor).toBe('lower');
    expect(JSON.stringify(comparison.directions)).toContain('"__proto__":"higher"');
  });

  it('a requirement on "constructor" or "__proto__" reads the metric, never Object.prototype', async () => {
    const [first, second] = await twoVersions();
    const requirements = ['constructor>=0.5', '__proto__>0.3', 'toString>0'].map(parseMetricRequirement);
    expect(checkMetricRequirements(first!.metrics, requirements).map((result) => result.actual)).toEqual([
      0.5,
      0.25,
      null,
    ]);
    expect(checkMetricRequirements(second!.metrics, requirements).map((result) => result.actual)).toEqual([
      null,
      0.5,
      3,
    ]);
  });

  it('every key survives a promotion (which rewrites the whole file) and reads back the same', async () => {
    const entries = await twoVersions();
    const promoted = promoteVersion(entries, { name: 'm', version: '1', stage: 'production' }, context(2));
    const text = serializeRegistry(promoted.entries);
    expect(text).toContain('"__proto__": 0.25');
    expect(text).toMatch(/"parameters": \{\n\s+"__proto__": \{\n\s+"depth": 6\n\s+\},\n\s+"valueOf": 1/);
    const reread = await parseRegistryText(text, 'r.json');
    expect(serializeRegistry(reread)).toBe(text);
    expect(Object.keys(reread[0]!.metrics)).toEqual(['__proto__', 'constructor', 'f1']);
    expect(Object.keys(reread[1]!.parameters)).toEqual(['__proto__', 'valueOf']);
  });
});
