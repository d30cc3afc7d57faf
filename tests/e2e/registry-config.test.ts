import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type BinName,
  type BinResult,
  hasStackTrace,
  inParallel,
  makeTempDir,
  spawnBin,
} from '../helpers/bins.js';
import { runInProcess } from '../helpers/in-process.js';

/**
 * The project config (`.mlops.json`) as the registry commands find and use it: in a temporary tree
 * `ROOT/repo/.git`, `ROOT/repo/.mlops.json`, the commands run in `ROOT/repo/models/fraud`. Most cases run
 * each program in this process (runInProcess, the bin's own code; in-process.test.ts checks the two
 * agree); the last block runs the built bins.
 */

let root: string;
let cleanup: () => void;
let cwd: string;
let configPath: string;
let registry: string;

const CONFIG = `{
  "registry": {
    "metrics": { "score": "lower", "__proto__": "lower" },
    "promotion": {
      "production": { "require": ["auc>=0.9", "false_positive_rate<=0.01"] }
    },
    "models": {
      "recommender": {
        "metrics": { "score": "higher" },
        "promotion": { "production": { "require": ["ndcg>=0.45"] } }
      }
    }
  }
}
`;

/** Where each condition of CONFIG is written, as a refusal names it (from cwd). */
const AUC_AT = '../../.mlops.json:5:35';
const FPR_AT = '../../.mlops.json:5:47';

beforeEach(() => {
  ({ dir: root, cleanup } = makeTempDir('mlops-registry-config-'));
  mkdirSync(join(root, 'repo/.git'), { recursive: true });
  cwd = join(root, 'repo/models/fraud');
  mkdirSync(cwd, { recursive: true });
  configPath = join(root, 'repo/.mlops.json');
  writeFileSync(configPath, CONFIG);
  registry = join(cwd, 'model_registry.json');
  const entry = (version: string, stage: string, metrics: Record<string, number>) => ({
    name: 'fraud',
    version,
    stage,
    registered_at: '2026-11-27T05:12:25',
    updated_at: `2026-11-27T05:12:2${version}`,
    metrics,
    parameters: {},
    tags: [],
    description: '',
    artifact_path: '',
  });
  // A metric named __proto__ is an own key (Object.fromEntries defines it, as JSON.parse does).
  const metrics = (auc: number, fpr: number, score: number, proto: number) =>
    Object.fromEntries([
      ['auc', auc],
      ['false_positive_rate', fpr],
      ['score', score],
      ['__proto__', proto],
    ]);
  writeFileSync(
    registry,
    `${JSON.stringify(
      [
        entry('1', 'production', metrics(0.91, 0.008, 3, 2)),
        entry('2', 'staging', metrics(0.95, 0.02, 1, 1)),
        entry('3', 'staging', metrics(0.93, 0.004, 2, 3)),
        { ...entry('1', 'staging', { ndcg: 0.44 }), name: 'recommender' },
      ],
      null,
      2,
    )}\n`,
  );
});
afterEach(() => cleanup());

async function run(args: readonly string[], bin: BinName = 'model-registry'): Promise<BinResult> {
  const argv = bin === 'mlops' ? ['registry', ...args] : args;
  const result = await runInProcess(bin, argv, { cwd, env: { MLOPS_ACTOR: 'tester' } });
  expect(hasStackTrace(result.stderr)).toBe(false);
  return result;
}

const COMPARE = ['compare', '--name', 'fraud', '--versions', '1', '2', '3'];

describe('compare takes metric directions from the config', () => {
  it('with no flags: the config over the name rule, in JSON and in text', async () => {
    const json = await run([...COMPARE, '--format', 'json']);
    expect(json.code).toBe(0);
    const { best, directions } = JSON.parse(json.stdout);
    expect(Object.entries(directions)).toEqual([
      ['__proto__', 'lower'],
      ['auc', 'higher'],
      ['false_positive_rate', 'lower'],
      ['score', 'lower'],
    ]);
    expect(Object.entries(best)).toEqual([
      ['__proto__', '2'],
      ['auc', '2'],
      ['false_positive_rate', '3'],
      ['score', '2'],
    ]);
    const text = await run(COMPARE);
    expect(text.stdout).toContain(
      '  * = best (higher is better: auc; lower is better: __proto__, false_positive_rate, score)\n',
    );
  });

  it('flags override the config, metric by metric', async () => {
    const result = await run([...COMPARE, '--higher-is-better', 'score', '--json']);
    expect(Object.entries(JSON.parse(result.stdout).directions)).toEqual([
      ['__proto__', 'lower'],
      ['auc', 'higher'],
      ['false_positive_rate', 'lower'],
      ['score', 'higher'],
    ]);
  });

  it("a model's own directions override the defaults", async () => {
    const result = await run([
      'register',
      '--name',
      'recommender',
      '--version',
      '2',
      '--metrics',
      '{"score": 5}',
    ]);
    expect(result.code).toBe(0);
    const compared = await run(['compare', '--name', 'recommender', '--versions', '1', '2', '--json']);
    expect(JSON.parse(compared.stdout).directions).toMatchObject({ score: 'higher' });
  });

  it('--no-config reads none; --config FILE reads that one instead', async () => {
    const without = await run([...COMPARE, '--no-config', '--json']);
    expect(Object.entries(JSON.parse(without.stdout).directions)).toEqual([
      ['__proto__', 'higher'],
      ['auc', 'higher'],
      ['false_positive_rate', 'lower'],
      ['score', 'higher'],
    ]);
    writeFileSync(join(root, 'other.json'), '{"registry": {"metrics": {"auc": "lower"}}}');
    const other = await run(['--config', '../../../other.json', ...COMPARE, '--json']);
    expect(Object.entries(JSON.parse(other.stdout).directions)).toEqual([
      ['__proto__', 'higher'],
      ['auc', 'lower'],
      ['false_positive_rate', 'lower'],
      ['score', 'higher'],
    ]);
  });
});

describe('promote and register pass the config gate for the stage', () => {
  const PROMOTE = ['promote', '--name', 'fraud', '--version', '2', '--stage', 'production'];

  it('promote with no flags: refused (exit 1) naming where each unmet condition is written', async () => {
    const before = readFileSync(registry);
    expect(await run(PROMOTE)).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: promotion of fraud 2 to production refused: not met: false_positive_rate<=0.01 (false_positive_rate = 0.02, from ${FPR_AT}) (nothing was changed)\n`,
    });
    const json = await run([...PROMOTE, '--format', 'json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({
      promoted: false,
      name: 'fraud',
      version: '2',
      stage: 'production',
      unmet: [{ requirement: 'false_positive_rate<=0.01', metric: 'false_positive_rate', value: 0.02 }],
      reason: `promotion of fraud 2 to production refused: not met: false_positive_rate<=0.01 (false_positive_rate = 0.02, from ${FPR_AT})`,
    });
    expect(readFileSync(registry)).toEqual(before);
  });

  it('a --require on the same metric replaces the config condition; the others still hold', async () => {
    const loosened = await run([...PROMOTE, '--require', 'false_positive_rate<=0.05']);
    expect(loosened).toEqual({
      code: 0,
      stdout: 'Promoted: fraud 2: staging -> production\nArchived: fraud 1: production -> archived\n',
      stderr: '',
    });
    const other = await run([
      'promote',
      '--name',
      'fraud',
      '--version',
      '3',
      '--stage',
      'production',
      '--require',
      'false_positive_rate<=0.05',
      '--require',
      'auc>=0.99',
    ]);
    expect(other.code).toBe(1);
    expect(other.stderr).toBe(
      'error: promotion of fraud 3 to production refused: not met: auc>=0.99 (auc = 0.93) (nothing was changed)\n',
    );
  });

  it('a stage without conditions in the config, and a model with its own, follow the config', async () => {
    expect((await run(['promote', '--name', 'fraud', '--version', '2', '--stage', 'archived'])).code).toBe(0);
    const recommender = await run([
      'promote',
      '--name',
      'recommender',
      '--version',
      '1',
      '--stage',
      'production',
    ]);
    expect(recommender.stderr).toBe(
      'error: promotion of recommender 1 to production refused: not met: ndcg>=0.45 (ndcg = 0.44, from ../../.mlops.json:10:52) (nothing was changed)\n',
    );
  });

  it('register into a gated stage is refused (exit 1, nothing written); into another stage it is not', async () => {
    const before = readFileSync(registry);
    const refused = await run([
      'register',
      '--name',
      'fraud',
      '--version',
      '4',
      '--stage',
      'production',
      '--metrics',
      '{"auc": 0.5, "false_positive_rate": 0.001}',
      '--json',
    ]);
    expect(refused).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: registration of fraud 4 into production refused: not met: auc>=0.9 (auc = 0.5, from ${AUC_AT}) (nothing was changed)\n`,
    });
    expect(readFileSync(registry)).toEqual(before);
    const registered = await run([
      'register',
      '--name',
      'fraud',
      '--version',
      '4',
      '--metrics',
      '{"auc": 0.5}',
    ]);
    expect(registered.code).toBe(0);
  });

  it('--no-config promotes without the gate', async () => {
    expect((await run([...PROMOTE, '--no-config'])).code).toBe(0);
  });
});

describe('a broken config file', () => {
  it.each([
    [
      '{\n  "registry": {\n    "metrics": { "auc": "up" }\n  }\n}\n',
      '../../.mlops.json:3:18: invalid config file: /registry/metrics/auc: expected "higher" or "lower", got "up"',
    ],
    [
      '{\n  "registry": {\n    "promotion": { "prod": { "require": [] } }\n  }\n}\n',
      '../../.mlops.json:3:20: invalid config file: /registry/promotion/prod: unknown key (expected "development", "staging", "production", "archived", "retired")',
    ],
    [
      '{\n  "registry": {\n    "promotion": { "production": { "require": ["auc => 0.9"] } }\n  }\n}\n',
      '../../.mlops.json:3:48: invalid config file: /registry/promotion/production/require/0: expected METRIC>=NUMBER (or >, <=, <), e.g. "f1>=0.85", got "auc => 0.9"',
    ],
    ['{\n  "registry": {\n', '../../.mlops.json:3:1: config file is not valid JSON: '],
  ])('%j: exit 2, one line naming file:line:column, nothing written or printed', async (text, line) => {
    writeFileSync(configPath, text);
    const before = readFileSync(registry);
    for (const args of [
      COMPARE,
      ['promote', '--name', 'fraud', '--version', '3', '--stage', 'production'],
      ['register', '--name', 'fraud', '--version', '9', '--format', 'json'],
    ]) {
      const result = await run(args);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.split('\n')).toHaveLength(2);
      expect(result.stderr.startsWith(`error: ${line}`)).toBe(true);
      expect(result.stderr.endsWith(' (see docs/model-registry.md, "Project config")\n')).toBe(
        !line.includes('not valid JSON'),
      );
    }
    expect(readFileSync(registry)).toEqual(before);
  });

  it('does not stop the commands that do not use it', async () => {
    writeFileSync(configPath, '{');
    expect((await run(['get', '--name', 'fraud', '--stage', 'production'])).stdout).toBe('1\n');
    expect((await run(['list', '--format', 'json'])).code).toBe(0);
  });

  it('hostile text in it reaches the error line escaped, on one line (a line break as a space)', async () => {
    writeFileSync(
      configPath,
      JSON.stringify({
        registry: { promotion: { production: { require: ['auc\n::error::x\u001b[2J>=0.9'] } } },
      }),
    );
    const result = await run(['promote', '--name', 'fraud', '--version', '3', '--stage', 'production']);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error: promotion of fraud 3 to production refused: not met: auc ::error::x\\x1b[2J>=0.9 (no metric auc ::error::x\\x1b[2J, from ../../.mlops.json:1:52) (nothing was changed)\n',
    });
  });

  it('--config with a command that uses none is accepted and not read', async () => {
    expect((await run(['list', '--config', 'missing.json', '--format', 'json'])).code).toBe(0);
  });

  it('a folder by that name is refused, not skipped', async () => {
    const nested = join(cwd, '.mlops.json');
    mkdirSync(nested);
    expect((await run(COMPARE)).stderr).toBe(
      'error: .mlops.json: config file is a folder, not a file (name a file)\n',
    );
  });
});

describe('where the config is looked for', () => {
  it('not above the top of the git work tree', async () => {
    writeFileSync(join(root, '.mlops.json'), '{"registry": {"metrics": {"auc": "lower"}}}');
    writeFileSync(configPath, '{}');
    const result = await run([...COMPARE, '--json']);
    expect(JSON.parse(result.stdout).directions.auc).toBe('higher');
  });

  it('the nearest one wins, and a run outside a repository goes up to the root', async () => {
    writeFileSync(join(cwd, '.mlops.json'), '{"registry": {"metrics": {"auc": "lower"}}}');
    const result = await run([...COMPARE, '--json', '--debug']);
    expect(JSON.parse(result.stdout).directions).toMatchObject({ auc: 'lower', score: 'higher' });
    expect(result.stderr).toBe('debug: project config .mlops.json\n');
  });
});

describe('the built bins', () => {
  it('model-registry and mlops registry find the config up the tree, in both formats, flags over it', async () => {
    const env = { MLOPS_ACTOR: 'tester' };
    const [text, json, flagged, mounted] = await inParallel(
      [
        ['model-registry', COMPARE],
        ['model-registry', [...COMPARE, '--format', 'json']],
        ['model-registry', [...COMPARE, '--lower-is-better', 'auc', '--json']],
        ['mlops', ['registry', ...COMPARE, '--format', 'json']],
      ] as const,
      2,
      ([bin, args]) => spawnBin(bin, args, { cwd, env }),
    );
    expect(text!.code).toBe(0);
    expect(text!.stdout).toContain('lower is better: __proto__, false_positive_rate, score)');
    expect(JSON.parse(json!.stdout).directions.score).toBe('lower');
    expect(JSON.parse(flagged!.stdout).directions.auc).toBe('lower');
    expect(mounted).toEqual(json);
  });

  it('refuse a promotion by the config gate, and a broken config with one line, exit 2', async () => {
    const env = { MLOPS_ACTOR: 'tester' };
    const gated = await spawnBin(
      'model-registry',
      ['promote', '--name', 'fraud', '--version', '2', '--stage', 'production'],
      {
        cwd,
        env,
      },
    );
    expect(gated.code).toBe(1);
    expect(gated.stderr).toContain(`(false_positive_rate = 0.02, from ${FPR_AT})`);
    writeFileSync(configPath, '{"registry": {"metrics": {"auc": "up"}}}');
    const broken = await spawnBin('mlops', ['registry', ...COMPARE], { cwd, env });
    expect(broken).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'error: ../../.mlops.json:1:27: invalid config file: /registry/metrics/auc: expected "higher" or "lower", got "up" (see docs/model-registry.md, "Project config")\n',
    });
  });
});
