import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BufferStream, colorsFor, displayWidth, runCli } from '@mlops/cli-kit';
import { categoricalDriftChart, numericDriftChart, sortAscending } from '@mlops/core';
import { describe, expect, it } from 'vitest';
import { buildDriftCommand } from './index.js';
import { blockSparkline, histogramSparklines, mergeBins, sparklineLines } from './sparkline.js';

// No colour: a stream that is not a terminal, and no FORCE_COLOR (cli-kit's own rule).
const plain = colorsFor({ isTTY: false }, {});

describe('sparklines', () => {
  it('mergeBins sums neighbours down to the width', () => {
    expect(mergeBins([1, 2, 3, 4], 2)).toEqual([3, 7]);
    expect(mergeBins([1, 2, 3, 4, 5], 2)).toEqual([3, 12]);
    expect(mergeBins([1, 2], 5)).toEqual([1, 2]);
    expect(mergeBins(new Array(50).fill(1), 25)).toEqual(new Array(25).fill(2));
  });

  it('blockSparkline: eighths of the largest value, a space for zero', () => {
    expect(blockSparkline([0, 1, 4, 8])).toBe(' ▁▄█');
    expect(blockSparkline([0.01, 2], 16)).toBe('▁▁');
    expect(blockSparkline([0, 0])).toBe('  ');
  });

  it('draws both histograms of a column on one scale', () => {
    const chart = numericDriftChart(
      'x',
      sortAscending(Float64Array.of(1, 1, 1, 1, 2)),
      sortAscending(Float64Array.of(2, 3)),
    );
    // shares: reference [0.8, 0.2, 0], current [0, 0.5, 0.5]; largest 0.8
    expect(histogramSparklines(chart)).toEqual({ reference: '█▂ ', current: ' ▅▅' });
  });

  it('lists numeric columns only, names aligned', () => {
    const numeric = numericDriftChart(
      'long_name',
      sortAscending(Float64Array.of(1, 2)),
      sortAscending(Float64Array.of(2)),
    );
    const other = numericDriftChart(
      'x',
      sortAscending(Float64Array.of(5)),
      sortAscending(Float64Array.of(5)),
    );
    const categorical = categoricalDriftChart('c', {
      categories: ['a'],
      reference: Float64Array.of(1),
      current: Float64Array.of(1),
    });
    expect(sparklineLines([numeric, categorical, other], plain)).toEqual([
      'shape (reference | current, same bins)',
      'long_name  ▄▄ |  █',
      'x          █  | █',
    ]);
    expect(sparklineLines([], plain)).toEqual([]);
  });

  it('escapes column names and aligns on the escaped text', () => {
    const sample = () => sortAscending(Float64Array.of(1, 2));
    const lines = sparklineLines(
      [numericDriftChart('a\n::b\u001b[2J', sample(), sample()), numericDriftChart('x', sample(), sample())],
      plain,
    );
    expect(lines.slice(1)).toEqual(['a\\n::b\\x1b[2J  ██ | ██', 'x              ██ | ██']);
  });
});

describe('sparkline names', () => {
  const sample = () => sortAscending(Float64Array.of(1, 2));
  it('align wide characters by display width, and are cut to fit a narrow terminal', () => {
    const charts = [
      numericDriftChart('推荐分数', sample(), sample()),
      numericDriftChart('a_rather_long_feature_name_of_forty_chars', sample(), sample()),
    ];
    expect(sparklineLines(charts, plain).slice(1)).toEqual([
      '推荐分数                        ██ | ██',
      'a_rather_long_feature_name_of…  ██ | ██',
    ]);
    // 12 columns: 12 - 2 × 2 - 5 leaves 3, at least 8 are kept.
    expect(sparklineLines(charts, plain, 12).slice(1)).toEqual(['推荐分数  ██ | ██', 'a_rathe…  ██ | ██']);
  });
});

describe('the text report on a terminal', () => {
  const root = resolve(import.meta.dirname, '../../..');
  const argv = [
    '--reference',
    join(root, 'fixtures/drift/reference.csv'),
    '--current',
    join(root, 'fixtures/drift/current.csv'),
  ];
  async function run(isTTY: boolean, extra: string[] = [], columns?: number) {
    const stdout = new BufferStream(isTTY);
    if (columns !== undefined) stdout.columns = columns;
    const stderr = new BufferStream(isTTY);
    const code = await runCli(buildDriftCommand, {
      argv: [...argv, ...extra],
      stdout,
      stderr,
      env: { NO_COLOR: '1' },
      cwd: root,
    });
    return { code, stdout: stdout.text };
  }

  it('shows each numeric column’s shape between the table and the verdict', async () => {
    const { code, stdout } = await run(true);
    expect(code).toBe(1);
    const lines = stdout.split('\n');
    const start = lines.indexOf('shape (reference | current, same bins)');
    expect(start).toBeGreaterThan(0);
    const shapes = lines.slice(start + 1, start + 5);
    expect(shapes.map((line) => line.split(' ')[0])).toEqual([
      'monthly_spend',
      'customer_age',
      'sessions_per_week',
      'tenure_months',
    ]);
    for (const line of shapes) expect(line).toMatch(/^\S+ +[ ▁▂▃▄▅▆▇█]{1,25} \| [ ▁▂▃▄▅▆▇█]{1,25}$/);
    expect(lines[start + 6]).toMatch(/^ALERT: /);
    // docs/drift-detector.md shows this block as it is
    const docs = readFileSync(join(root, 'docs/drift-detector.md'), 'utf8');
    expect(docs).toContain(`\n${lines.slice(start, start + 5).join('\n')}\n`);
  });

  it.each([80, 120])(
    'fits a terminal %i columns wide: the details cut, the fixed columns whole',
    async (columns) => {
      const { code, stdout } = await run(true, [], columns);
      expect(code).toBe(1);
      const lines = stdout.trimEnd().split('\n');
      // The heading's file names are the one line a terminal wraps: they are not cut.
      for (const line of lines.slice(1)) expect(displayWidth(line)).toBeLessThanOrEqual(columns);
      const row = lines.find((line) => line.startsWith('monthly_spend'))!;
      expect(row).toMatch(/^monthly_spend +numeric +legacy +\S+ +0\.1 +DRIFT +ks /);
      expect(row.endsWith('…')).toBe(true);
      expect(displayWidth(row)).toBe(columns);
      // On a pipe, the same row whole.
      const whole = (await run(false)).stdout.split('\n').find((line) => line.startsWith('monthly_spend'))!;
      expect(whole.startsWith(row.slice(0, -1))).toBe(true);
      expect(whole.length).toBeGreaterThan(columns);
    },
  );

  it('leaves them out on a pipe and in JSON', async () => {
    expect((await run(false)).stdout).not.toContain('shape (');
    expect((await run(true, ['--json'])).stdout).not.toContain('shape (');
  });
});
