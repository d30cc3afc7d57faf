import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type CsvReadPlace, readCsvTable, threadedTableReader } from '@mlops/core';
import { startCsvWorkerRead } from '@mlops/core/csv/worker-read';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, ROOT } from '../helpers/bins.js';
import { seededRandom } from '../helpers/random.js';

/**
 * The threaded reader with the built worker script (dist/csv-worker.js, as the drift bins run it):
 * where each file is read, what comes out, and the progress it reports.
 */
const WORKER = pathToFileURL(join(ROOT, 'packages/drift-detector/dist/csv-worker.js'));
const temp = makeTempDir('mlops-threaded-reader-');
afterAll(() => temp.cleanup());

function writeCsv(name: string, rows: number, seed: number): string {
  const random = seededRandom(seed);
  const lines = ['x,y,kind'];
  for (let row = 0; row < rows; row++)
    lines.push(`${(random() * 100).toFixed(4)},${(random() - 0.5).toFixed(6)},${random() < 0.3 ? 'a' : 'b'}`);
  const path = join(temp.dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

// About 520 kB each: what is tested is where each file is read and that the tables are the same,
// which needs no large file (the bins pick worker threads by size; this reader is told where).
const ROWS = 20_000;
const first = writeCsv('first.csv', ROWS, 1);
const second = writeCsv('second.csv', ROWS, 2);

describe('threadedTableReader', () => {
  it.each([
    [true, false],
    [false, true],
  ])(
    'reads the first file in this thread (sorted: %s) and the other in a worker (sorted: %s), each as readCsvTable would',
    async (sortFirst, sortSecond) => {
      const places: [string, CsvReadPlace][] = [];
      const reports = new Map<string, [number, number][]>();
      const reader = threadedTableReader(
        WORKER,
        (file, bytesRead, totalBytes) => {
          reports.set(file, [...(reports.get(file) ?? []), [bytesRead, totalBytes]]);
        },
        [],
        (file, place) => places.push([file, place]),
      );
      const requests = [
        { file: 'first.csv', sortNumbers: sortFirst },
        { file: 'second.csv', sortNumbers: sortSecond },
      ];
      const [one, two] = await Promise.all([
        reader.read(first, requests[0]!),
        reader.read(second, requests[1]!),
      ]);
      await reader.close();
      expect(places).toEqual([
        ['first.csv', 'this thread'],
        ['second.csv', 'worker'],
      ]);
      expect(one).toEqual(readCsvTable(first, requests[0]!));
      expect(two).toEqual(readCsvTable(second, requests[1]!));
      // Sorted only when asked: the numbers of a file in file order are not all ascending.
      const ascending = (values: Float64Array) =>
        values.every((value, index) => index === 0 || values[index - 1]! <= value);
      expect(one.columns.every((column) => ascending(column.numbers))).toBe(sortFirst);
      expect(two.columns.every((column) => ascending(column.numbers))).toBe(sortSecond);
      // Each file's progress only grows, and ends at its size (files this small make one report or two).
      for (const file of ['first.csv', 'second.csv']) {
        const read = (reports.get(file) ?? []).map(([bytesRead]) => bytesRead);
        expect(read.length).toBeGreaterThan(0);
        expect(read).toEqual([...read].sort((a, b) => a - b));
        expect(reports.get(file)!.at(-1)![0]).toBe(reports.get(file)!.at(-1)![1]);
      }
    },
  );

  it('reports the progress of Parquet files too, from this thread and from a worker', async () => {
    const files = ['reference', 'current'].map((name) => join(ROOT, `fixtures/drift/${name}.parquet`));
    const reports = new Map<string, [number, number][]>();
    const reader = threadedTableReader(WORKER, (file, bytesRead, totalBytes) => {
      reports.set(file, [...(reports.get(file) ?? []), [bytesRead, totalBytes]]);
    });
    await Promise.all(files.map((path) => reader.read(path, { file: path })));
    await reader.close();
    for (const path of files) {
      const seen = reports.get(path) ?? [];
      expect(seen.length, path).toBeGreaterThan(0);
      const read = seen.map(([bytesRead]) => bytesRead);
      expect(read).toEqual([...read].sort((a, b) => a - b));
      expect(seen.at(-1)).toEqual([statSync(path).size, statSync(path).size]);
    }
  });

  it('takes over a read started early for the same request, and starts anew for another', async () => {
    const early = startCsvWorkerRead(WORKER, second, { file: 'second.csv' });
    const places: CsvReadPlace[] = [];
    const reader = threadedTableReader(WORKER, undefined, [early], (_file, place) => places.push(place));
    const [one, two] = await Promise.all([
      reader.read(first, { file: 'first.csv' }),
      reader.read(second, { file: 'second.csv' }),
    ]);
    expect(places).toEqual(['this thread', 'early worker']);
    expect(two).toBe(await early.table);
    expect(one.rowCount).toBe(ROWS);
    // Another request for the same file (only one column): not the early read's table.
    const again = await reader.read(second, { file: 'second.csv', only: new Set(['x']) });
    expect(places.at(-1)).toBe('this thread');
    expect(again.columns[1]!.numbers.length).toBe(0);
    await reader.close();
  });

  it('stops a read started early once its file is asked for with another request', async () => {
    const early = startCsvWorkerRead(WORKER, second, { file: 'second.csv' });
    let stops = 0;
    const watched = {
      ...early,
      stop: () => {
        stops += 1;
        return early.stop();
      },
    };
    const reader = threadedTableReader(WORKER, undefined, [watched]);
    // A check in passes asks for groups of columns: the early read of the whole file is never taken.
    const [one, two] = await Promise.all([
      reader.read(first, { file: 'first.csv', only: new Set(['x']) }),
      reader.read(second, { file: 'second.csv', only: new Set(['x']) }),
    ]);
    expect(one.rowCount).toBe(ROWS);
    expect(two.columns[1]!.numbers.length).toBe(0);
    // Stopped when its file was asked for, not left to run until the reader closes.
    expect(stops).toBe(1);
    await reader.close();
    expect(stops).toBe(1);
  });
});
