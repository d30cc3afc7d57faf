import { describe, expect, it } from 'vitest';
import { CsvColumnBuilder } from '../csv/index.js';
import { DriftFeature } from '../drift/index.js';
import { driftColumnChart } from './chart.js';

function column(cells: string[], keepText = false) {
  const builder = new CsvColumnBuilder('x', keepText);
  for (const cell of cells) builder.addCell(cell);
  return builder.finish();
}

describe('driftColumnChart', () => {
  it('charts a numeric column from its numbers, missing cells left out', () => {
    const feature = new DriftFeature('x', 'numeric', column(['3', '1', '', '2', 'nan']), column(['4', '2']));
    const chart = driftColumnChart(feature);
    expect(chart).toMatchObject({ kind: 'numeric', feature: 'x', edges: [0.5, 1.5, 2.5, 3.5, 4.5] });
    if (chart.kind !== 'numeric') throw new Error('numeric expected');
    expect(chart.reference.counts).toEqual([1, 1, 1, 0]);
    expect(chart.current.counts).toEqual([0, 1, 0, 1]);
    expect(chart.reference.mean).toBe(2);
  });

  it('charts a categorical column from its category counts, numbers kept as text', () => {
    const feature = new DriftFeature(
      'x',
      'categorical',
      column(['a', 'b', 'a', '7'], true),
      column(['a', 'c', '7.0'], true),
    );
    const chart = driftColumnChart(feature);
    if (chart.kind !== 'categorical') throw new Error('categorical expected');
    expect(
      chart.categories.map((category) => [
        category.label,
        category.reference,
        category.current,
        category.status,
      ]),
    ).toEqual([
      ['a', 2, 1, 'both'],
      ['7', 1, 0, 'missing'],
      ['7.0', 0, 1, 'new'],
      ['b', 1, 0, 'missing'],
      ['c', 0, 1, 'new'],
    ]);
    expect(chart).toMatchObject({ referenceTotal: 4, currentTotal: 3, distinct: 5, other: null });
  });
});
