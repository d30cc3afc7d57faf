import { categoricalDriftChart, numericDriftChart, sortAscending } from '@mlops/core';
import { describe, expect, it } from 'vitest';
import { axisTicks, categoricalChartSvg, numericChartSvg, sparklineSvg } from './svg.js';

const sorted = (values: number[]) => sortAscending(Float64Array.from(values));

describe('axisTicks', () => {
  it.each([
    [0, 100, [0, 20, 40, 60, 80, 100]],
    [12.3, 201.7, [50, 100, 150, 200]],
    [-1, 1, [-1, -0.5, 0, 0.5, 1]],
    [0.5, 0.5, [0.5]],
  ])('axisTicks(%d, %d)', (low, high, ticks) => {
    expect(axisTicks(low, high)).toEqual(ticks);
  });
});

describe('numericChartSvg', () => {
  const chart = numericDriftChart('x', sorted([1, 2, 2, 3]), sorted([3, 4, 4, 5]));
  const svg = numericChartSvg(chart);

  it('draws both histograms as areas, the two means, and a tooltip per bin', () => {
    expect(svg.match(/<path class="area ref"/g)).toHaveLength(1);
    expect(svg.match(/<path class="area cur"/g)).toHaveLength(1);
    expect(svg).toContain('<title>reference mean 2</title>');
    expect(svg).toContain('<title>current mean 4</title>');
    expect(svg).toContain('>μ 2</text>');
    expect(svg.match(/<rect class="hit"/g)).toHaveLength(chart.edges.length - 1);
    expect(svg).toContain('<title>2: reference 2 (50%), current 0 (0%)</title>');
  });

  it('says so when there is nothing to draw', () => {
    expect(numericChartSvg(numericDriftChart('x', sorted([]), sorted([])))).toContain(
      'no numeric values to draw',
    );
  });
});

describe('categoricalChartSvg', () => {
  it('draws paired bars per category, tags new and missing ones, and sums the rest as "other"', () => {
    const names = Array.from({ length: 33 }, (_, index) => `c${index}`);
    const chart = categoricalDriftChart('x', {
      categories: names,
      reference: Float64Array.from(names, (_, index) => (index === 1 ? 0 : index === 2 ? 200 : 100 - index)),
      current: Float64Array.from(names, (_, index) => (index === 2 ? 0 : index === 1 ? 200 : 100 - index)),
    });
    const svg = categoricalChartSvg(chart);
    expect(svg.match(/<rect class="bar ref"/g)).toHaveLength(31);
    expect(svg.match(/<rect class="bar cur"/g)).toHaveLength(31);
    expect(svg).toContain('>NEW</text>');
    expect(svg).toContain('>MISSING</text>');
    expect(svg).toContain('>other (3)</text>');
  });
});

describe('sparklineSvg', () => {
  it('draws two lines for a numeric column, paired bars (at most 12) for a categorical one', () => {
    const numeric = sparklineSvg(numericDriftChart('x', sorted([1, 2]), sorted([2, 3])));
    expect(numeric.match(/<path class="spark-line (ref|cur)"/g)).toHaveLength(2);
    const names = Array.from({ length: 20 }, (_, index) => `c${index}`);
    const categorical = sparklineSvg(
      categoricalDriftChart('x', {
        categories: names,
        reference: new Float64Array(20).fill(1),
        current: new Float64Array(20).fill(2),
      }),
    );
    expect(categorical.match(/<rect class="bar ref"/g)).toHaveLength(12);
  });
});
