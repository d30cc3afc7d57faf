import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { csvSourceFromText, inProcessTableReader, parseCsvColumns } from '../csv/index.js';
import { InputError, UsageError } from '../errors.js';
import { resolveDriftSettings } from './plan.js';
import { columnNamed, inferFeatureKind, readDriftInputs, settleKinds } from './read.js';

const column = (values: string[]) =>
  parseCsvColumns(csvSourceFromText('f.csv', `v\n${values.map((value) => `"${value}"`).join('\n')}\n`))
    .columns[0]!;

describe('inferFeatureKind: numeric when more than 80% of the non-missing reference cells are numbers', () => {
  it.each([
    [['1', '2', '3', '4', 'x'], 'categorical'], // 80%, not more
    [['1', '2', '3', '4', '5', 'x'], 'numeric'], // 83%
    [['1', '2', '', ' ', 'nan', 'inf'], 'numeric'], // missing cells do not count
    [['', ''], 'categorical'], // nothing to go by
    [['1_000', '.5', '5.', '+1e3', ' 7 '], 'numeric'],
    [['0x10', '1,5', '1', '2'], 'categorical'],
  ])('%j → %s', (values, kind) => {
    expect(inferFeatureKind(column(values))).toBe(kind);
  });
});

describe('settleKinds', () => {
  it('keeps a forced kind and infers the others from the reference', () => {
    const table = parseCsvColumns(csvSourceFromText('r.csv', 'a,b,c\n1,x,1\n2,y,2\n'));
    expect(
      settleKinds(
        [
          { name: 'a', tests: [{ method: 'legacy' }], combine: 'any' },
          { name: 'b', tests: [{ method: 'psi' }], combine: 'any' },
          { name: 'c', kind: 'categorical', tests: [{ method: 'legacy' }], combine: 'any' },
        ],
        table,
      ),
    ).toEqual([
      { name: 'a', kind: 'numeric', tests: [{ method: 'legacy' }], combine: 'any' },
      { name: 'b', kind: 'categorical', tests: [{ method: 'psi' }], combine: 'any' },
      { name: 'c', kind: 'categorical', tests: [{ method: 'legacy' }], combine: 'any' },
    ]);
  });
});

describe('readDriftInputs: both files, the plan, the kinds', () => {
  const folder = mkdtempSync(join(tmpdir(), 'drift-read-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    const path = join(folder, name);
    writeFileSync(path, text);
    return path;
  };
  const reference = file('ref.csv', 'n,code,city\n3,10,Oslo\n1,20,Rome\n2,10,Oslo\n');
  const current = file('cur.csv', 'city,n,code\nRome,5,30\nOslo,4,10\n');

  it('plans from the reference header, settles kinds, sorts numbers and keeps the text of number categories', async () => {
    const settings = resolveDriftSettings({ categorical: ['code'] });
    const inputs = await readDriftInputs(
      { referencePath: reference, currentPath: current, referenceName: 'ref.csv', currentName: 'cur.csv' },
      settings,
      inProcessTableReader(),
    );
    expect(inputs.columns).toEqual([
      { name: 'n', kind: 'numeric', tests: [{ method: 'legacy' }], combine: 'any' },
      { name: 'code', kind: 'categorical', tests: [{ method: 'legacy' }], combine: 'any' },
      { name: 'city', kind: 'categorical', tests: [{ method: 'legacy' }], combine: 'any' },
    ]);
    expect(inputs.reference.file).toBe('ref.csv');
    expect([...columnNamed(inputs.reference, 'n')!.numbers]).toEqual([1, 2, 3]);
    expect(columnNamed(inputs.reference, 'n')!.numbersSorted).toBe(true);
    expect([...columnNamed(inputs.current, 'n')!.numbers]).toEqual([4, 5]);
    expect(columnNamed(inputs.reference, 'code')!.keepsText).toBe(true);
    expect(columnNamed(inputs.current, 'code')!.categories).toEqual(expect.arrayContaining(['30', '10']));
  });

  it('reads again, keeping text, a column inferred categorical that holds some numbers', async () => {
    const mixed = file('mixed.csv', 'v\n1\nx\ny\n');
    const inputs = await readDriftInputs(
      { referencePath: mixed, currentPath: mixed },
      resolveDriftSettings({}),
      inProcessTableReader(),
    );
    expect(inputs.columns[0]!.kind).toBe('categorical');
    expect(columnNamed(inputs.reference, 'v')!.keepsText).toBe(true);
    expect([...columnNamed(inputs.reference, 'v')!.categories].sort()).toEqual(['1', 'x', 'y']);
  });

  it('reports the reference error before the columns and the current file', async () => {
    const read = readDriftInputs(
      {
        referencePath: join(folder, 'none.csv'),
        currentPath: join(folder, 'neither.csv'),
        referenceName: 'none.csv',
      },
      resolveDriftSettings({ columns: ['zzz'] }),
      inProcessTableReader(),
    );
    await expect(read).rejects.toBeInstanceOf(InputError);
    await expect(read).rejects.toMatchObject({ file: 'none.csv' });
  });

  it('reports a column the reference lacks before an unreadable current file', async () => {
    const read = readDriftInputs(
      { referencePath: reference, currentPath: join(folder, 'neither.csv') },
      resolveDriftSettings({ columns: ['zzz'] }),
      inProcessTableReader(),
    );
    await expect(read).rejects.toBeInstanceOf(UsageError);
  });

  it('refuses files whose detected delimiters disagree', async () => {
    const semicolons = file('semi.csv', 'a;b\n1;2\n3;4\n');
    const commas = file('comma.csv', 'a,b\n1,2\n3,4\n');
    await expect(
      readDriftInputs(
        { referencePath: semicolons, currentPath: commas },
        resolveDriftSettings({}),
        inProcessTableReader(),
      ),
    ).rejects.toThrow(/delimiter|separated/);
  });
});
