import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ByteDictionary } from '../csv/byte-dictionary.js';
import { MemoryBudgetError } from '../csv/memory.js';
import { type CsvSpill, SPILL_BUFFER_BYTES } from '../csv/spill.js';
import { UsageError } from '../errors.js';
import { duckdb, sqlPath } from '../table/testing/duckdb.js';
import {
  groupColumns,
  groupReadBytes,
  type PassPlan,
  PROCESS_ALLOWANCE_BYTES,
  passFileTarget,
  planPasses,
  planPassRun,
  READ_OVERHEAD_BYTES,
  runPasses,
  spillReadBytes,
  splitGroup,
} from './passes.js';
import { resolveDriftSettings } from './plan.js';
import type { DriftPassRead, PerFile } from './read.js';

const MB = 1e6;
const sizes = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe('passFileTarget: the budget less the process allowance, halved between the files', () => {
  it.each([
    [1e9, (1e9 - PROCESS_ALLOWANCE_BYTES) / 2],
    [2e9, (2e9 - PROCESS_ALLOWANCE_BYTES) / 2],
    // A small budget keeps at least half of itself for the data.
    [200 * MB, 50 * MB],
    [20 * MB, 5 * MB],
  ])('%d bytes → %d per file', (budget, expected) => {
    expect(passFileTarget(budget)).toBe(expected);
  });
});

describe('groupReadBytes: the columns with the margin, the largest once more by half, the buffers', () => {
  it.each([
    [[], READ_OVERHEAD_BYTES],
    [[100 * MB], 110 * MB + 55 * MB + READ_OVERHEAD_BYTES],
    [[100 * MB, 50 * MB], 165 * MB + 55 * MB + READ_OVERHEAD_BYTES],
    [[10 * MB, 10 * MB, 10 * MB], 33 * MB + 5.5 * MB + READ_OVERHEAD_BYTES],
  ])('%j → %d', (columns, expected) => {
    expect(groupReadBytes(columns)).toBe(Math.ceil(expected));
  });
});

describe('groupColumns: in order, as many columns per pass as every file can hold', () => {
  const names = ['a', 'b', 'c', 'd'];
  it.each<[string, ReadonlyMap<string, number>[], number, string[][]]>([
    ['everything fits: one group', [sizes({ a: MB, b: MB, c: MB, d: MB })], 100 * MB, [names]],
    [
      'two columns per pass',
      [sizes({ a: 100 * MB, b: 100 * MB, c: 100 * MB, d: 100 * MB })],
      300 * MB,
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    [
      'a column too big alone gets its own group',
      [sizes({ a: 10 * MB, b: 900 * MB, c: 10 * MB, d: 10 * MB })],
      300 * MB,
      [['a'], ['b'], ['c', 'd']],
    ],
    [
      'the file holding more decides; a column a file lacks counts nothing there',
      [sizes({ a: 100 * MB, b: 100 * MB, c: 100 * MB }), sizes({ a: 10 * MB, d: 250 * MB })],
      300 * MB,
      [['a', 'b'], ['c'], ['d']],
    ],
    [
      'order is kept, never packed across',
      [sizes({ a: 100 * MB, b: 10 * MB, c: 100 * MB, d: 10 * MB })],
      300 * MB,
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
  ])('%s', (_, files, target, expected) => {
    expect(groupColumns(names, files, target)).toEqual(expected);
  });

  it('every planned column is in exactly one group, in plan order', () => {
    const many = Array.from({ length: 50 }, (_, index) => `c${index}`);
    const bytes = new Map(many.map((name, index) => [name, ((index * 37) % 11) * 10 * MB]));
    const groups = groupColumns(many, [bytes], 200 * MB);
    expect(groups.flat()).toEqual(many);
    for (const group of groups)
      if (group.length > 1)
        expect(groupReadBytes(group.map((name) => bytes.get(name)!))).toBeLessThanOrEqual(200 * MB);
  });
});

describe('splitGroup: a group that did not fit, in two halves', () => {
  it.each([
    [
      ['a', 'b', 'c', 'd'],
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    [
      ['a', 'b', 'c'],
      [['a'], ['b', 'c']],
    ],
    [
      ['a', 'b'],
      [['a'], ['b']],
    ],
    [['a'], []],
  ])('%j → %j', (group, expected) => {
    expect(splitGroup(group)).toEqual(expected);
  });
});

describe('planPasses: the groups of a check, from the files estimated', () => {
  let folder: string;
  const at = (name: string) => join(folder, name);
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'mlops-passes-'));
    // 200,000 rows of three numbers and a category: 1.6 MB per numeric column, 0.8 MB for the codes.
    const rows = Array.from(
      { length: 200_000 },
      (_, index) => `${index},${index % 7}.5,${-index},${'abc'[index % 3]}`,
    );
    writeFileSync(at('data.csv'), `x,y,z,k\n${rows.join('\n')}\n`);
    writeFileSync(at('data.csv.gz'), 'not read');
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  const source = (budget: number | undefined, name = 'data.csv') => ({
    referencePath: at(name),
    currentPath: at(name),
    ...(budget === undefined ? {} : { maxMemoryBytes: budget }),
  });

  it('no budget, or a budget that holds everything: one pass', async () => {
    expect(await planPasses(source(undefined), resolveDriftSettings({}))).toBeUndefined();
    expect(await planPasses(source(1e9), resolveDriftSettings({}))).toBeUndefined();
  });

  it('a small budget: groups in plan order, the columns asked for only', async () => {
    // 20 MB: 5 MB per file less 16 MB of buffers: every column alone.
    expect(await planPasses(source(20 * MB), resolveDriftSettings({}))).toEqual([['x'], ['y'], ['z'], ['k']]);
    expect(await planPasses(source(20 * MB), resolveDriftSettings({ columns: ['k', 'x'] }))).toEqual([
      ['k'],
      ['x'],
    ]);
    // 80 MB: 20 MB per file, room for a numeric column and the codes of k; 100 MB: room for all.
    expect(await planPasses(source(80 * MB), resolveDriftSettings({}))).toEqual([['x'], ['y'], ['z', 'k']]);
    expect(await planPasses(source(100 * MB), resolveDriftSettings({}))).toBeUndefined();
  });

  it('no estimate (a gzipped CSV) or a plan that fails (a column not in the file): one pass, the read says why', async () => {
    expect(await planPasses(source(20 * MB, 'data.csv.gz'), resolveDriftSettings({}))).toBeUndefined();
    expect(await planPasses(source(20 * MB), resolveDriftSettings({ columns: ['nope'] }))).toBeUndefined();
  });
});

describe('spilling: the first pass of a CSV file parses it once, the later ones load their columns', () => {
  it('spillReadBytes: two buffers, the byte-level lookup table, the distinct texts with the margin', () => {
    expect(spillReadBytes(0)).toBe(2 * SPILL_BUFFER_BYTES + ByteDictionary.byteSize());
    expect(spillReadBytes(1000)).toBe(spillReadBytes(0) + 1100);
  });

  const spilledCost = (entries: Record<string, number>) => new Map(Object.entries(entries));
  it.each<
    [string, ReadonlyMap<string, number>[], (ReadonlyMap<string, number> | undefined)[], number, string[][]]
  >([
    [
      'the first group holds what it spills: smaller by as much; the later groups as before',
      [sizes({ a: 100 * MB, b: 100 * MB, c: 100 * MB, d: 100 * MB })],
      [spilledCost({ a: 30 * MB, b: 30 * MB, c: 30 * MB, d: 30 * MB })],
      300 * MB,
      [['a'], ['b', 'c'], ['d']],
    ],
    [
      'a longer first group can fit where a shorter one does not (holding costs less than spilling)',
      [sizes({ a: 10 * MB, b: 10 * MB, c: 10 * MB, d: 10 * MB })],
      [spilledCost({ a: 20 * MB, b: 20 * MB, c: 20 * MB, d: 20 * MB })],
      100 * MB,
      [['a', 'b', 'c', 'd']],
    ],
    [
      'only the files that spill count it',
      [sizes({ a: 100 * MB, b: 100 * MB, c: 100 * MB, d: 100 * MB }), sizes({ a: MB })],
      [undefined, spilledCost({ a: 300 * MB, b: 300 * MB, c: 300 * MB, d: 300 * MB })],
      300 * MB,
      [['a'], ['b', 'c'], ['d']],
    ],
    [
      'no spill: as groupColumns without it',
      [sizes({ a: 100 * MB, b: 100 * MB, c: 100 * MB, d: 100 * MB })],
      [undefined],
      300 * MB,
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
  ])('%s', (_, files, spilled, target, expected) => {
    expect(groupColumns(['a', 'b', 'c', 'd'], files, target, spilled)).toEqual(expected);
  });

  describe('planPassRun and runPasses', () => {
    let folder: string;
    let temp: string;
    const at = (name: string) => join(folder, name);
    beforeAll(async () => {
      folder = mkdtempSync(join(tmpdir(), 'mlops-passes-spill-'));
      temp = mkdtempSync(join(tmpdir(), 'mlops-passes-temp-'));
      const rows = Array.from(
        { length: 200_000 },
        (_, index) => `${index},${index % 7}.5,${-index},${'abc'[index % 3]}`,
      );
      writeFileSync(at('data.csv'), `x,y,z,k\n${rows.join('\n')}\n`);
      const db = await duckdb();
      try {
        await db.run(
          `COPY (SELECT * FROM read_csv(${sqlPath(at('data.csv'))}, header = true)) TO ${sqlPath(at('data.parquet'))} (FORMAT parquet)`,
        );
      } finally {
        db.close();
      }
    });
    afterAll(() => {
      rmSync(folder, { recursive: true, force: true });
      rmSync(temp, { recursive: true, force: true });
    });

    it('planPassRun: the groups, and which files spill (CSV ones)', async () => {
      const settings = resolveDriftSettings({});
      const csv = { referencePath: at('data.csv'), currentPath: at('data.csv'), maxMemoryBytes: 20 * MB };
      expect(await planPassRun(csv, settings)).toEqual({
        groups: [['x'], ['y'], ['z'], ['k']],
        spill: { reference: true, current: true },
      });
      expect(await planPassRun({ ...csv, currentPath: at('data.parquet') }, settings)).toMatchObject({
        spill: { reference: true, current: false },
      });
      expect(await planPassRun({ ...csv, maxMemoryBytes: undefined }, settings)).toBeUndefined();
    });

    /** What a read of `pass` spills: what it was asked to, for a file whose header is x, y, z, k. */
    const spilledBy = (pass: DriftPassRead): PerFile<CsvSpill> =>
      Object.fromEntries(
        Object.entries(pass.spill ?? {}).map(([role, request]) => [
          role,
          {
            ...request!,
            file: role,
            header: ['x', 'y', 'z', 'k'],
            rowCount: 1,
            delimiter: ',',
            delimiterDetected: false,
            spilled: [...request!.columns].map((name) => ({
              name,
              missingCount: 0,
              textCount: 0,
              keepsText: false,
              numbers: { count: 0, extents: [] },
              codes: { count: 0, extents: [] },
              categories: { count: 0, extents: [] },
            })),
            bytes: 0,
          },
        ]),
      );
    const budgetError = () =>
      new MemoryBudgetError({ bytesRead: 1, rows: 1, limitBytes: 1, budgetBytes: 2 }, { file: 'f' });
    const plan: PassPlan = { groups: [['x', 'y'], ['z'], ['k']], spill: { reference: true, current: false } };

    it('runPasses: the first pass spills the later columns, the later ones are given the spill', async () => {
      const seen: string[] = [];
      const run = await runPasses(
        plan,
        async (pass) => {
          const spill = pass.spill?.reference;
          seen.push(
            `${[...pass.group]} spill:${spill ? [...spill.columns] : '-'} current:${pass.spill?.current ?? '-'} from:${pass.spilled?.reference?.spilled.map((column) => column.name) ?? '-'}`,
          );
          return spilledBy(pass);
        },
        { tempFolder: temp },
      );
      expect(seen).toEqual([
        'x,y spill:z,k current:- from:-',
        'z spill:- current:- from:z,k',
        'k spill:- current:- from:z,k',
      ]);
      expect(run.passes).toBe(3);
      expect(run.spills.map((spill) => spill.file)).toEqual(['reference']);
      expect(readdirSync(temp)).toEqual([]);
    });

    it('runPasses: a spilling group that stops at the budget is halved and spills again; one column alone, without spilling', async () => {
      const seen: string[] = [];
      const run = await runPasses(
        plan,
        async (pass) => {
          const spill = pass.spill?.reference;
          seen.push(`${[...pass.group]} spill:${spill ? [...spill.columns] : '-'} fd:${spill?.fd ?? '-'}`);
          if (spill !== undefined) throw budgetError();
          return spilledBy(pass);
        },
        { tempFolder: temp },
      );
      const fds = seen.map((line) => line.split('fd:')[1]);
      expect(seen.map((line) => line.split(' fd:')[0])).toEqual([
        'x,y spill:z,k',
        'x spill:y,z,k',
        'x spill:-',
        'y spill:-',
        'z spill:-',
        'k spill:-',
      ]);
      // Each try spills into a file of its own (a failed try's read may still be writing its own).
      expect(new Set(fds.slice(0, 2)).size).toBe(2);
      expect(run).toEqual({ passes: 6, spills: [] });
    });

    it('runPasses: an error mid-way closes the spill files, and the folder is empty', async () => {
      const open = readdirSync('/proc/self/fd').length;
      await expect(
        runPasses(
          plan,
          async (pass) => {
            if (pass.group.has('k'))
              throw new UsageError('method x does not apply to column "k"', { field: 'method' });
            return spilledBy(pass);
          },
          { tempFolder: temp },
        ),
      ).rejects.toThrow('method x does not apply');
      await new Promise((resolve) => setImmediate(resolve));
      expect(readdirSync('/proc/self/fd').length).toBe(open);
      expect(readdirSync(temp)).toEqual([]);
    });

    it('runPasses: a temporary folder that cannot be written stops the check before any read', async () => {
      const reads: string[] = [];
      await expect(
        runPasses(
          plan,
          async (pass) => {
            reads.push([...pass.group].join());
            return {};
          },
          { tempFolder: join(temp, 'missing') },
        ),
      ).rejects.toMatchObject({
        file: join(temp, 'missing'),
        message: 'cannot make a file there to spill columns to (ENOENT: no such file or directory)',
      });
      expect(reads).toEqual([]);
    });
  });
});
