import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { type CsvColumn, CsvColumnBuilder, type CsvColumnTable } from './columns.js';
import { MemoryBudgetError, ReadMemory } from './memory.js';
import { type CsvReadOptions, csvSourceFromText, parseCsvColumnsGeneral, readCsvColumns } from './read.js';
import {
  type CsvSpill,
  CsvSpillWriter,
  loadSpilledTable,
  MIN_SPILL_BUFFER_BYTES,
  SPILL_BUFFER_BYTES,
  type SpillWrite,
  spillHolds,
  spillWriteError,
} from './spill.js';
import { CsvSpillSpace } from './spill-space.js';
import { readTable } from './table-reader.js';

const dir = mkdtempSync(join(tmpdir(), 'mlops-spill-test-'));
const space = new CsvSpillSpace(mkdtempSync(join(tmpdir(), 'mlops-spill-root-')));
afterEach(() => {
  // Nothing is ever left in the temporary folder: each spill file is unlinked as soon as it is made.
  expect(readdirSync(space.root)).toEqual([]);
});
afterAll(() => {
  space.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(space.root, { recursive: true, force: true });
});

function write(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** A column as plain data, its numbers as their bytes (so `-0` and `0` differ). */
function plain(column: CsvColumn) {
  return {
    name: column.name,
    missingCount: column.missingCount,
    textCount: column.textCount,
    keepsText: column.keepsText,
    numbers: Buffer.from(
      column.numbers.buffer,
      column.numbers.byteOffset,
      column.numbers.byteLength,
    ).toString('hex'),
    codes: [...column.codes],
    categories: [...column.categories],
  };
}

/**
 * Reads `path` twice: holding every column, and holding `kept` only while spilling the others;
 * returns both tables and the second's spill, after checking its held columns are the first's.
 */
function readBothWays(path: string, kept: readonly string[], options: CsvReadOptions = {}, budget?: number) {
  const whole = readCsvColumns(path, options);
  const spilledNames = new Set(whole.header.filter((name) => !kept.includes(name)));
  const [request] = space.open(spilledNames, ['file']);
  const table = readCsvColumns(path, {
    ...options,
    only: new Set(kept),
    spill: request,
    maxMemoryBytes: budget,
  });
  const spill = table.spill!;
  expect(spill).toMatchObject({
    fd: request!.fd,
    file: whole.file,
    header: whole.header,
    rowCount: whole.rowCount,
    delimiter: whole.delimiter,
  });
  for (const name of kept) {
    const index = whole.header.indexOf(name);
    expect(plain(table.columns[index]!)).toEqual(plain(whole.columns[index]!));
  }
  return { whole, table, spill };
}

/** Every spilled column loaded back is the column a read holding it gives, byte for byte. */
function expectSameColumns(whole: CsvColumnTable, spill: CsvSpill, only?: ReadonlySet<string>) {
  const loaded = loadSpilledTable(spill, only ?? new Set(spill.columns), new ReadMemory('f'));
  expect(loaded.header).toEqual(whole.header);
  expect(loaded.rowCount).toBe(whole.rowCount);
  for (const [index, name] of whole.header.entries()) {
    if (only !== undefined && !only.has(name)) continue;
    if (!spill.columns.has(name)) continue;
    expect(plain(loaded.columns[index]!)).toEqual(plain(whole.columns[index]!));
  }
  return loaded;
}

describe('spilling columns while reading a CSV file, and loading them back', () => {
  it('numbers (-0 kept, NaN and ±inf never stored), codes, texts, keepText and empty columns, both readers', () => {
    const rows = [
      'x,label,code,blank,mixed',
      '-0,a,7,,1',
      '0,b,7.0,,x',
      'nan,é€𝄞,A,, ',
      'inf,a,,,2.5',
      '-inf,,7,,NaN',
      '1e308,"",x,,-0.0',
      '-2.5,b,7,,y',
    ];
    const plainFile = write('plain.csv', `${rows.join('\n').replace(',"",', ',,')}\n`);
    const quoted = write('quoted.csv', `${rows.join('\n').replace('a,7', '"a, quoted\nline",7')}\n`);
    for (const path of [plainFile, quoted]) {
      const { whole, spill } = readBothWays(path, ['label'], { keepText: new Set(['code']) });
      expect(spill.spilled.map((column) => column.name)).toEqual(['x', 'code', 'blank', 'mixed']);
      const loaded = expectSameColumns(whole, spill);
      const x = loaded.columns[0]!;
      expect(x.missingCount).toBe(3);
      expect([...x.numbers]).toEqual([-0, 0, 1e308, -2.5]);
      expect(Object.is(x.numbers[0], -0)).toBe(true);
      for (const column of loaded.columns) expect(column.numbers.every(Number.isFinite)).toBe(true);
      // keepText: the numbers' text kept as written (7 and 7.0 differ).
      expect(loaded.columns[2]).toMatchObject({ keepsText: true, categories: ['7', '7.0', 'A', 'x'] });
      expect(plain(loaded.columns[3]!)).toMatchObject({ missingCount: 7, numbers: '', codes: [] });
      expect(spill.spilled[2]).toMatchObject({
        numbers: { count: 0, extents: [] },
        codes: { count: 0, extents: [] },
        categories: { count: 0, extents: [] },
      });
    }
  });

  it('many buffers (smaller under a budget), texts longer than a buffer, the general reader taking over', () => {
    const long = 'L'.repeat(150_000);
    const lines = ['n,t,held'];
    for (let row = 0; row < 30_000; row += 1)
      lines.push(`${(row * 0.37).toFixed(3)},${row === 5 ? long : `t${row % 4000}`},${row}`);
    const plainFile = write('many.csv', `${lines.join('\n')}\n`);
    // A quote near the end: the byte-level reader spills its first chunks, then hands over.
    lines[29_990] = '1,"q",2';
    const handedOver = write('handed-over.csv', `${lines.join('\n')}\n`);
    for (const path of [plainFile, handedOver]) {
      const { whole, spill } = readBothWays(path, ['held'], {}, 4e6);
      const [n, t] = spill.spilled;
      const sizes = (extents: readonly number[]) => extents.filter((_, index) => index % 2 === 1);
      const buffers = sizes(n!.numbers.extents);
      expect(buffers.length).toBeGreaterThanOrEqual(3);
      // Every buffer but the last written full, each smaller than 1 MiB under this budget.
      expect(new Set(buffers.slice(0, -1)).size).toBe(1);
      expect(buffers[0]).toBeLessThan(SPILL_BUFFER_BYTES);
      expect(buffers[0]).toBeGreaterThanOrEqual(MIN_SPILL_BUFFER_BYTES);
      // The long text, an extent of its own.
      expect(sizes(t!.categories.extents)).toContain(4 + long.length);
      expect(t!.categories.count).toBe(whole.columns[1]!.categories.length);
      expect(t!.categories.count).toBeGreaterThan(4000);
      // What was written is what the extents say, nothing more (the handed-over attempt was emptied).
      const written = spill.spilled.flatMap((column) =>
        [column.numbers, column.codes, column.categories].flatMap((array) => sizes(array.extents)),
      );
      expect(written.reduce((sum, bytes) => sum + bytes, 0)).toBe(spill.bytes);
      expectSameColumns(whole, spill);
    }
  });

  it("a spilled column's distinct texts are charged while the read lasts, then let go", () => {
    // 40,000 distinct ids: about 4 MB of dictionary (2 bytes a character, 80 an entry).
    const lines = ['n,id'];
    for (let row = 0; row < 40_000; row += 1) lines.push(`${row},id-${row.toString(36).padStart(8, '0')}`);
    const path = write('ids.csv', `${lines.join('\n')}\n`);
    const [request] = space.open(new Set(['id']), ['file']);
    // Holding n alone fits 3 MB; with id spilled, its dictionary does not.
    expect(readCsvColumns(path, { only: new Set(['n']), maxMemoryBytes: 3e6 }).rowCount).toBe(40_000);
    expect(() => readCsvColumns(path, { only: new Set(['n']), spill: request, maxMemoryBytes: 3e6 })).toThrow(
      MemoryBudgetError,
    );
    const memory = new ReadMemory('ids.csv');
    const table = readCsvColumns(path, { only: new Set(['n']), spill: request, memory });
    // The dictionary (11 characters an id) was charged, then let go when the column was written out.
    const dictionary = 40_000 * (2 * 11 + 80);
    expect(memory.peak).toBeGreaterThan(dictionary);
    expect(memory.held).toBeLessThanOrEqual(memory.peak - dictionary);
    expect(table.spill!.spilled[0]!.categories.count).toBe(40_000);
  });

  it('a buffer of at most 1 MiB without a budget, less under one', () => {
    const columns = new Set(['a', 'b']);
    const request = { fd: -1, folder: 'f', columns };
    expect(new CsvSpillWriter(request, 'x.csv').bufferBytes()).toBe(SPILL_BUFFER_BYTES);
    // An eighth of what is left, shared by two arrays per column.
    expect(new CsvSpillWriter(request, 'x.csv').bufferBytes(new ReadMemory('x', 3.2e6))).toBe(100_000);
    expect(new CsvSpillWriter(request, 'x.csv').bufferBytes(new ReadMemory('x', 1e3))).toBe(
      MIN_SPILL_BUFFER_BYTES,
    );
  });

  it('a column one file lacks: not spilled, and a group with it still loads from the spill', () => {
    const path = write('lacks.csv', 'a,b\n1,x\n2,y\n');
    const [request] = space.open(new Set(['b', 'gone']), ['file']);
    const table = readCsvColumns(path, { file: 'lacks.csv', only: new Set(['a']), spill: request });
    expect(table.spill!.spilled.map((column) => column.name)).toEqual(['b']);
    expect(spillHolds(table.spill!, new Set(['b', 'gone']))).toBe(true);
    expect(spillHolds(table.spill!, new Set(['a']))).toBe(false);
    const loaded = loadSpilledTable(table.spill!, new Set(['b', 'gone']), new ReadMemory('f'));
    expect(loaded.header).toEqual(['a', 'b']);
    expect(plain(loaded.columns[1]!)).toMatchObject({ codes: [0, 1], categories: ['x', 'y'] });
    expect(plain(loaded.columns[0]!)).toMatchObject({ numbers: '', codes: [] });
    expect(() => loadSpilledTable(table.spill!, new Set(['a']), new ReadMemory('f'))).toThrow(
      'column "a" of lacks.csv was not spilled',
    );
  });

  it('a load from the spill in a table read, sorted as a read would be, charged as a read is', async () => {
    const path = write('sorted.csv', 'a,b\n3,x\n-1,y\n2,x\n');
    const [request] = space.open(new Set(['a', 'b']), ['file']);
    const first = readCsvColumns(path, { file: 'sorted.csv', only: new Set(), spill: request });
    const request2 = { file: 'sorted.csv', only: new Set(['a', 'b']), sortNumbers: true };
    const loaded = await readTable('/nowhere', { ...request2, fromSpill: first.spill! });
    expect(loaded).toEqual(await readTable(path, request2));
    // A budget that cannot hold a column: the load stops as a read would.
    await expect(
      readTable('/nowhere', { ...request2, fromSpill: first.spill!, maxMemoryBytes: 10 }),
    ).rejects.toBeInstanceOf(MemoryBudgetError);
  });
});

describe('a spill that cannot be written: exit 2, one line naming the folder and what to do', () => {
  const request = { fd: 99_999, folder: '/tmp/mlops-spill-AbC123', columns: new Set(['n']) };
  const fault =
    (code: string): SpillWrite =>
    () => {
      throw Object.assign(new Error(`${code}: some message, write`), { code });
    };

  it.each([
    [
      'ENOSPC',
      '/tmp/mlops-spill-AbC123: no space left on the device while spilling columns of big.csv there (free space there, or point TMPDIR at a folder on a disk with more; or raise maxMemory, so that fewer columns are spilled)',
    ],
    [
      'EDQUOT',
      '/tmp/mlops-spill-AbC123: disk quota exceeded while spilling columns of big.csv there (free space there, or point TMPDIR at a folder on a disk with more; or raise maxMemory, so that fewer columns are spilled)',
    ],
    [
      'EFBIG',
      '/tmp/mlops-spill-AbC123: the spill file reached the size limit of a file (ulimit -f) while spilling columns of big.csv there (raise the file size limit; or raise maxMemory, so that fewer columns are spilled)',
    ],
    [
      'EIO',
      '/tmp/mlops-spill-AbC123: cannot write (EIO: some message, write) while spilling columns of big.csv there (free space there, or point TMPDIR at a folder on a disk with more; or raise maxMemory, so that fewer columns are spilled)',
    ],
  ])('%s', (code, line) => {
    const error = spillWriteError(
      Object.assign(new Error(`${code}: some message, write`), { code }),
      request,
      'big.csv',
    );
    expect(error).toBeInstanceOf(InputError);
    expect(error.exitCode).toBe(2);
    expect(error.toLine()).toBe(line);
  });

  it('the fault-injection seam: a full disk met while a column fills its buffers stops the read with that error', () => {
    const writer = new CsvSpillWriter(request, 'big.csv', fault('ENOSPC'));
    const builder = new CsvColumnBuilder('n', false, undefined, new ReadMemory('big.csv'), writer);
    let thrown: unknown;
    try {
      for (let value = 0; value < 1e6; value += 1) builder.addNumber(value);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InputError);
    expect((thrown as InputError).message).toBe(
      'no space left on the device while spilling columns of big.csv there',
    );
    // A short write is continued where it stopped.
    const chunks: number[] = [];
    const short = new CsvSpillWriter(request, 'big.csv', (_fd, _buffer, _offset, length, position) => {
      chunks.push(position);
      return Math.min(length, 3);
    });
    expect(short.append(new Uint8Array(8))).toBe(0);
    expect(short.append(new Uint8Array(2))).toBe(8);
    expect(chunks).toEqual([0, 3, 6, 8]);
  });

  it('the general reader meets it too', () => {
    const source = csvSourceFromText('q.csv', `a,b\n${'"1",2\n'.repeat(5000)}`);
    const writer = new CsvSpillWriter({ ...request, columns: new Set(['b']) }, 'q.csv', fault('ENOSPC'));
    expect(() =>
      parseCsvColumnsGeneral(source, { only: new Set(['a']) }, new ReadMemory('q.csv', 1e6), writer),
    ).toThrow('no space left on the device while spilling columns of q.csv there');
  });
});
