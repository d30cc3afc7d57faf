import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, RefusedError, UsageError } from '../errors.js';
import {
  compareRegistryVersions,
  listRegistryEntries,
  productionLineage,
  promoteVersion,
  type RegistryChangeContext,
  registerVersion,
  registryHistory,
  removeRegistryAlias,
  rollbackVersion,
  setRegistryAlias,
} from './operations.js';
import { PromotionRefusedError } from './refusal.js';
import { parseMetricRequirement } from './requirement.js';
import type { RegistryEntry } from './schema.js';

const legacy: RegistryEntry[] = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../../../fixtures/registry/model_registry.json'), 'utf8'),
);

/** Change contexts one second apart, so that each operation has its own time. */
function clock(start = Date.UTC(2026, 11, 1, 9, 0, 0)) {
  let tick = 0;
  return (actor = 'alice'): RegistryChangeContext => ({
    time: new Date(start + 1000 * tick++).toISOString(),
    actor,
  });
}

/** Applies operations in turn, each on the previous result. */
function apply(
  entries: RegistryEntry[],
  ...steps: ((entries: RegistryEntry[]) => { entries: RegistryEntry[] })[]
): RegistryEntry[] {
  return steps.reduce((current, step) => step(current).entries, entries);
}

const stageOf = (entries: readonly RegistryEntry[], version: string, name = 'recommender') =>
  entries.find((entry) => entry.name === name && entry.version === version)?.stage;

describe('registerVersion', () => {
  it('appends an entry with every legacy key, stage development, and a register event', () => {
    const now = clock();
    const result = registerVersion(
      legacy,
      { name: 'churn', version: 'v1', metrics: { auc: 0.9 }, tags: ['xgb'], artifactPath: 's3://m/v1' },
      now(),
    );
    expect(result.entries).toHaveLength(4);
    expect(result.entry).toEqual({
      name: 'churn',
      version: 'v1',
      stage: 'development',
      registered_at: '2026-12-01T09:00:00.000Z',
      updated_at: '2026-12-01T09:00:00.000Z',
      metrics: { auc: 0.9 },
      parameters: {},
      tags: ['xgb'],
      description: '',
      artifact_path: 's3://m/v1',
      history: [
        {
          time: '2026-12-01T09:00:00.000Z',
          action: 'register',
          from_stage: null,
          to_stage: 'development',
          actor: 'alice',
          reason: '',
          seq: 1,
        },
      ],
    });
    expect(result.archived).toEqual([]);
    expect(legacy).toHaveLength(3); // the input is not changed
  });

  it('refuses a version already registered (exit 1)', () => {
    const attempt = () => registerVersion(legacy, { name: 'recommender', version: '1.1.0' }, clock()());
    expect(attempt).toThrow(RefusedError);
    expect(attempt).toThrow('recommender 1.1.0 already registered (stage: production)');
  });

  it('archives the current production version when registering straight into production', () => {
    const result = registerVersion(
      legacy,
      { name: 'recommender', version: '2.0.0', stage: 'production' },
      clock()(),
    );
    expect(result.archived.map((entry) => entry.version)).toEqual(['1.1.0']);
    expect(stageOf(result.entries, '1.1.0')).toBe('archived');
    expect(result.entries[1]?.history?.[0]).toMatchObject({
      action: 'archive',
      from_stage: 'production',
      to_stage: 'archived',
      reason: 'replaced in production by 2.0.0',
    });
  });

  it('rejects an empty name or version (exit 2)', () => {
    expect(() => registerVersion([], { name: ' ', version: '1' }, clock()())).toThrow(UsageError);
    expect(() => registerVersion([], { name: 'a', version: '' }, clock()())).toThrow(
      expect.objectContaining({ field: 'version', message: 'must not be empty' }),
    );
  });
});

describe('registerVersion with requirements', () => {
  const requirements = ['auc>=0.9', 'fpr<=0.01'].map(parseMetricRequirement);

  it('refuses (exit 1, the same refusal as promote) a version whose metrics do not meet them', () => {
    const attempt = () =>
      registerVersion(
        legacy,
        { name: 'fraud', version: '2', stage: 'production', metrics: { auc: 0.95, fpr: 0.02 }, requirements },
        clock()(),
      );
    expect(attempt).toThrow(PromotionRefusedError);
    expect(attempt).toThrow(
      'registration of fraud 2 into production refused: not met: fpr<=0.01 (fpr = 0.02)',
    );
    try {
      attempt();
    } catch (error) {
      expect((error as PromotionRefusedError).refusal).toMatchObject({
        name: 'fraud',
        version: '2',
        stage: 'production',
        unmet: [{ requirement: 'fpr<=0.01', metric: 'fpr', value: 0.02 }],
      });
    }
  });

  it('registers a version that meets them, and checks the default stage, development', () => {
    const result = registerVersion(
      legacy,
      { name: 'fraud', version: '2', metrics: { auc: 0.95, fpr: 0.01 }, requirements },
      clock()(),
    );
    expect(result.entry).toMatchObject({ name: 'fraud', stage: 'development' });
    expect(() => registerVersion(legacy, { name: 'fraud', version: '3', requirements }, clock()())).toThrow(
      'registration of fraud 3 into development refused: not met: auc>=0.9 (no metric auc); fpr<=0.01 (no metric fpr)',
    );
  });

  it('refuses a duplicate as a duplicate first', () => {
    expect(() =>
      registerVersion(legacy, { name: 'recommender', version: '1.0.0', requirements }, clock()()),
    ).toThrow('recommender 1.0.0 already registered (stage: archived)');
  });
});

describe('promoteVersion', () => {
  it('moves a version and archives every other production version of the same model', () => {
    const twoInProduction = legacy.map((entry) =>
      entry.version === '1.0.0' ? { ...entry, stage: 'production' as const } : entry,
    );
    const result = promoteVersion(
      twoInProduction,
      { name: 'recommender', version: '1.2.0', stage: 'production' },
      clock()(),
    );
    expect(result.fromStage).toBe('staging');
    expect(result.entries.map((entry) => entry.stage)).toEqual(['archived', 'archived', 'production']);
    expect(result.archived.map((entry) => entry.version)).toEqual(['1.0.0', '1.1.0']);
  });

  it('leaves other models alone', () => {
    const entries = registerVersion(
      legacy,
      { name: 'churn', version: 'v1', stage: 'production' },
      clock()(),
    ).entries;
    const result = promoteVersion(
      entries,
      { name: 'recommender', version: '1.2.0', stage: 'production' },
      clock()(),
    );
    expect(stageOf(result.entries, 'v1', 'churn')).toBe('production');
  });

  it('names an unknown version (exit 2) and lists the known ones', () => {
    const attempt = () =>
      promoteVersion(legacy, { name: 'recommender', version: '9.9', stage: 'staging' }, clock()());
    expect(attempt).toThrow(InputError);
    expect(attempt).toThrow('unknown version: recommender 9.9 is not in the registry');
    try {
      attempt();
    } catch (error) {
      expect((error as InputError).hint).toBe('versions of recommender: 1.0.0, 1.1.0, 1.2.0');
    }
  });

  it('refuses (exit 1) unless every requirement holds, naming each failure and the actual value', () => {
    const requirements = ['ndcg>=0.45', 'rmse<0.9', 'auc>0.5', 'p95_latency_ms<=100'].map(
      parseMetricRequirement,
    );
    const attempt = () =>
      promoteVersion(
        legacy,
        { name: 'recommender', version: '1.2.0', stage: 'production', requirements },
        clock()(),
      );
    expect(attempt).toThrow(RefusedError);
    expect(attempt).toThrow(
      'promotion of recommender 1.2.0 to production refused: not met: ndcg>=0.45 (ndcg = 0.43); auc>0.5 (no metric auc)',
    );
  });

  it('names where a condition from a config file is written', () => {
    const requirements = [
      { ...parseMetricRequirement('ndcg>=0.45'), origin: { file: '.mlops.json', line: 5, column: 31 } },
    ];
    expect(() =>
      promoteVersion(
        legacy,
        { name: 'recommender', version: '1.2.0', stage: 'production', requirements },
        clock()(),
      ),
    ).toThrow(
      'promotion of recommender 1.2.0 to production refused: not met: ndcg>=0.45 (ndcg = 0.43, from .mlops.json:5:31)',
    );
  });

  it('promotes when every requirement holds, recording the reason', () => {
    const requirements = ['ndcg>=0.43', 'rmse<0.9'].map(parseMetricRequirement);
    const result = promoteVersion(
      legacy,
      { name: 'recommender', version: '1.2.0', stage: 'production', requirements, reason: 'better rmse' },
      clock()('bob'),
    );
    expect(result.entry.history?.at(-1)).toMatchObject({
      action: 'promote',
      actor: 'bob',
      reason: 'better rmse',
    });
  });
});

describe('rollbackVersion', () => {
  const now = clock();
  const promoted = apply(
    legacy,
    (entries) =>
      promoteVersion(entries, { name: 'recommender', version: '1.2.0', stage: 'production' }, now()),
    (entries) =>
      registerVersion(entries, { name: 'recommender', version: '1.3.0', stage: 'production' }, now()),
  );

  it('replays the production lineage from the history (legacy holders pushed when archived)', () => {
    expect(productionLineage(promoted, 'recommender')).toEqual(['1.1.0', '1.2.0', '1.3.0']);
  });

  it('puts back the previous production version and archives the current one', () => {
    const result = rollbackVersion(promoted, { name: 'recommender', reason: 'latency spike' }, now());
    expect(result.entry.version).toBe('1.2.0');
    expect(result.fromStage).toBe('archived');
    expect(result.archived.map((entry) => entry.version)).toEqual(['1.3.0']);
    expect(stageOf(result.entries, '1.3.0')).toBe('archived');
    expect(result.entry.history?.at(-1)).toMatchObject({
      action: 'rollback',
      to_stage: 'production',
      reason: 'latency spike',
    });
  });

  it('walks further back when repeated, then refuses: nothing to roll back to (exit 1)', () => {
    const once = rollbackVersion(promoted, { name: 'recommender' }, now()).entries;
    const twice = rollbackVersion(once, { name: 'recommender' }, now());
    expect(twice.entry.version).toBe('1.1.0');
    const attempt = () => rollbackVersion(twice.entries, { name: 'recommender' }, now());
    expect(attempt).toThrow(RefusedError);
    expect(attempt).toThrow(
      'nothing to roll back to: the history shows no version of recommender in production before 1.1.0',
    );
  });

  it('puts back the version named by --to', () => {
    const result = rollbackVersion(promoted, { name: 'recommender', to: '1.0.0' }, now());
    expect(result.entry.version).toBe('1.0.0');
    expect(
      result.entries.filter((entry) => entry.stage === 'production').map((entry) => entry.version),
    ).toEqual(['1.0.0']);
    // Back to 1.0.0 was not in the lineage: a later rollback returns to the version it replaced.
    expect(rollbackVersion(result.entries, { name: 'recommender' }, now()).entry.version).toBe('1.3.0');
  });

  it('after --to an earlier holder, forgets the holders after it', () => {
    const result = rollbackVersion(promoted, { name: 'recommender', to: '1.1.0' }, now());
    expect(productionLineage(result.entries, 'recommender')).toEqual(['1.1.0']);
  });

  it('refuses on a legacy file (no history), suggesting --to', () => {
    expect(() => rollbackVersion(legacy, { name: 'recommender' }, now())).toThrow(
      /nothing to roll back to.*before 1\.1\.0/,
    );
  });

  it('refuses to roll back to the version already in production, and names unknown ones', () => {
    expect(() => rollbackVersion(legacy, { name: 'recommender', to: '1.1.0' }, now())).toThrow(
      'nothing to roll back: recommender 1.1.0 is already in production',
    );
    expect(() => rollbackVersion(legacy, { name: 'recommender', to: '7' }, now())).toThrow(InputError);
    expect(() => rollbackVersion(legacy, { name: 'nope' }, now())).toThrow(/there is no model named "nope"/);
  });

  it('when nothing is in production, puts back the last version that was', () => {
    const demoted = promoteVersion(
      promoted,
      { name: 'recommender', version: '1.3.0', stage: 'staging' },
      now(),
    ).entries;
    expect(rollbackVersion(demoted, { name: 'recommender' }, now()).entry.version).toBe('1.3.0');
  });
});

describe('the order of writes, not of clocks', () => {
  /** A context at a given offset from a fixed instant, as a CI runner with a skewed clock would make. */
  const at = (offsetMinutes: number): RegistryChangeContext => ({
    time: new Date(Date.UTC(2026, 11, 1, 9, 0, 0) + offsetMinutes * 60_000).toISOString(),
    actor: 'ci',
  });
  const registered = apply(
    [],
    ...['v2', 'v3', 'v4'].map(
      (version) => (entries: RegistryEntry[]) => registerVersion(entries, { name: 'm', version }, at(0)),
    ),
  );
  // Into production in this order: v4, v3, v2, v3, by runners whose clocks say -1 day, +90 min, -2 h, -1 day.
  const promoted = apply(
    registered,
    (entries) => promoteVersion(entries, { name: 'm', version: 'v4', stage: 'production' }, at(-24 * 60)),
    (entries) => promoteVersion(entries, { name: 'm', version: 'v3', stage: 'production' }, at(90)),
    (entries) => promoteVersion(entries, { name: 'm', version: 'v2', stage: 'production' }, at(-120)),
    (entries) => promoteVersion(entries, { name: 'm', version: 'v3', stage: 'production' }, at(-24 * 60)),
  );

  it('numbers every event with seq, one more than the largest in the file, archives before their cause', () => {
    const events = promoted.flatMap((entry) =>
      (entry.history ?? []).map((event) => [event.seq, event.action]),
    );
    expect(events.map(([seq]) => seq).sort((a, b) => Number(a) - Number(b))).toEqual(
      Array.from({ length: 10 }, (_, index) => index + 1),
    );
    expect(registryHistory(promoted).map((record) => `${record.action} ${record.version}`)).toEqual([
      'register v2',
      'register v3',
      'register v4',
      'promote v4',
      'archive v4',
      'promote v3',
      'archive v3',
      'promote v2',
      'archive v2',
      'promote v3',
    ]);
  });

  it('replays the lineage and rolls back in write order: v3 back to v2, whatever the clocks said', () => {
    expect(productionLineage(promoted, 'm')).toEqual(['v4', 'v3', 'v2', 'v3']);
    const once = rollbackVersion(promoted, { name: 'm' }, at(-3 * 24 * 60));
    expect(once.entry.version).toBe('v2');
    expect(rollbackVersion(once.entries, { name: 'm' }, at(7 * 24 * 60)).entry.version).toBe('v3');
  });

  it('counts events without seq (written before it existed) as older than numbered ones, in time order', () => {
    const unnumbered = promoted.map((entry) => ({
      ...entry,
      history: (entry.history ?? [])
        .filter((event) => event.action === 'register')
        .map(({ seq, ...event }) => event),
    }));
    const next = promoteVersion(
      unnumbered,
      { name: 'm', version: 'v2', stage: 'production' },
      at(-5 * 24 * 60),
    );
    expect(next.archived[0]?.history?.at(-1)?.seq).toBe(1); // the archiving of v3, then the promotion
    expect(next.entry.history?.at(-1)?.seq).toBe(2);
    expect(registryHistory(next.entries).map((record) => `${record.action} ${record.version}`)).toEqual([
      'register v2',
      'register v3',
      'register v4',
      'archive v3',
      'promote v2',
    ]);
  });

  it('ignores a seq that is not a whole number from 0 to 2^53 - 1 (a hand-edited file)', () => {
    const odd = promoted.map((entry, index) =>
      index === 0
        ? { ...entry, history: [{ ...entry.history![0]!, seq: Number.MAX_SAFE_INTEGER + 2 }] }
        : entry,
    );
    const next = promoteVersion(odd, { name: 'm', version: 'v4', stage: 'production' }, at(0));
    expect(next.archived.map((entry) => entry.history?.at(-1)?.seq)).toEqual([11]);
    expect(next.entry.history?.at(-1)?.seq).toBe(12);
  });

  it('rolls back from the production version written last when a file holds several', () => {
    const twoInProduction = promoted.map((entry) =>
      entry.version === 'v4' ? { ...entry, stage: 'production' as const } : entry,
    );
    // v4's clock time is later than v3's last write, but v3 was written last: it is current.
    expect(
      rollbackVersion(twoInProduction, { name: 'm' }, at(0))
        .archived.map((entry) => entry.version)
        .sort(),
    ).toEqual(['v3', 'v4']);
    expect(rollbackVersion(twoInProduction, { name: 'm' }, at(0)).entry.version).toBe('v2');
  });
});

describe('aliases', () => {
  const now = clock();

  it('sets an alias, moves it from another version, and removes it, recording each change', () => {
    const set = setRegistryAlias(legacy, { name: 'recommender', version: '1.1.0', alias: 'champion' }, now());
    expect(set.entry.aliases).toEqual(['champion']);
    expect(set.previousVersion).toBeUndefined();
    const moved = setRegistryAlias(
      set.entries,
      { name: 'recommender', version: '1.2.0', alias: 'champion' },
      now(),
    );
    expect(moved.previousVersion).toBe('1.1.0');
    expect(moved.entries.map((entry) => entry.aliases ?? [])).toEqual([[], [], ['champion']]);
    const removed = removeRegistryAlias(moved.entries, { name: 'recommender', alias: 'champion' }, now());
    expect(removed.entry.version).toBe('1.2.0');
    expect(removed.entries.every((entry) => (entry.aliases ?? []).length === 0)).toBe(true);
    expect(
      registryHistory(removed.entries).map((record) => [record.action, record.version, record.alias]),
    ).toEqual([
      ['alias-set', '1.1.0', 'champion'],
      ['alias-remove', '1.1.0', 'champion'],
      ['alias-set', '1.2.0', 'champion'],
      ['alias-remove', '1.2.0', 'champion'],
    ]);
  });

  it('setting an alias a version already has changes nothing', () => {
    const set = setRegistryAlias(legacy, { name: 'recommender', version: '1.1.0', alias: 'champion' }, now());
    const again = setRegistryAlias(
      set.entries,
      { name: 'recommender', version: '1.1.0', alias: 'champion' },
      now(),
    );
    expect(again.entries).toEqual(set.entries);
  });

  it('rejects an invalid alias name and an alias no version has (exit 2)', () => {
    expect(() =>
      setRegistryAlias(legacy, { name: 'recommender', version: '1.1.0', alias: '1.0' }, now()),
    ).toThrow(UsageError);
    expect(() => removeRegistryAlias(legacy, { name: 'recommender', alias: 'champion' }, now())).toThrow(
      'unknown alias: no version of recommender has the alias "champion"',
    );
  });
});

describe('listRegistryEntries', () => {
  it('sorts by updated_at, most recent first, ties in file order (the legacy order)', () => {
    expect(listRegistryEntries(legacy).map((entry) => entry.version)).toEqual(['1.0.0', '1.1.0', '1.2.0']);
  });

  it('compares legacy local timestamps and UTC ones as instants', () => {
    const local = new Date(2026, 10, 27, 12, 0, 0); // noon, local time
    const entries = [
      { ...legacy[0]!, version: 'a', updated_at: '2026-11-27T12:00:00' },
      { ...legacy[0]!, version: 'b', updated_at: new Date(local.getTime() + 1000).toISOString() },
      { ...legacy[0]!, version: 'c', updated_at: new Date(local.getTime() - 1000).toISOString() },
    ];
    expect(listRegistryEntries(entries).map((entry) => entry.version)).toEqual(['b', 'a', 'c']);
  });

  it('filters by name, stage and tag', () => {
    expect(listRegistryEntries(legacy, { stage: 'production' }).map((e) => e.version)).toEqual(['1.1.0']);
    expect(listRegistryEntries(legacy, { tag: 'als' }).map((e) => e.version)).toEqual(['1.0.0']);
    expect(listRegistryEntries(legacy, { name: 'other' })).toEqual([]);
  });
});

describe('compareRegistryVersions', () => {
  it('marks the best value of each metric in the right direction (the legacy defect fixed)', () => {
    const comparison = compareRegistryVersions(legacy, {
      name: 'recommender',
      versions: ['1.0.0', '1.1.0', '1.2.0'],
    });
    expect(comparison.metric_keys).toEqual(['ndcg', 'p95_latency_ms', 'rmse']);
    expect(comparison.best).toEqual({ ndcg: '1.1.0', p95_latency_ms: '1.2.0', rmse: '1.2.0' });
    expect(comparison.directions).toEqual({ ndcg: 'higher', p95_latency_ms: 'lower', rmse: 'lower' });
    expect(comparison.entries.map((entry) => entry.version)).toEqual(['1.0.0', '1.1.0', '1.2.0']);
  });

  it('follows --lower-is-better and --higher-is-better, keeps the order asked, and skips missing metrics', () => {
    const entries = registerVersion(
      legacy,
      { name: 'recommender', version: '2.0', metrics: { ndcg: 0.3, coverage: 0.5 } },
      clock()(),
    ).entries;
    const comparison = compareRegistryVersions(entries, {
      name: 'recommender',
      versions: ['2.0', '1.0.0', '2.0'],
      directions: new Map([
        ['ndcg', 'lower'],
        ['rmse', 'higher'],
      ]),
    });
    expect(comparison.entries.map((entry) => entry.version)).toEqual(['2.0', '1.0.0']);
    expect(comparison.best).toEqual({ coverage: '2.0', ndcg: '2.0', p95_latency_ms: '1.0.0', rmse: '1.0.0' });
  });

  it('needs two versions (exit 2) and names unknown ones (exit 2)', () => {
    expect(() =>
      compareRegistryVersions(legacy, { name: 'recommender', versions: ['1.0.0', '1.0.0'] }),
    ).toThrow(
      expect.objectContaining({ field: 'versions', message: 'need at least 2 versions to compare, got 1' }),
    );
    expect(() => compareRegistryVersions(legacy, { name: 'recommender', versions: ['1.0.0', '3'] })).toThrow(
      InputError,
    );
  });
});

describe('registryHistory', () => {
  it('lists every event oldest first, an archive before the promotion that caused it', () => {
    const now = clock();
    const entries = apply(
      legacy,
      (current) => registerVersion(current, { name: 'recommender', version: '1.3.0' }, now('ci')),
      (current) =>
        promoteVersion(current, { name: 'recommender', version: '1.3.0', stage: 'production' }, now('alice')),
    );
    expect(
      registryHistory(entries).map((record) => [
        record.time,
        record.action,
        record.version,
        record.from_stage,
        record.to_stage,
        record.actor,
      ]),
    ).toEqual([
      ['2026-12-01T09:00:00.000Z', 'register', '1.3.0', null, 'development', 'ci'],
      ['2026-12-01T09:00:01.000Z', 'archive', '1.1.0', 'production', 'archived', 'alice'],
      ['2026-12-01T09:00:01.000Z', 'promote', '1.3.0', 'development', 'production', 'alice'],
    ]);
    expect(registryHistory(entries, { version: '1.1.0' })).toHaveLength(1);
    expect(registryHistory(entries, { name: 'other' })).toEqual([]);
  });
});
