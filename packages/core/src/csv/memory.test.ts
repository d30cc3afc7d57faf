import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { tableHeldBytes } from './columns.js';
import { csvSourceFromText, parseCsvColumns, readCsvColumns } from './index.js';
import { formatDecimalBytes, MemoryBudgetError, memoryShare, ReadMemory } from './memory.js';
import { readCsvTable } from './table-reader.js';

describe('ReadMemory', () => {
  it('charges, releases, and refuses a charge past the limit without taking it', () => {
    const memory = new ReadMemory('f.csv', 1000, 2000);
    memory.charge(600);
    memory.release(100);
    expect(memory.held).toBe(500);
    expect(memory.remaining()).toBe(500);
    memory.bytesRead = 12_345_678;
    memory.rows = 1234;
    let error: unknown;
    try {
      memory.charge(501);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(MemoryBudgetError);
    expect(error).toMatchObject({
      file: 'f.csv',
      message:
        'reading stopped after 12 MB of data (1,234 rows): holding more would pass its share (1 KB) of the memory budget of 2 KB',
      details: { bytesRead: 12_345_678, rows: 1234, limitBytes: 1000, budgetBytes: 2000 },
    });
    expect(memory.held).toBe(500);
    memory.charge(500); // up to the limit is fine
  });

  it('counts without a limit', () => {
    const memory = new ReadMemory('f.csv');
    memory.charge(1e15);
    expect(memory.remaining()).toBe(Number.POSITIVE_INFINITY);
  });

  it('says when a file must be held whole, or was being gunzipped; withHint keeps the rest', () => {
    const memory = new ReadMemory('q.csv', 10e6);
    expect(memory.exceeded({ wholeFileBytes: 33e6 }).message).toBe(
      'the file is 33 MB, and reading it whole would pass the memory budget of 10 MB',
    );
    memory.bytesRead = 48e6;
    const gunzip = memory.exceeded({ gunzipping: true }).withHint('raise --max-memory');
    expect(gunzip).toMatchObject({
      message:
        'reading stopped after 48 MB of gunzipped data: holding more would pass the memory budget of 10 MB',
      file: 'q.csv',
      hint: 'raise --max-memory',
    });
    expect(gunzip).toBeInstanceOf(MemoryBudgetError);
  });

  it.each([
    [0, '0 bytes'],
    [999, '999 bytes'],
    [1000, '1 KB'],
    [1_234_567, '1.2 MB'],
    [2e9, '2 GB'],
    [12.5e9, '13 GB'],
    [4_345_298_944, '4.3 GB'],
  ])('formatDecimalBytes(%d) → %s', (bytes, text) => {
    expect(formatDecimalBytes(bytes)).toBe(text);
  });

  it('memoryShare splits a budget; tableHeldBytes counts buffers and texts', () => {
    expect(memoryShare(101, 2)).toBe(50);
    const table = parseCsvColumns(csvSourceFromText('t.csv', 'a,b\n1,x\n2,yy\n'));
    const [a, b] = table.columns;
    expect(tableHeldBytes(table)).toBe(
      a!.numbers.buffer.byteLength +
        a!.codes.buffer.byteLength +
        b!.numbers.buffer.byteLength +
        b!.codes.buffer.byteLength +
        (2 + 80) +
        (4 + 80),
    );
  });
});

describe('every reader stops at its memory limit, whatever the input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlops-memory-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const row = '1.25,7,abc\n';
  const rows = (count: number) => `x,y,z\n${row.repeat(count)}`;
  writeFileSync(join(dir, 'big.csv'), rows(1_000_000)); // 11 MB
  writeFileSync(join(dir, 'quoted.csv'), `x,y,z\n"1",2,c\n${row.repeat(1_000_000)}`);
  // A gzip bomb, made fast: one member of 1 MB of rows repeated 200 times (200 MB once gunzipped).
  const member = gzipSync(Buffer.from(row.repeat(95_325)), { level: 9 });
  writeFileSync(join(dir, 'bomb.csv.gz'), Buffer.concat([gzipSync('x,y,z\n'), ...Array(200).fill(member)]));

  const stop = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      if (error instanceof MemoryBudgetError) return error;
      throw error;
    }
    throw new Error('the read did not stop');
  };

  it('the byte-level reader: refused at its first chunk, from the rows it will need', () => {
    const error = stop(() => readCsvColumns(join(dir, 'big.csv'), { file: 'big.csv', maxMemoryBytes: 5e6 }));
    expect(error.file).toBe('big.csv');
    expect(error.details.bytesRead).toBeLessThan(11e6);
    expect(error.details.limitBytes).toBe(5e6);
  });

  it('csv-parse: a file that must be held whole, refused before it is read', () => {
    const error = stop(() =>
      readCsvColumns(join(dir, 'quoted.csv'), { file: 'quoted.csv', maxMemoryBytes: 5e6 }),
    );
    expect(error.message).toBe(
      'the file is 11 MB, and reading it whole would pass the memory budget of 5 MB',
    );
  });

  it('a gzip bomb: gunzipped at most to a half of the limit', () => {
    const error = stop(() =>
      readCsvColumns(join(dir, 'bomb.csv.gz'), { file: 'bomb.csv.gz', maxMemoryBytes: 20e6 }),
    );
    expect(error.details).toMatchObject({ gunzipping: true });
    expect(error.details.bytesRead).toBeLessThanOrEqual(10e6);
  });

  it('/dev/zero: read in pieces, up to the limit', () => {
    const error = stop(() => readCsvColumns('/dev/zero', { file: 'zero', maxMemoryBytes: 8e6 }));
    expect(error.details.bytesRead).toBeGreaterThan(4e6);
    expect(error.details.bytesRead).toBeLessThanOrEqual(8e6);
  });

  it('the columns count: a table that fits under the limit is the same as without one', () => {
    const counted = new ReadMemory('big.csv');
    const free = readCsvColumns(join(dir, 'big.csv'), { file: 'big.csv', memory: counted });
    // 1M rows: two numeric columns (8 MB each), one of codes (4 MB), room reserved ahead, the 8 MiB
    // buffer; at the peak, arrays growing into the room reserved ahead are held twice.
    expect(counted.held).toBeGreaterThan(29e6);
    expect(counted.held).toBeLessThan(31e6);
    expect(counted.peak).toBeGreaterThan(counted.held);
    const limited = readCsvColumns(join(dir, 'big.csv'), { file: 'big.csv', maxMemoryBytes: counted.peak });
    const bytes = (array: Float64Array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength);
    expect(limited.header).toEqual(free.header);
    limited.columns.forEach((column, index) => {
      expect(bytes(column.numbers).equals(bytes(free.columns[index]!.numbers))).toBe(true);
      expect(column.codes.length).toBe(free.columns[index]!.codes.length);
    });
    expect(() =>
      readCsvColumns(join(dir, 'big.csv'), { file: 'big.csv', maxMemoryBytes: counted.peak - 1 }),
    ).toThrow(MemoryBudgetError);
    // Sorting needs a scratch copy of the largest column (1M numbers: 8 MB) on top of the table.
    const sorted = (maxMemoryBytes: number) =>
      readCsvTable(join(dir, 'big.csv'), { file: 'big.csv', maxMemoryBytes, sortNumbers: true });
    expect(counted.held + 8e6).toBeGreaterThan(counted.peak);
    expect(sorted(counted.held + 8e6).columns[0]!.numbersSorted).toBe(true);
    expect(() => sorted(counted.held + 8e6 - 1)).toThrow(MemoryBudgetError);
  });
});
