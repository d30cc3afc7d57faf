import { describe, expect, it } from 'vitest';
import { CsvColumnBuilder } from '../csv/columns.js';
import { TypedColumnSink } from './values.js';

/** A column built by feeding `values` one by one, and one built from a dictionary and indices. */
function bothWays(dictionary: readonly unknown[], indices: readonly number[], keepText: boolean) {
  const naValues = new Set(['NA']);
  const one = new TypedColumnSink(new CsvColumnBuilder('c', keepText, naValues));
  for (const index of indices) expect(one.addValue(dictionary[index])).toBe(true);
  const indexed = new CsvColumnBuilder('c', keepText, naValues);
  const sink = new TypedColumnSink(indexed);
  // In two pages with the same dictionary, as a column chunk gives them.
  const half = Math.floor(indices.length / 2);
  expect(sink.addIndexed(dictionary, Int32Array.from(indices.slice(0, half)))).toBe(true);
  expect(sink.addIndexed(dictionary, Int32Array.from(indices.slice(half)))).toBe(true);
  return {
    expected: (one as unknown as { builder: CsvColumnBuilder }).builder.finish(),
    actual: indexed.finish(),
  };
}

describe('TypedColumnSink.addIndexed', () => {
  const strings = ['red', '1.5', '', 'NA', 'nan', 'blue', ' 7 ', 'inf', 'red ', null];
  const indices = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 5, 0, 1, 1, 3, 9, 6, 5, 0, 2, 8, 4];

  it.each([false, true])('gives the column addValue gives, for strings (keepText %s)', (keepText) => {
    const { expected, actual } = bothWays(strings, indices, keepText);
    expect(actual).toEqual(expected);
    // The texts in the order first seen, numbers as numbers, the rest missing.
    expect(actual.categories.slice(0, 3)).toEqual(
      keepText ? ['red', '1.5', 'blue'] : ['red', 'blue', 'red '],
    );
    expect(Array.from(actual.numbers)).toEqual([1.5, 7, 1.5, 1.5, 7]);
    expect(actual.missingCount).toBe(9);
  });

  it('gives the column addValue gives, for numbers, booleans and BigInts', () => {
    const dictionary = [2.5, Number.NaN, true, 2n ** 60n, false, -0.25];
    const { expected, actual } = bothWays(dictionary, [0, 1, 2, 3, 4, 5, 0, 2, 1, 3], true);
    expect(actual).toEqual(expected);
    expect(Array.from(actual.numbers)).toEqual([2.5, 2 ** 60, -0.25, 2.5, 2 ** 60]);
  });

  it('starts afresh for another dictionary (the next column chunk)', () => {
    const builder = new CsvColumnBuilder('c', false);
    const sink = new TypedColumnSink(builder);
    sink.addIndexed(['a', 'NA'], Int32Array.of(0, 1));
    // Index 1 was missing text in the first dictionary; in this one it is a category.
    sink.addIndexed(['NA', 'b'], Int32Array.of(1, 1, 0));
    const column = builder.finish();
    expect(column.categories).toEqual(['a', 'NA', 'b']);
    expect(column.textCount).toBe(5);
    expect(Array.from(column.codes)).toEqual([0, 1, 2, 2, 1]);
  });

  it('says false for an entry it does not take (an object)', () => {
    const sink = new TypedColumnSink(new CsvColumnBuilder('c', false));
    expect(sink.addIndexed([{ x: 1 }], Int32Array.of(0))).toBe(false);
  });
});
