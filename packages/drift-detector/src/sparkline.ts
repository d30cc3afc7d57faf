import { type CliContext, cutToWidth, displayWidth, padDisplay } from '@mlops/cli-kit';
import { type DriftColumnChart, escapeText, type NumericDriftChart } from '@mlops/core';

type ChalkInstance = CliContext['color']['stdout'];

/** Eighth blocks, lowest to highest; a bin with no value is a space. */
const BLOCKS = '▁▂▃▄▅▆▇█';

/** Characters per sparkline: 50 bins are merged down to this many. */
export const SPARKLINE_WIDTH = 25;

/**
 * Sums adjacent bins down to at most `width` groups (group g takes bins ⌊g·n/width⌋ up to the next
 * group's first), so the shape survives and the line fits a terminal.
 *
 * @example mergeBins([1, 2, 3, 4], 2) // => [3, 7]
 */
export function mergeBins(values: readonly number[], width: number): number[] {
  if (values.length <= width) return [...values];
  return Array.from({ length: width }, (_, group) => {
    let total = 0;
    const end = Math.floor(((group + 1) * values.length) / width);
    for (let bin = Math.floor((group * values.length) / width); bin < end; bin++) total += values[bin]!;
    return total;
  });
}

/**
 * A line of Unicode blocks, one per value, heights relative to `largest` (default the largest value):
 * `▁` for the smallest non-zero values, `█` for the largest, a space for zero.
 *
 * @example blockSparkline([0, 1, 4, 8]) // => ' ▁▄█'
 */
export function blockSparkline(values: readonly number[], largest = Math.max(0, ...values)): string {
  return values
    .map((value) => {
      if (!(value > 0) || !(largest > 0)) return ' ';
      const level = Math.ceil((value / largest) * BLOCKS.length) - 1;
      return BLOCKS[Math.min(BLOCKS.length - 1, Math.max(0, level))];
    })
    .join('');
}

/** A numeric chart's two histograms as sparklines on one scale (so heights compare). */
export function histogramSparklines(
  chart: NumericDriftChart,
  width = SPARKLINE_WIDTH,
): { reference: string; current: string } {
  const reference = mergeBins(chart.reference.shares, width);
  const current = mergeBins(chart.current.shares, width);
  const largest = Math.max(0, ...reference, ...current);
  return { reference: blockSparkline(reference, largest), current: blockSparkline(current, largest) };
}

/**
 * The text report's "shapes" block: per numeric column, its reference and current histograms on the
 * same bins (`reference | current`), reference in blue and current in yellow when colour is on. Empty
 * when no column is numeric. Names (escaped, then measured by display width) take at most 30 columns,
 * and fewer on a terminal (`columns`) too narrow for both sparklines beside them; a longer name is
 * cut with `…`.
 */
export function sparklineLines(
  charts: readonly DriftColumnChart[],
  color: ChalkInstance,
  columns?: number,
): string[] {
  const numeric = charts.filter(
    (chart): chart is NumericDriftChart => chart.kind === 'numeric' && chart.edges.length > 1,
  );
  if (numeric.length === 0) return [];
  const sparks = numeric.map((chart) => ({ name: escapeText(chart.feature), ...histogramSparklines(chart) }));
  const shapeWidth = Math.max(...sparks.map((line) => line.reference.length));
  // Beside the name: two spaces, a sparkline, ` | `, the other sparkline.
  const room = columns === undefined ? 30 : Math.max(8, columns - 2 * shapeWidth - 5);
  const width = Math.min(30, room, Math.max(...sparks.map((line) => displayWidth(line.name))));
  const lines = [color.dim(`shape (${color.blue('reference')} | ${color.yellow('current')}, same bins)`)];
  for (const { name, reference, current } of sparks)
    lines.push(
      `${padDisplay(cutToWidth(name, width), width)}  ${color.blue(reference.padEnd(shapeWidth))} | ${color.yellow(current)}`.trimEnd(),
    );
  return lines;
}
