import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareCodePoints } from '../drift/index.js';
import { categoricalDriftChart, compareCodePointOrder } from './categorical.js';
import { DRIFT_CHART_LABEL_LIMIT } from './types.js';

const counts = (rows: Array<[string, number, number]>) => ({
  categories: rows.map(([name]) => name),
  reference: Float64Array.from(rows.map(([, reference]) => reference)),
  current: Float64Array.from(rows.map(([, , current]) => current)),
});

describe('categoricalDriftChart', () => {
  it('lists categories by combined count, with shares and new/missing flags', () => {
    const chart = categoricalDriftChart(
      'plan',
      counts([
        ['basic', 6, 2],
        ['pro', 2, 2],
        ['trial', 0, 5],
        ['legacy', 2, 0],
      ]),
    );
    expect(chart).toEqual({
      kind: 'categorical',
      feature: 'plan',
      referenceTotal: 10,
      currentTotal: 9,
      distinct: 4,
      categories: [
        {
          label: 'basic',
          truncated: false,
          reference: 6,
          current: 2,
          referenceShare: 0.6,
          currentShare: 2 / 9,
          status: 'both',
        },
        {
          label: 'trial',
          truncated: false,
          reference: 0,
          current: 5,
          referenceShare: 0,
          currentShare: 5 / 9,
          status: 'new',
        },
        // a tie (4 each): code-point order
        {
          label: 'pro',
          truncated: false,
          reference: 2,
          current: 2,
          referenceShare: 0.2,
          currentShare: 2 / 9,
          status: 'both',
        },
        {
          label: 'legacy',
          truncated: false,
          reference: 2,
          current: 0,
          referenceShare: 0.2,
          currentShare: 0,
          status: 'missing',
        },
      ],
      other: null,
    });
  });

  it('sums the categories beyond the top ones into "other"', () => {
    // Combined counts 200 - 2i: c00, c10, c20, c30 only in the reference, c35..c39 only in the current.
    const rows: Array<[string, number, number]> = Array.from({ length: 40 }, (_, index) => {
      const name = `c${String(index).padStart(2, '0')}`;
      if (index % 10 === 0) return [name, 200 - 2 * index, 0];
      if (index >= 35) return [name, 0, 200 - 2 * index];
      return [name, 100 - index, 100 - index];
    });
    const chart = categoricalDriftChart('x', counts(rows));
    expect(chart.categories.map((category) => category.label)).toEqual(
      rows.slice(0, 30).map(([name]) => name),
    );
    expect(chart.categories[10]!.status).toBe('missing');
    const reference = 140 + 69 + 68 + 67 + 66;
    const current = 69 + 68 + 67 + 66 + 130 + 128 + 126 + 124 + 122;
    expect(chart.other).toEqual({
      categories: 10,
      newCategories: 5,
      missingCategories: 1,
      reference,
      current,
      referenceShare: reference / chart.referenceTotal,
      currentShare: current / chart.currentTotal,
    });
    expect(chart.distinct).toBe(40);
  });

  /** `size` one-off categories, `id-size` down to `id-1`, all tied; `reads` counts reads of their text. */
  const oneOffs = (size: number) => {
    const names = Array.from({ length: size }, (_, index) => `id-${size - index}`);
    const counter = { reads: 0 };
    const categories = new Proxy(names, {
      get(target, key, receiver) {
        if (typeof key === 'string' && key.charCodeAt(0) <= 57) counter.reads += 1; // an index
        return Reflect.get(target, key, receiver);
      },
    });
    const ones = () => new Float64Array(size).fill(1);
    return { counter, names, categories, reference: ones(), current: ones() };
  };

  it('keeps a million one-off categories bounded', () => {
    const size = 1_000_000;
    const { names, reference, current } = oneOffs(size);
    const chart = categoricalDriftChart('id', { categories: names, reference, current });
    expect(chart.categories).toHaveLength(30);
    expect(chart.categories[0]!.label).toBe('id-1');
    expect(chart.categories[2]!.label).toBe('id-100');
    expect(chart.other).toMatchObject({ categories: size - 30, reference: size - 30 });
  });

  it('is fast: at most top + 1 comparisons per category (O(K · top)), however many categories', () => {
    // Counted, not timed: with every count tied, a comparison reads two texts, and the 30 listed are
    // read once more for their labels. Sorting all, or comparing each with all, would read far more.
    for (const size of [1_000, 10_000]) {
      const { counter, categories, reference, current } = oneOffs(size);
      const chart = categoricalDriftChart('id', { categories, reference, current });
      expect(chart.categories[0]!.label).toBe('id-1');
      expect(counter.reads, `${size} categories`).toBeLessThanOrEqual(2 * (30 + 1) * size + 30);
      expect(counter.reads, `${size} categories`).toBeGreaterThanOrEqual(2 * (size - 1));
    }
  });

  it('cuts long labels to the limit in code points', () => {
    const long = '🙂'.repeat(500);
    const chart = categoricalDriftChart('x', counts([[long, 1, 1]]));
    const label = chart.categories[0]!.label;
    expect(Array.from(label)).toHaveLength(DRIFT_CHART_LABEL_LIMIT);
    expect(label.endsWith('🙂…')).toBe(true);
    expect(chart.categories[0]!.truncated).toBe(true);
    expect(
      categoricalDriftChart('x', counts([['é'.repeat(DRIFT_CHART_LABEL_LIMIT), 1, 1]])).categories[0],
    ).toMatchObject({
      truncated: false,
    });
  });
});

describe('compareCodePointOrder', () => {
  it('orders as code points, like the legacy comparison', () => {
    expect(compareCodePointOrder('\uffff', '🙂')).toBeLessThan(0); // UTF-16 order would say the opposite
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        expect(Math.sign(compareCodePointOrder(a, b))).toBe(Math.sign(compareCodePoints(a, b)));
      }),
    );
  });
});
