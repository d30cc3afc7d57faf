import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  groupColumns,
  groupReadBytes,
  PROCESS_ALLOWANCE_BYTES,
  passFileTarget,
  planPasses,
  READ_OVERHEAD_BYTES,
  splitGroup,
} from './passes.js';
import { resolveDriftSettings } from './plan.js';

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
