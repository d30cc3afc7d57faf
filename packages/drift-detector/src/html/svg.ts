import type { CategoricalDriftChart, DriftColumnChart, NumericDriftChart } from '@mlops/core';
import { escapeHtml, shortLabel } from './escape.js';
import { coordinate as c, formatCount, formatNumber, formatShare } from './format.js';

/** Ticks at "nice" values (1, 2, 5 × 10^k apart) inside [low, high], about `count` of them. */
export function axisTicks(low: number, high: number, count = 5): number[] {
  const span = high - low;
  if (!(span > 0) || !Number.isFinite(span)) return [low];
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((nice) => raw / power <= nice) ?? 10) * power;
  const ticks: number[] = [];
  for (let tick = Math.ceil(low / step) * step; tick <= high + step * 1e-9; tick += step)
    ticks.push(Number(tick.toPrecision(12)));
  return ticks;
}

/** The ceiling of the share axis: a little above the largest share, on a round percentage. */
function shareCeiling(largest: number): number {
  if (!(largest > 0)) return 1;
  const steps = [0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.8, 1];
  return steps.find((step) => step >= largest * 1.05) ?? 1;
}

const WIDTH = 560;
const HEIGHT = 220;
const PLOT = { left: 46, right: 14, top: 30, bottom: 30 };

/** One filled step area of a histogram, from the bins' shares. */
function stepArea(
  shares: readonly number[],
  x: (bin: number) => number,
  y: (share: number) => number,
): string {
  const base = y(0);
  let path = `M${c(x(0))} ${c(base)}`;
  shares.forEach((share, bin) => {
    path += `V${c(y(share))}H${c(x(bin + 1))}`;
  });
  return `${path}V${c(base)}Z`;
}

/** A message in place of a chart, same size. */
function emptyChart(message: string, height = 80): string {
  return `<svg class="chart-svg" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${escapeHtml(message)}"><text x="${WIDTH / 2}" y="${height / 2}" text-anchor="middle" class="note">${escapeHtml(message)}</text></svg>`;
}

/** Which bins to label under the axis for integer bins: the integers themselves. */
function binRange(chart: NumericDriftChart, bin: number): string {
  const low = chart.edges[bin]!;
  const high = chart.edges[bin + 1]!;
  if (chart.integers && high - low === 1) return formatNumber(low + 0.5);
  const last = bin === chart.edges.length - 2;
  return `[${formatNumber(low)}, ${formatNumber(high)}${last ? ']' : ')'}`;
}

/**
 * A numeric column's two histograms overlaid on their shared bins (filled step areas, reference and
 * current), the means marked by dashed lines, a share axis and a value axis; each bin has a tooltip
 * with both counts.
 */
export function numericChartSvg(chart: NumericDriftChart): string {
  const bins = chart.edges.length - 1;
  if (bins < 1) return emptyChart('no numeric values to draw');
  const low = chart.edges[0]!;
  const high = chart.edges[bins]!;
  const plotWidth = WIDTH - PLOT.left - PLOT.right;
  const plotHeight = HEIGHT - PLOT.top - PLOT.bottom;
  const ceiling = shareCeiling(Math.max(...chart.reference.shares, ...chart.current.shares));
  const xOfBin = (bin: number) => PLOT.left + (bin / bins) * plotWidth;
  const xOfValue = (value: number) => PLOT.left + ((value - low) / (high - low)) * plotWidth;
  const y = (share: number) => PLOT.top + plotHeight * (1 - share / ceiling);
  const parts: string[] = [];
  // Grid and share axis.
  for (const share of [0, ceiling / 2, ceiling]) {
    parts.push(
      `<line class="grid" x1="${PLOT.left}" x2="${WIDTH - PLOT.right}" y1="${c(y(share))}" y2="${c(y(share))}"/>`,
      `<text class="tick" x="${PLOT.left - 6}" y="${c(y(share) + 4)}" text-anchor="end">${Number((share * 100).toFixed(1))}%</text>`,
    );
  }
  // The two distributions.
  parts.push(
    `<path class="area ref" d="${stepArea(chart.reference.shares, xOfBin, y)}"/>`,
    `<path class="area cur" d="${stepArea(chart.current.shares, xOfBin, y)}"/>`,
  );
  // Value axis.
  const ticks = chart.integers && bins <= 12 ? [] : axisTicks(low, high);
  if (ticks.length > 0) {
    for (const tick of ticks) {
      const x = xOfValue(tick);
      parts.push(
        `<line class="axis" x1="${c(x)}" x2="${c(x)}" y1="${c(y(0))}" y2="${c(y(0) + 4)}"/>`,
        `<text class="tick" x="${c(x)}" y="${c(y(0) + 16)}" text-anchor="middle">${escapeHtml(formatNumber(tick))}</text>`,
      );
    }
  } else {
    for (let bin = 0; bin < bins; bin++) {
      const x = (xOfBin(bin) + xOfBin(bin + 1)) / 2;
      parts.push(
        `<text class="tick" x="${c(x)}" y="${c(y(0) + 16)}" text-anchor="middle">${escapeHtml(formatNumber(chart.edges[bin]! + 0.5))}</text>`,
      );
    }
  }
  parts.push(
    `<line class="axis" x1="${PLOT.left}" x2="${WIDTH - PLOT.right}" y1="${c(y(0))}" y2="${c(y(0))}"/>`,
  );
  // Means: dashed lines, labels on the outer side of each so that they do not collide.
  const means = [
    { name: 'ref', label: 'reference mean', mean: chart.reference.mean },
    { name: 'cur', label: 'current mean', mean: chart.current.mean },
  ].filter((entry): entry is { name: string; label: string; mean: number } => entry.mean !== null);
  const order = [...means].sort((a, b) => a.mean - b.mean);
  for (const entry of means) {
    if (entry.mean < low || entry.mean > high) continue;
    const x = xOfValue(entry.mean);
    const leftmost = order.length === 2 && order[0] === entry;
    const anchor = leftmost ? 'end' : 'start';
    const textX = leftmost ? x - 4 : x + 4;
    parts.push(
      `<line class="mean ${entry.name}" x1="${c(x)}" x2="${c(x)}" y1="${PLOT.top - 12}" y2="${c(y(0))}"><title>${entry.label} ${escapeHtml(formatNumber(entry.mean))}</title></line>`,
      `<text class="mean-label ${entry.name}" x="${c(textX)}" y="${PLOT.top - 16}" text-anchor="${anchor}">μ ${escapeHtml(formatNumber(entry.mean))}</text>`,
    );
  }
  // Tooltips: one transparent column per bin.
  for (let bin = 0; bin < bins; bin++) {
    const tip = `${binRange(chart, bin)}: reference ${formatCount(chart.reference.counts[bin]!)} (${formatShare(chart.reference.shares[bin]!)}), current ${formatCount(chart.current.counts[bin]!)} (${formatShare(chart.current.shares[bin]!)})`;
    parts.push(
      `<rect class="hit" x="${c(xOfBin(bin))}" y="${PLOT.top}" width="${c(plotWidth / bins)}" height="${plotHeight}"><title>${escapeHtml(tip)}</title></rect>`,
    );
  }
  const label = `Histograms of ${chart.feature}: reference and current on ${bins} shared bins`;
  return `<svg class="chart-svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeHtml(label)}">${parts.join('')}</svg>`;
}

const ROW = 20;
const LABEL_WIDTH = 150;
const VALUE_WIDTH = 118;
const CATEGORY_LABEL_LIMIT = 22;
/** Room after the longest bar for a NEW / MISSING tag. */
const TAG_WIDTH = 56;

/**
 * A categorical column as paired horizontal bars per category (reference above, current below), on a
 * shared share scale; new and missing categories are tagged; the categories beyond the top ones in
 * one "other" row.
 */
export function categoricalChartSvg(chart: CategoricalDriftChart): string {
  type Row = {
    label: string;
    title: string;
    referenceShare: number;
    currentShare: number;
    tag: string;
    other: boolean;
  };
  const rows: Row[] = chart.categories.map((category) => ({
    label: shortLabel(category.label, CATEGORY_LABEL_LIMIT),
    title: `${category.label}: reference ${formatCount(category.reference)} (${formatShare(category.referenceShare)}), current ${formatCount(category.current)} (${formatShare(category.currentShare)})`,
    referenceShare: category.referenceShare,
    currentShare: category.currentShare,
    tag: category.status === 'both' ? '' : category.status,
    other: false,
  }));
  if (chart.other !== null) {
    const other = chart.other;
    const flags = [
      other.newCategories > 0 ? `${formatCount(other.newCategories)} new` : '',
      other.missingCategories > 0 ? `${formatCount(other.missingCategories)} missing` : '',
    ].filter(Boolean);
    rows.push({
      label: `other (${formatCount(other.categories)})`,
      title: `${formatCount(other.categories)} other categories${flags.length > 0 ? ` (${flags.join(', ')})` : ''}: reference ${formatCount(other.reference)} (${formatShare(other.referenceShare)}), current ${formatCount(other.current)} (${formatShare(other.currentShare)})`,
      referenceShare: other.referenceShare,
      currentShare: other.currentShare,
      tag: flags.join(', '),
      other: true,
    });
  }
  if (rows.length === 0) return emptyChart('no values to draw');
  const top = 8;
  const height = top + rows.length * ROW + 6;
  const barWidth = WIDTH - LABEL_WIDTH - VALUE_WIDTH - TAG_WIDTH;
  const ceiling = shareCeiling(
    Math.max(...rows.map((row) => Math.max(row.referenceShare, row.currentShare))),
  );
  const length = (share: number) => (share / ceiling) * barWidth;
  const parts: string[] = [];
  rows.forEach((row, index) => {
    const y = top + index * ROW;
    // The other row's new/missing counts are in its tooltip and the caption: too long for a tag.
    const tagText = row.tag === '' || row.other ? '' : row.tag === 'new' ? 'NEW' : 'MISSING';
    parts.push(
      `<g${row.other ? ' class="other"' : ''}><title>${escapeHtml(row.title)}</title>`,
      `<rect class="hit" x="0" y="${y}" width="${WIDTH}" height="${ROW}"/>`,
      `<text class="cat" x="${LABEL_WIDTH - 8}" y="${y + 14}" text-anchor="end">${escapeHtml(row.label)}</text>`,
      `<rect class="bar ref" x="${LABEL_WIDTH}" y="${y + 3}" width="${c(length(row.referenceShare))}" height="7"/>`,
      `<rect class="bar cur" x="${LABEL_WIDTH}" y="${y + 10}" width="${c(length(row.currentShare))}" height="7"/>`,
      `<text class="tick" x="${WIDTH - VALUE_WIDTH}" y="${y + 14}">${formatShare(row.referenceShare)} → ${formatShare(row.currentShare)}</text>`,
      tagText === ''
        ? ''
        : `<text class="tag" x="${c(LABEL_WIDTH + Math.max(length(row.referenceShare), length(row.currentShare)) + 6)}" y="${y + 14}">${escapeHtml(tagText)}</text>`,
      '</g>',
    );
  });
  parts.push(
    `<line class="axis" x1="${LABEL_WIDTH}" x2="${LABEL_WIDTH}" y1="${top}" y2="${top + rows.length * ROW}"/>`,
  );
  const label = `Category shares of ${chart.feature}: reference and current`;
  return `<svg class="chart-svg" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${escapeHtml(label)}">${parts.join('')}</svg>`;
}

/** The chart of a column, by kind. */
export function columnChartSvg(chart: DriftColumnChart): string {
  return chart.kind === 'numeric' ? numericChartSvg(chart) : categoricalChartSvg(chart);
}

const SPARK_WIDTH = 120;
const SPARK_HEIGHT = 26;

/**
 * A thumbnail of a column's chart for the table: the two histograms as lines (numeric) or paired bars
 * for the first categories (categorical).
 */
export function sparklineSvg(chart: DriftColumnChart): string {
  const open = `<svg class="spark" viewBox="0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}" aria-hidden="true">`;
  if (chart.kind === 'numeric') {
    const bins = chart.edges.length - 1;
    if (bins < 1) return `${open}</svg>`;
    const largest = Math.max(...chart.reference.shares, ...chart.current.shares) || 1;
    const x = (bin: number) => 1 + (bin / bins) * (SPARK_WIDTH - 2);
    const y = (share: number) => SPARK_HEIGHT - 1 - (share / largest) * (SPARK_HEIGHT - 3);
    const line = (shares: readonly number[]) => {
      let path = `M${c(x(0))} ${c(y(shares[0] ?? 0))}`;
      shares.forEach((share, bin) => {
        path += `V${c(y(share))}H${c(x(bin + 1))}`;
      });
      return path;
    };
    return `${open}<path class="spark-line ref" d="${line(chart.reference.shares)}"/><path class="spark-line cur" d="${line(chart.current.shares)}"/></svg>`;
  }
  const shown = chart.categories.slice(0, 12);
  if (shown.length === 0) return `${open}</svg>`;
  const largest =
    Math.max(...shown.map((category) => Math.max(category.referenceShare, category.currentShare))) || 1;
  const slot = (SPARK_WIDTH - 2) / shown.length;
  const bar = Math.max(1, slot / 2 - 0.5);
  const parts = shown.map((category, index) => {
    const x = 1 + index * slot;
    const h = (share: number) => (share / largest) * (SPARK_HEIGHT - 2);
    return `<rect class="bar ref" x="${c(x)}" y="${c(SPARK_HEIGHT - 1 - h(category.referenceShare))}" width="${c(bar)}" height="${c(h(category.referenceShare))}"/><rect class="bar cur" x="${c(x + bar)}" y="${c(SPARK_HEIGHT - 1 - h(category.currentShare))}" width="${c(bar)}" height="${c(h(category.currentShare))}"/>`;
  });
  return `${open}${parts.join('')}</svg>`;
}
