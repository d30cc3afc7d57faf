import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessTableReader } from '../csv/index.js';
import { driftCheckCharts } from '../drift-charts/index.js';
import { detectDrift, runDriftCheck } from './detect.js';
import { type ColumnScoringThread, scoreTask } from './parallel-score.js';
import { resolveDriftSettings } from './plan.js';
import { readDriftInputs } from './read.js';
import { scoreColumns } from './score.js';

// The legacy tool's own outputs for these inputs (fixtures/drift/legacy/*/legacy-output.*.json).
const legacyFolder = fileURLToPath(new URL('../../../../fixtures/drift/legacy/', import.meta.url));
const cases = readdirSync(legacyFolder).flatMap((name) => [
  [name, 'default', {}] as const,
  [name, 'threshold_0.2', { threshold: 0.2 }] as const,
]);

/** Fields this toolkit adds to the legacy report (docs/drift-detector.md, "JSON report"). */
const ADDED_TOP = new Set([
  'method',
  'correction',
  'drift_share',
  'reference',
  'current',
  'unscored_features',
]);
const ADDED_FEATURE = new Set([
  'method',
  'score_kind',
  'threshold',
  'p_value_adjusted',
  'ks_pvalue',
  'chi_square_pvalue',
  'ref_missing',
  'cur_missing',
  'scored',
  'reason',
]);
type Json = Record<string, unknown>;
const without = (object: object, added: ReadonlySet<string>): Json =>
  Object.fromEntries(Object.entries(object).filter(([key]) => !added.has(key)));

describe('runDriftCheck in this process: the legacy tool, number for number', () => {
  it.each(cases)('%s, %s', async (name, variant, request) => {
    const { _exit_status: exitStatus, ...expected } = JSON.parse(
      readFileSync(`${legacyFolder}${name}/legacy-output.${variant}.json`, 'utf8'),
    ) as Json;
    const check = await runDriftCheck({
      referencePath: `${legacyFolder}${name}/reference.csv`,
      currentPath: `${legacyFolder}${name}/current.csv`,
      referenceName: 'reference.csv',
      currentName: 'current.csv',
      ...request,
    });
    const { features, ...top } = check.report;
    const { features: expectedFeatures, ...expectedTop } = expected;
    expect(without(top, ADDED_TOP)).toEqual(expectedTop);
    const legacyFeatures = features.map((feature) => without(feature, ADDED_FEATURE));
    expect(legacyFeatures).toEqual(expectedFeatures);
    // In the legacy order too.
    expect(legacyFeatures.map(Object.keys)).toEqual((expectedFeatures as Json[]).map(Object.keys));
    expect(check.report.alert).toBe(exitStatus === 1);
    expect(check.report).toMatchObject({
      reference: 'reference.csv',
      current: 'current.csv',
      method: 'legacy',
    });
  });
});

describe('values left unsorted give the report the sorted values give, to the last digit', () => {
  let folder: string;
  const paths = { referencePath: '', currentPath: '' };
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'mlops-unsorted-'));
    // Seeded: 6,000 rows, past the 1,024 values below which the unsorted KS sorts anyway. Bells with
    // 3 decimals (ties), a shifted one, integers, blanks, and text among numbers.
    let state = 7;
    const uniform = () => {
      state = (Math.imul(1664525, state) + 1013904223) >>> 0;
      return (state + 0.5) / 4294967296;
    };
    const bell = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
    const write = (path: string, shift: number) => {
      const rows = ['a,b,c,d,e'];
      for (let row = 0; row < 6_000; row++) {
        const d = uniform() < 0.05 ? '' : (bell() * 2 + shift * 3).toFixed(2);
        const e = uniform() < 0.01 ? 'n/a' : String(Math.floor(uniform() * (7 + shift)));
        rows.push(
          [bell().toFixed(3), (bell() + shift * 4).toFixed(3), Math.floor(uniform() * 12), d, e].join(','),
        );
      }
      writeFileSync(path, `${rows.join('\n')}\n`);
    };
    paths.referencePath = join(folder, 'reference.csv');
    paths.currentPath = join(folder, 'current.csv');
    write(paths.referencePath, 0);
    write(paths.currentPath, 0.08);
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it.each([
    ['legacy', {}],
    ['ks', { method: 'ks' as const }],
    ['ks_stat', { method: 'ks_stat' as const }],
    [
      'several tests',
      {
        tests: [
          { method: 'legacy' as const },
          { method: 'ks' as const },
          { method: 'missing_share' as const },
        ],
      },
    ],
  ])('%s', async (_name, request) => {
    // Charts ask the reader to sort; without them these methods leave the values in file order.
    const unsorted = await runDriftCheck({ ...paths, ...request });
    const sorted = await runDriftCheck({ ...paths, ...request }, { charts: true });
    expect(unsorted.report).toEqual(sorted.report);
    expect(unsorted.report.features.some((feature) => feature.is_drifted)).toBe(true);
  });
});

describe('runDriftCheck gives the report, the files summarised, and the charts when asked', () => {
  const folder = `${legacyFolder}missing_and_mixed/`;
  const request = { referencePath: `${folder}reference.csv`, currentPath: `${folder}current.csv` };

  it('in one pass, with the files summarised, and the same report as detectDrift', async () => {
    const check = await runDriftCheck(request);
    expect(check.passes).toBe(1);
    expect(check.charts).toEqual([]);
    expect(check.reference).toMatchObject({ name: request.referencePath, columns: 2 });
    expect(check.reference.rows).toBeGreaterThan(0);
    expect(await detectDrift(request)).toEqual(check.report);
  });

  it('the charts come from the scored columns, in the report order', async () => {
    const check = await runDriftCheck(request, { charts: true });
    expect(check.charts.map((chart) => chart.feature)).toEqual(
      check.report.features.map((feature) => feature.feature),
    );
    const settings = resolveDriftSettings({});
    const columns = scoreColumns(await readDriftInputs(request, settings, inProcessTableReader()));
    expect(check.charts).toEqual(driftCheckCharts({ report: check.report, columns }));
  });
});

describe('runDriftCheck under a budget too small for every column at once: passes, the same check', () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'mlops-detect-passes-'));
    // 20,000 rows: numbers, integers with blanks, categories, numbers as categories (read again with
    // their text), a column the current file lacks; a shifted current file.
    const lines = (shift: number, extra: boolean) => [
      `a,n,k,code${extra ? ',only' : ''}`,
      ...Array.from(
        { length: 20_000 },
        (_, i) =>
          `${((i * 7919) % 1000) / 10 + shift},${i % 13 === 0 ? '' : (i * 31) % (17 + shift)},${'pqrs'[(i + shift) % 4]},${i % 5 === 0 ? 'x' : i % 4}${extra ? `,${i % 2}` : ''}`,
      ),
    ];
    writeFileSync(join(folder, 'ref.csv'), `${lines(0, true).join('\n')}\n`);
    writeFileSync(join(folder, 'cur.csv'), `${lines(3, false).join('\n')}\n`);
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('scores on two threads when given a second, in one pass only: the same report', async () => {
    const request = { referencePath: join(folder, 'ref.csv'), currentPath: join(folder, 'cur.csv') };
    const expected = (await runDriftCheck(request)).report;
    // A second "thread" in this one: the task cloned with its arrays moved, as postMessage sends it.
    const started: string[] = [];
    const shares: number[][] = [];
    const scoring = (label: string) => ({
      minValues: 0,
      onShare: (worker: number, columns: number) => shares.push([worker, columns]),
      start: (): ColumnScoringThread => {
        started.push(label);
        return {
          score: async (task, transfer) => structuredClone(scoreTask(structuredClone(task, { transfer }))),
          close: async () => {},
        };
      },
    });
    const one = await runDriftCheck(request, { scoring: scoring('one pass') });
    expect(JSON.stringify(one.report)).toBe(JSON.stringify(expected));
    // A budget that holds about half of the columns at once: passes of more than one column each.
    const passes = await runDriftCheck(
      { ...request, maxMemoryBytes: 65.7e6 },
      { scoring: scoring('passes') },
    );
    expect(passes.passes).toBeGreaterThan(1);
    expect(passes.passes).toBeLessThan(5);
    expect(JSON.stringify(passes.report)).toBe(JSON.stringify(expected));
    expect(started).toEqual(['one pass']);
    expect(shares).toHaveLength(1);
    expect(shares[0]![1]).toBe(5);
  });

  it('one column a pass under 20 MB: the same report and charts, and progress over every column', async () => {
    const request = {
      referencePath: join(folder, 'ref.csv'),
      currentPath: join(folder, 'cur.csv'),
      categorical: ['code'],
      // Several tests (each column gets those that fit it) and a correction across every column.
      tests: [{ method: 'ks' as const }, { method: 'chisquare' as const }, { method: 'psi' as const }],
      correction: 'bonferroni' as const,
    };
    const one = await runDriftCheck(request, { charts: true });
    const progress: string[] = [];
    let between = 0;
    const passes = await runDriftCheck(
      { ...request, maxMemoryBytes: 20e6 },
      {
        charts: true,
        onColumn: (done, total) => progress.push(`${done}/${total}`),
        betweenPasses: async () => {
          between += 1;
        },
      },
    );
    expect(one.passes).toBe(1);
    expect(passes.passes).toBe(5);
    expect(between).toBe(4);
    expect(progress).toEqual(['1/5', '2/5', '3/5', '4/5', '5/5']);
    expect(passes.report).toEqual(one.report);
    expect(JSON.stringify(passes.report)).toBe(JSON.stringify(one.report));
    expect(passes.charts).toEqual(one.charts);
    expect(passes.charts).toHaveLength(4); // not the column the current file lacks
    expect(passes.reference).toEqual(one.reference);
    expect(passes.current).toEqual(one.current);
  });
});

describe('runDriftCheck in passes over CSV files: parsed once, the later passes loaded from a spill', () => {
  let folder: string;
  let temp: string;
  const openDescriptors = () => readdirSync('/proc/self/fd').length;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'mlops-detect-spill-'));
    temp = mkdtempSync(join(tmpdir(), 'mlops-detect-spill-temp-'));
    const lines = (shift: number, quoted: boolean) => [
      'a,n,k,-0',
      ...Array.from({ length: 20_000 }, (_, i) => {
        const k = 'pqrs'[(i + shift) % 4]!;
        return `${((i * 7919) % 1000) / 10 + shift},${i % 13 === 0 ? 'nan' : (i * 31) % (17 + shift)},${quoted && k === 'q' ? '"q, quoted"' : k},${i % 3 === 0 ? '-0' : i % 5}`;
      }),
    ];
    for (const quoted of [false, true]) {
      const suffix = quoted ? '-quoted' : '';
      writeFileSync(join(folder, `ref${suffix}.csv`), `${lines(0, quoted).join('\n')}\n`);
      writeFileSync(join(folder, `cur${suffix}.csv`), `${lines(3, quoted).join('\n')}\n`);
    }
  });
  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
    rmSync(temp, { recursive: true, force: true });
  });

  it.each(['', '-quoted'])(
    'the same report and charts as one pass (files%s), the spills said, nothing left',
    async (suffix) => {
      const request = {
        referencePath: join(folder, `ref${suffix}.csv`),
        currentPath: join(folder, `cur${suffix}.csv`),
        referenceName: 'ref.csv',
        currentName: 'cur.csv',
        tests: [{ method: 'ks' as const }, { method: 'chisquare' as const }],
      };
      const before = openDescriptors();
      const one = await runDriftCheck(request, { charts: true });
      const passes = await runDriftCheck(
        { ...request, maxMemoryBytes: 20e6 },
        { charts: true, tempFolder: temp },
      );
      expect(one.spills).toEqual([]);
      expect(passes.passes).toBe(4);
      expect(JSON.stringify(passes.report)).toBe(JSON.stringify(one.report));
      expect(passes.charts).toEqual(one.charts);
      expect(passes.spills).toEqual([
        expect.objectContaining({ file: 'ref.csv', columns: 3, inMemory: false }),
        expect.objectContaining({ file: 'cur.csv', columns: 3, inMemory: false }),
      ]);
      expect(passes.spills[0]!.folder.startsWith(join(temp, 'mlops-spill-'))).toBe(true);
      expect(passes.spills[0]!.bytes).toBeGreaterThan(20_000 * 8);
      expect(readdirSync(temp)).toEqual([]);
      await new Promise((resolve) => setImmediate(resolve));
      expect(openDescriptors()).toBe(before);
    },
  );

  it('a usage error mid-way (a method that does not fit a column found in a later pass): the spill is gone too', async () => {
    const before = openDescriptors();
    await expect(
      runDriftCheck(
        {
          referencePath: join(folder, 'ref.csv'),
          currentPath: join(folder, 'cur.csv'),
          method: 'wasserstein',
          maxMemoryBytes: 20e6,
        },
        { tempFolder: temp },
      ),
    ).rejects.toThrow(/method wasserstein does not apply to categorical column "k"/);
    expect(readdirSync(temp)).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(openDescriptors()).toBe(before);
  });
});
