import { describe, expect, it } from 'vitest';
import { type CsvColumnTable, csvSourceFromText, parseCsvColumns } from '../csv/index.js';
import { UsageError } from '../errors.js';
import {
  type ColumnScoringThread,
  type ScoreTask,
  scoreReportsOnTwoThreads,
  scoreTask,
  scoringWork,
  shareColumns,
} from './parallel-score.js';
import type { DriftInputs, SettledColumn } from './read.js';
import { featureReport } from './report.js';
import { scoreColumns } from './score.js';

/** A table of numeric columns n0..n{k-1} and one text column, t, from generated cells. */
function table(file: string, rows: number, shift: number, columns: number): CsvColumnTable {
  const header = [...Array.from({ length: columns }, (_, i) => `n${i}`), 't'];
  const lines = Array.from({ length: rows }, (_, row) =>
    [
      ...header.slice(0, -1).map((_, i) => String(((row * (i + 3)) % 97) + shift * i)),
      row % 3 ? 'a' : 'b',
    ].join(','),
  );
  return parseCsvColumns(csvSourceFromText(file, `${header.join(',')}\n${lines.join('\n')}\n`), {
    keepText: new Set(['t']),
  });
}

function inputs(methods: readonly string[] = ['legacy']): DriftInputs {
  const reference = table('ref.csv', 300, 0, 6);
  const current = table('cur.csv', 200, 1, 5); // lacks n5
  const columns: SettledColumn[] = reference.header.map((name) => ({
    name,
    kind: name === 't' ? 'categorical' : 'numeric',
    tests: methods.map((method) => ({ method: method as SettledColumn['tests'][number]['method'] })),
    combine: 'any',
    fittingOnly: methods.length > 1,
  }));
  return { reference, current, columns };
}

/**
 * A scoring "thread" in this one: the task goes through a structured clone with its arrays
 * transferred, as postMessage sends it; remembers what it was sent.
 */
function thisThread(): ColumnScoringThread & { tasks: ScoreTask[] } {
  const tasks: ScoreTask[] = [];
  return {
    tasks,
    async score(task, transfer) {
      const copy = structuredClone(task, { transfer });
      tasks.push(copy);
      return structuredClone(scoreTask(copy));
    },
    async close() {},
  };
}

describe('shareColumns', () => {
  it('gives each column to the thread with less work, heaviest first, the worker a twentieth behind', () => {
    expect([...shareColumns([10, 10, 10, 10])].sort()).toEqual([1, 3]);
    expect([...shareColumns([100, 1, 1, 1])].sort()).toEqual([1, 2, 3]);
    expect([...shareColumns([1, 100, 1, 1])].sort()).toEqual([0, 2, 3]);
    expect(shareColumns([5])).toEqual(new Set());
  });
});

describe('scoreReportsOnTwoThreads', () => {
  it('gives the report entries one thread gives, in plan order, the worker scoring some columns', async () => {
    for (const [methods, listTests] of [
      [['legacy'], false],
      [['ks', 'psi', 'chisquare'], true],
    ] as const) {
      const expected = scoreColumns(inputs(methods)).map((column) => featureReport(column, listTests));
      const thread = thisThread();
      const heard: [number, number][] = [];
      const shares: [number, number][] = [];
      const reports = await scoreReportsOnTwoThreads(
        inputs(methods),
        listTests,
        thread,
        (done, total) => heard.push([done, total]),
        (worker, columns) => shares.push([worker, columns]),
      );
      expect(reports).toEqual(expected);
      const sent = thread.tasks[0]!.columns.map((task) => task.column.name);
      expect(sent.length).toBeGreaterThan(1);
      expect(shares).toEqual([[sent.length, 7]]);
      // Every column heard of once: those here one by one, the worker's at once, last.
      expect(heard.at(-1)).toEqual([7, 7]);
      expect(heard.length).toBe(7 - sent.length + 1);
    }
  });

  it('moves the arrays of the columns it sends, and copies those sharing memory with another', async () => {
    const data = inputs();
    // n1's reference numbers become a view into memory n2's also use.
    const shared = new Float64Array(1000);
    const n1 = data.reference.columns[1]!;
    const n2 = data.reference.columns[2]!;
    shared.set(n1.numbers, 0);
    shared.set(n2.numbers, 500);
    Object.assign(n1, { numbers: shared.subarray(0, n1.numbers.length) });
    Object.assign(n2, { numbers: shared.subarray(500, 500 + n2.numbers.length) });
    const expected = scoreColumns(inputs()).map((column) => featureReport(column));
    const thread = thisThread();
    expect(await scoreReportsOnTwoThreads(data, false, thread)).toEqual(expected);
    const sent = new Set(thread.tasks[0]!.columns.map((task) => task.column.name));
    for (const column of data.reference.columns.filter((each) => sent.has(each.name))) {
      if (column === n1 || column === n2) expect(column.numbers.length).toBeGreaterThan(0);
      else expect(column.numbers.buffer.byteLength).toBe(0); // transferred
    }
    expect(shared.length).toBe(1000);
  });

  it("throws the first failing column's error in plan order, wherever it was scored", async () => {
    // chisquare fits only the categorical column: each numeric column fails, the first is n0.
    const one = (() => {
      try {
        scoreColumns(inputs(['chisquare']));
      } catch (error) {
        return error as UsageError;
      }
    })();
    expect(one).toBeInstanceOf(UsageError);
    const error = await scoreReportsOnTwoThreads(inputs(['chisquare']), false, thisThread()).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe(one!.message);
    expect((error as UsageError).message).toMatch(/column "n0"/);
  });

  it('throws the error of the first failing column in plan order, of two failing on both threads', async () => {
    // ks fits neither t nor n0 compared as categories.
    const byName = new Map(inputs(['ks']).columns.map((column) => [column.name, column]));
    const n0 = { ...byName.get('n0')!, kind: 'categorical' as const };
    const t = byName.get('t')!;
    const n1 = byName.get('n1')!;
    const n2 = byName.get('n2')!;
    const seen = { workerFirst: false, hereFirst: false };
    for (const order of [
      [n0, t, n1, n2],
      [n1, t, n0, n2],
      [t, n0, n1, n2],
      [n1, n2, n0, t],
      [n1, n0, n2, t],
    ]) {
      const thread = thisThread();
      // Fresh tables each time: the columns sent are moved out of them.
      const error = await scoreReportsOnTwoThreads(
        { ...inputs(['ks']), columns: order },
        false,
        thread,
      ).catch((caught: unknown) => caught);
      const first = order.find((column) => column === n0 || column === t)!;
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toMatch(new RegExp(`column "${first.name}"`));
      const sent = new Set(thread.tasks[0]!.columns.map((task) => task.column.name));
      if (sent.has(n0.name) !== sent.has(t.name)) {
        if (sent.has(first.name)) seen.workerFirst = true;
        else seen.hereFirst = true;
      }
    }
    // Both cases happened: the first failure on the worker and the other here, and the reverse.
    expect(seen).toEqual({ workerFirst: true, hereFirst: true });
  });
});

describe('scoringWork', () => {
  it("counts the planned columns' values in both files", () => {
    const data = inputs();
    // 6 numeric columns × 300 + t's 300 codes; current: 5 × 200 + 200.
    expect(scoringWork(data)).toBe(7 * 300 + 6 * 200);
  });
});
