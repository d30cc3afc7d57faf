import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import type { DriftConfig } from './config.js';
import {
  DEFAULT_DRIFT_METHOD,
  DEFAULT_DRIFT_SHARE,
  needsSortedNumbers,
  planColumns,
  resolveDriftSettings,
} from './plan.js';

const config = (columns: Record<string, object>, rest: Omit<DriftConfig, 'columns'> = {}): DriftConfig => ({
  ...rest,
  columns: new Map(Object.entries(columns)),
});

describe('resolveDriftSettings: the request over the config over the defaults, once', () => {
  it('defaults: legacy, its threshold in the report, 0.3 of the columns, no correction', () => {
    const settings = resolveDriftSettings({});
    expect(settings.method).toBe(DEFAULT_DRIFT_METHOD);
    expect(settings.method).toBe('legacy');
    expect(settings.threshold).toBeUndefined();
    expect(settings.reportThreshold).toBe(0.1);
    expect(settings.driftShare).toBe(DEFAULT_DRIFT_SHARE);
    expect(settings.driftShare).toBe(0.3);
    expect(settings.correction).toBe('none');
    expect([...settings.keepText]).toEqual([]);
  });

  it('takes the request before the config', () => {
    const fromConfig = { method: 'ks', threshold: 0.01, drift_share: 0.5, correction: 'fdr' } as const;
    expect(resolveDriftSettings({ config: fromConfig })).toMatchObject({
      method: 'ks',
      threshold: 0.01,
      driftShare: 0.5,
      correction: 'fdr',
      reportThreshold: 0.01,
    });
    expect(
      resolveDriftSettings({
        config: fromConfig,
        method: 'psi',
        threshold: 0.3,
        driftShare: 0,
        correction: 'bonferroni',
      }),
    ).toMatchObject({
      method: 'psi',
      threshold: 0.3,
      driftShare: 0,
      correction: 'bonferroni',
      reportThreshold: 0.3,
    });
  });

  it.each([
    ['a method without a threshold: its default', { method: 'ks' } as const, 0.05],
    ['auto: columns differ', { method: 'auto' } as const, null],
    ['auto with a threshold: that threshold', { method: 'auto', threshold: 0.2 } as const, 0.2],
    ['a column with its own method', { config: config({ a: { method: 'ks' } }) }, null],
    ['a column with its own threshold', { threshold: 0.2, config: config({ a: { threshold: 0.5 } }) }, null],
    ['a column with only its own kind', { threshold: 0.2, config: config({ a: { kind: 'numeric' } }) }, 0.2],
  ])('the report threshold, %s', (_, request, expected) => {
    expect(resolveDriftSettings(request).reportThreshold).toBe(expected);
  });

  it('several tests: the report lists them and states no single threshold', () => {
    const settings = resolveDriftSettings({
      tests: [{ method: 'psi', threshold: 0.2 }, { method: 'ks_stat' }],
    });
    expect(settings).toMatchObject({ method: 'psi', combine: 'any', listTests: true, reportThreshold: null });
    expect(resolveDriftSettings({ tests: [{ method: 'psi', threshold: 0.2 }] })).toMatchObject({
      listTests: true,
      reportThreshold: 0.2,
    });
    expect(resolveDriftSettings({ method: 'psi' }).listTests).toBe(false);
  });

  it.each([
    [{ tests: [{ method: 'psi' }], method: 'ks' }, 'tests'],
    [{ tests: [{ method: 'psi' }], threshold: 0.1 }, 'tests'],
    [{ threshold: 0.1, config: { tests: [{ method: 'psi' }, { method: 'ks' }] } }, 'threshold'],
  ] as const)('refuses tests with one method or threshold for every column: %j', (request, field) => {
    expect(() => resolveDriftSettings(request as Parameters<typeof resolveDriftSettings>[0])).toThrow(
      UsageError,
    );
    try {
      resolveDriftSettings(request as Parameters<typeof resolveDriftSettings>[0]);
    } catch (error) {
      expect((error as UsageError).field).toBe(field);
    }
  });

  it('keeps the text of columns forced categorical, and collects what the config ignores', () => {
    const settings = resolveDriftSettings({
      categorical: ['a'],
      config: config(
        { b: { kind: 'categorical' }, c: { ignore: true }, d: { kind: 'numeric' } },
        { ignore: ['e'] },
      ),
    });
    expect([...settings.keepText].sort()).toEqual(['a', 'b']);
    expect([...settings.ignored].sort()).toEqual(['c', 'e']);
  });
});

describe('planColumns: the columns to compare, from the reference header', () => {
  const header = ['a', 'b', 'c', '__proto__'];
  const plan = (request: Parameters<typeof resolveDriftSettings>[0]) =>
    planColumns(resolveDriftSettings(request), header, 'ref.csv');

  it('every reference column by default, in header order, with the settings resolved', () => {
    expect(plan({})).toEqual(header.map((name) => ({ name, tests: [{ method: 'legacy' }], combine: 'any' })));
  });

  it('the columns asked for, in that order; a column config wins; names are data', () => {
    const planned = plan({
      columns: ['c', '__proto__', 'a'],
      threshold: 0.2,
      categorical: ['a'],
      config: config({ ['__proto__']: { method: 'psi', threshold: 0.3 }, c: { kind: 'numeric' } }),
    });
    expect(planned).toEqual([
      { name: 'c', kind: 'numeric', tests: [{ method: 'legacy', threshold: 0.2 }], combine: 'any' },
      { name: '__proto__', tests: [{ method: 'psi', threshold: 0.3 }], combine: 'any' },
      { name: 'a', kind: 'categorical', tests: [{ method: 'legacy', threshold: 0.2 }], combine: 'any' },
    ]);
  });

  it('a kind forced by the request wins over the config', () => {
    expect(plan({ numeric: ['b'], config: config({ b: { kind: 'categorical' } }) })[1]).toEqual({
      name: 'b',
      kind: 'numeric',
      tests: [{ method: 'legacy' }],
      combine: 'any',
    });
  });

  it('several tests for every column, each with its threshold; a column may have its own', () => {
    const tests = [
      { method: 'psi', threshold: 0.2 },
      { method: 'ks_stat', threshold: 0.15 },
    ] as const;
    const planned = plan({
      tests,
      combine: 'all',
      config: config({ b: { method: 'ks' }, c: { tests: [{ method: 'wasserstein' }], combine: 'any' } }),
    });
    expect(planned[0]).toEqual({ name: 'a', tests, combine: 'all', fittingOnly: true });
    expect(planned[1]).toEqual({ name: 'b', tests: [{ method: 'ks' }], combine: 'all' });
    expect(planned[2]).toEqual({ name: 'c', tests: [{ method: 'wasserstein' }], combine: 'any' });
  });

  it("the config's tests apply unless the request gives its own method or tests", () => {
    const fromConfig = { tests: [{ method: 'psi' }, { method: 'ks' }] } as DriftConfig;
    expect(plan({ config: fromConfig })[0]!.tests).toEqual(fromConfig.tests);
    expect(plan({ config: fromConfig, method: 'wasserstein' })[0]!.tests).toEqual([
      { method: 'wasserstein' },
    ]);
    expect(plan({ config: fromConfig, tests: [{ method: 'ks_stat' }] })[0]!.tests).toEqual([
      { method: 'ks_stat' },
    ]);
  });

  it('leaves out what the config ignores', () => {
    expect(plan({ config: config({ b: { ignore: true } }, { ignore: ['c'] }) }).map((p) => p.name)).toEqual([
      'a',
      '__proto__',
    ]);
  });

  const failure = (request: Parameters<typeof resolveDriftSettings>[0]) => {
    try {
      plan(request);
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      const usage = error as UsageError;
      return { field: usage.field, line: usage.toLine() };
    }
    throw new Error('planColumns did not throw');
  };

  it.each([
    [
      { columns: ['x'] },
      'columns',
      'columns: no column "x" in ref.csv (its columns are "a", "b", "c", "__proto__")',
    ],
    [{ columns: ['a', 'a'] }, 'columns', 'columns: "a" is given twice'],
    [
      { categorical: ['x'] },
      'categorical',
      'categorical: no column "x" in ref.csv (its columns are "a", "b", "c", "__proto__")',
    ],
    [
      { numeric: ['x'] },
      'numeric',
      'numeric: no column "x" in ref.csv (its columns are "a", "b", "c", "__proto__")',
    ],
    [
      { config: { ignore: ['x'] } },
      'config.ignore',
      'config.ignore: no column "x" in ref.csv (its columns are "a", "b", "c", "__proto__")',
    ],
    [
      { config: config({ x: {} }) },
      'config.columns',
      'config.columns: no column "x" in ref.csv (its columns are "a", "b", "c", "__proto__")',
    ],
    [{ categorical: ['a'], numeric: ['a'] }, 'numeric', 'numeric: column "a" is also given as categorical'],
    [
      { columns: ['a'], config: { ignore: ['a'] } },
      undefined,
      'no columns left to compare (check the columns asked for and the ignore list)',
    ],
  ] as const)('%j: a usage error about %s', (request, field, line) => {
    expect(failure(request as Parameters<typeof resolveDriftSettings>[0])).toEqual({ field, line });
  });
});

describe('needsSortedNumbers: only a method that needs sorted numbers has the reader sort them', () => {
  it.each([
    ['the default (legacy)', {}, false],
    ['ks, ks_stat', { tests: [{ method: 'ks' as const }, { method: 'ks_stat' as const }] }, false],
    [
      'chisquare (categories only) beside legacy',
      { tests: [{ method: 'legacy' as const }, { method: 'chisquare' as const }] },
      false,
    ],
    ['wasserstein', { method: 'wasserstein' as const }, true],
    ['auto (may choose any)', { method: 'auto' as const }, true],
    ['one column with its own anderson', { config: config({ a: { method: 'anderson' } }) }, true],
    [
      'one column with its own tests, ks only',
      { config: config({ a: { tests: [{ method: 'ks' }] } }) },
      false,
    ],
  ])('%s: %s', (_name, request, expected) => {
    expect(needsSortedNumbers(resolveDriftSettings(request))).toBe(expected);
  });
});
