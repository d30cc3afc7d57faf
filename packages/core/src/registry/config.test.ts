import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import {
  configuredDirections,
  configuredRequirements,
  findRegistryConfig,
  REGISTRY_CONFIG_FILENAME,
  readRegistryConfig,
  withGivenRequirements,
} from './config.js';
import { parseRegistryConfig } from './config-file.js';
import { parseMetricRequirement } from './requirement.js';

const folder = realpathSync(mkdtempSync(join(tmpdir(), 'registry-config-')));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const config = parseRegistryConfig(
  JSON.stringify({
    registry: {
      metrics: { score: 'lower', auc: 'higher' },
      promotion: { production: { require: ['auc>=0.9', 'fpr<=0.01'] }, staging: { require: ['auc>=0.8'] } },
      models: {
        recommender: {
          metrics: { score: 'higher', coverage: 'higher' },
          promotion: { production: { require: ['ndcg>=0.45'] } },
        },
        quiet: { promotion: { production: { require: [] } } },
      },
    },
  }),
  'c.json',
);
const texts = (requirements: readonly { text: string }[]) => requirements.map((each) => each.text);

describe('configuredDirections', () => {
  it("takes the defaults, then the model's own, metric by metric", () => {
    expect([...configuredDirections(config, 'fraud')]).toEqual([
      ['score', 'lower'],
      ['auc', 'higher'],
    ]);
    expect([...configuredDirections(config, 'recommender')]).toEqual([
      ['score', 'higher'],
      ['auc', 'higher'],
      ['coverage', 'higher'],
    ]);
    expect(configuredDirections(undefined, 'fraud').size).toBe(0);
  });
});

describe('configuredRequirements', () => {
  it("takes the model's own list for the stage (an empty one included), else the defaults'", () => {
    expect(texts(configuredRequirements(config, 'fraud', 'production'))).toEqual(['auc>=0.9', 'fpr<=0.01']);
    expect(texts(configuredRequirements(config, 'recommender', 'production'))).toEqual(['ndcg>=0.45']);
    expect(texts(configuredRequirements(config, 'recommender', 'staging'))).toEqual(['auc>=0.8']);
    expect(configuredRequirements(config, 'quiet', 'production')).toEqual([]);
    expect(configuredRequirements(config, 'fraud', 'archived')).toEqual([]);
    expect(configuredRequirements(undefined, 'fraud', 'production')).toEqual([]);
  });
});

describe('withGivenRequirements', () => {
  it('replaces the configured conditions on a metric given, and keeps the others', () => {
    const configured = configuredRequirements(config, 'fraud', 'production');
    const given = ['auc>=0.95', 'f1>0.5'].map(parseMetricRequirement);
    expect(texts(withGivenRequirements(configured, given))).toEqual(['fpr<=0.01', 'auc>=0.95', 'f1>0.5']);
    expect(texts(withGivenRequirements(configured, []))).toEqual(['auc>=0.9', 'fpr<=0.01']);
    expect(texts(withGivenRequirements([], given))).toEqual(['auc>=0.95', 'f1>0.5']);
  });
});

describe('findRegistryConfig and readRegistryConfig', () => {
  it('finds .mlops.json up the tree and reads it, naming it as asked', async () => {
    mkdirSync(join(folder, 'repo/.git'), { recursive: true });
    mkdirSync(join(folder, 'repo/models/fraud'), { recursive: true });
    const path = join(folder, 'repo', REGISTRY_CONFIG_FILENAME);
    writeFileSync(path, '{"registry": {"metrics": {"fpr": "lower"}}}');
    expect(findRegistryConfig(join(folder, 'repo/models/fraud'))).toBe(path);
    const read = await readRegistryConfig(path, '../../.mlops.json');
    expect(read.file).toBe('../../.mlops.json');
    expect([...read.metrics]).toEqual([['fpr', 'lower']]);
  });

  it('refuses a file that cannot be read (exit 2), naming it', async () => {
    await expect(readRegistryConfig(join(folder, 'none.json'), 'none.json')).rejects.toThrow(InputError);
    await expect(readRegistryConfig(folder, 'here')).rejects.toMatchObject({
      file: 'here',
      message: 'config file is a folder, not a file',
    });
    writeFileSync(join(folder, 'bad.json'), '{"registry": 1}');
    await expect(readRegistryConfig(join(folder, 'bad.json'), 'bad.json')).rejects.toMatchObject({
      file: 'bad.json',
      line: 1,
      column: 2,
    });
  });
});
