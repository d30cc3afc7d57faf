import { createHash } from 'node:crypto';
import { type DriftColumnChart, type DriftFeatureReport, type DriftReport, formatSeconds } from '@mlops/core';
import { formatScore } from '../format/numbers.js';
import { methodSummary, testsSummary } from '../format/text.js';
import { REPORT_CSS, REPORT_SCRIPT } from './assets.js';
import { escapeHtml, shortLabel } from './escape.js';
import { formatCount, formatNumber } from './format.js';
import { columnChartSvg, sparklineSvg } from './svg.js';

/** One compared file, as the report header shows it. */
export interface DriftHtmlFile {
  /** The name as the user gave it. */
  name: string;
  /** Data rows. */
  rows: number;
  /** Columns in the file's header (compared or not). */
  columns: number;
}

/** Everything the HTML report shows. */
export interface DriftHtmlInput {
  report: DriftReport;
  /** One chart per compared column (matched by name). */
  charts: readonly DriftColumnChart[];
  reference: DriftHtmlFile;
  current: DriftHtmlFile;
  generatedAt: Date;
  /** The tool's name and version, for the footer. */
  tool: string;
  version: string;
}

/** Column names longer than this (in code points) are cut in the page, to keep it bounded. */
const NAME_LIMIT = 200;

/** New or missing categories named in a chart's caption; the rest are counted. */
const LISTED_CATEGORIES = 10;

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * The page's Content-Security-Policy: nothing may load, and only the page's own style sheet and script
 * (by hash) may apply or run; no inline event handlers, no images, no forms.
 */
export const REPORT_CSP = `default-src 'none'; style-src ${sha256(REPORT_CSS)}; script-src ${sha256(REPORT_SCRIPT)}; img-src 'none'; base-uri 'none'; form-action 'none'`;

/** `na`: the column could not be scored; it counts as drifted. */
type Verdict = 'drift' | 'ok' | 'na';

function verdictOf(feature: DriftFeatureReport): Verdict {
  if (!feature.scored) return 'na';
  return feature.is_drifted ? 'drift' : 'ok';
}

const VERDICT_TEXT: Record<Verdict, string> = { drift: 'DRIFT', ok: 'ok', na: 'NOT SCORED' };
const VERDICT_KEY: Record<Verdict, number> = { na: 3, drift: 2, ok: 1 };

function badge(verdict: Verdict): string {
  return `<span class="badge ${verdict}">${VERDICT_TEXT[verdict]}</span>`;
}

function pValueOf(feature: DriftFeatureReport): number | undefined {
  return feature.data_type === 'numeric' ? feature.ks_pvalue : feature.chi_square_pvalue;
}

/** A table cell with its sort key; `text` is escaped here. */
function cell(text: string, key: string | number | null | undefined, numeric = false): string {
  const value = key === null || key === undefined ? '' : String(key);
  return `<td${numeric ? ' class="num"' : ''} data-v="${escapeHtml(value)}">${escapeHtml(text)}</td>`;
}

function percentOf(share: number): string {
  return `${Number((share * 100).toFixed(2))}%`;
}

function header(input: DriftHtmlInput): string {
  const { report } = input;
  const alert = report.alert;
  const summary = `${report.drifted_features} of ${report.total_features} columns drifted (${report.drift_rate}%)`;
  const rule = alert
    ? `more than the ${percentOf(report.drift_share)} allowed`
    : `alert above ${percentOf(report.drift_share)}`;
  const file = (entry: DriftHtmlFile) =>
    `${escapeHtml(shortLabel(entry.name, NAME_LIMIT))} — ${formatCount(entry.rows)} rows, ${formatCount(entry.columns)} columns`;
  const methods = [...new Set(report.features.map((feature) => feature.method))];
  const methodText =
    report.tests !== undefined
      ? methodSummary(report)
      : report.method === 'auto' || methods.length > 1 || methods[0] !== report.method
        ? `${report.method} (used: ${methods.join(', ')})`
        : report.method;
  const threshold = report.threshold === null ? 'per column' : String(report.threshold);
  const meta: Array<[string, string]> = [
    ['Reference', file(input.reference)],
    ['Current', file(input.current)],
    ['Method', escapeHtml(methodText)],
    ['Threshold', escapeHtml(threshold)],
    ['Correction', escapeHtml(report.correction)],
    ['Alert rule', `more than ${percentOf(report.drift_share)} of the columns drifted`],
    ...unscoredMeta(report),
    [
      'Generated',
      `${escapeHtml(formatDate(input.generatedAt))} by ${escapeHtml(input.tool)} ${escapeHtml(input.version)}`,
    ],
  ];
  return [
    '<header>',
    '<h1>Data drift report</h1>',
    `<div class="verdict ${alert ? 'alert' : 'ok'}" id="verdict"><strong>${alert ? 'Drift alert' : 'No alert'}</strong><span>${escapeHtml(summary)}, ${escapeHtml(rule)}</span></div>`,
    `<dl class="meta">${meta.map(([term, text]) => `<dt>${term}</dt><dd>${text}</dd>`).join('')}</dl>`,
    '</header>',
  ].join('\n');
}

/** The columns that could not be scored and why, as a header entry; none when every column was. */
function unscoredMeta(report: DriftReport): Array<[string, string]> {
  const unscored = report.features.filter((feature) => !feature.scored);
  if (unscored.length === 0) return [];
  const list = unscored
    .map(
      (feature) =>
        `${escapeHtml(shortLabel(feature.feature, NAME_LIMIT))}: ${escapeHtml(feature.reason ?? 'no score')}`,
    )
    .join('; ');
  return [['Not scored', `${list} (each counts as drifted)`]];
}

/** `2026-11-27 06:30:12 UTC`. */
function formatDate(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

const TABLE_HEADS: Array<[string, boolean]> = [
  ['Column', false],
  ['Kind', false],
  ['Method', false],
  ['Score', true],
  ['p-value', true],
  ['Adj. p', true],
  ['Threshold', true],
  ['Verdict', false],
  ['Missing ref', true],
  ['Missing cur', true],
];

function columnsTable(input: DriftHtmlInput, charts: Map<string, DriftColumnChart>): string {
  const heads = TABLE_HEADS.map(
    ([label, numeric]) =>
      `<th${numeric ? ' class="num"' : ''} scope="col"><button type="button">${label}</button></th>`,
  );
  heads.push('<th scope="col">Shape</th>');
  const rows = input.report.features.map((feature, index) => {
    const verdict = verdictOf(feature);
    const chart = charts.get(feature.feature);
    const name = shortLabel(feature.feature, NAME_LIMIT);
    return [
      `<tr data-i="${index}"${verdict === 'ok' ? '' : ' class="drifted"'}>`,
      `<td class="name" data-v="${escapeHtml(name)}"><a href="#chart-${index}">${escapeHtml(name)}</a></td>`,
      cell(feature.data_type, feature.data_type),
      cell(feature.method, feature.method),
      cell(formatScore(feature.drift_score, '—'), feature.drift_score, true),
      cell(formatScore(pValueOf(feature), '—'), pValueOf(feature), true),
      cell(formatScore(feature.p_value_adjusted, '—'), feature.p_value_adjusted, true),
      cell(String(feature.threshold), feature.threshold, true),
      `<td data-v="${VERDICT_KEY[verdict]}">${badge(verdict)}</td>`,
      cell(formatCount(feature.ref_missing), feature.ref_missing, true),
      cell(formatCount(feature.cur_missing), feature.cur_missing, true),
      `<td>${chart === undefined ? '' : sparklineSvg(chart)}</td>`,
      '</tr>',
    ].join('');
  });
  const total = input.report.features.length;
  return [
    '<section>',
    '<h2>Columns</h2>',
    '<div class="controls">',
    '<input type="search" id="filter" placeholder="Filter columns by name" aria-label="Filter columns by name">',
    '<label><input type="checkbox" id="drifted-only"> drifted only</label>',
    `<span class="count" id="shown">${total} of ${total} columns shown</span>`,
    '</div>',
    `<table id="columns"><thead><tr>${heads.join('')}</tr></thead>`,
    `<tbody>\n${rows.join('\n')}\n</tbody></table>`,
    '</section>',
  ].join('\n');
}

/** Up to {@link LISTED_CATEGORIES} names, then how many more. */
function listNames(names: readonly string[]): string {
  const listed = names.slice(0, LISTED_CATEGORIES).map((name) => shortLabel(name, 40));
  const more = names.length - listed.length;
  return `${listed.join(', ')}${more > 0 ? ` and ${formatCount(more)} more` : ''}`;
}

function chartStats(feature: DriftFeatureReport, chart: DriftColumnChart | undefined): string[] {
  const parts: string[] = [];
  if (feature.data_type === 'numeric') {
    if (feature.ref_mean !== undefined && feature.cur_mean !== undefined)
      parts.push(
        `mean ${feature.ref_mean_iso ?? formatNumber(feature.ref_mean)} → ${feature.cur_mean_iso ?? formatNumber(feature.cur_mean)}`,
      );
    // A date column's spread is a span of seconds, shown in days, hours, minutes or seconds.
    const spread = feature.value_type === undefined ? formatNumber : formatSeconds;
    if (typeof feature.ref_std === 'number' && typeof feature.cur_std === 'number')
      parts.push(`std ${spread(feature.ref_std)} → ${spread(feature.cur_std)}`);
    if (feature.ks_statistic !== undefined)
      parts.push(`KS ${formatScore(feature.ks_statistic, '—')} (p ${formatScore(feature.ks_pvalue, '—')})`);
    if (feature.psi !== undefined)
      parts.push(
        `PSI ${formatScore(feature.psi, '—')}${feature.psi_interpretation ? ` ${feature.psi_interpretation.replace('_', ' ')}` : ''}`,
      );
  } else {
    if (feature.chi_square !== undefined)
      parts.push(
        `χ² ${formatScore(feature.chi_square, '—')} (p ${formatScore(feature.chi_square_pvalue, '—')})`,
      );
    if (chart?.kind === 'categorical') parts.push(`${formatCount(chart.distinct)} categories`);
    if (feature.new_categories) parts.push(`new: ${listNames(feature.new_categories)}`);
    if (feature.missing_categories) parts.push(`missing: ${listNames(feature.missing_categories)}`);
  }
  parts.push(`rows ${formatCount(feature.ref_count)} / ${formatCount(feature.cur_count)}`);
  if (feature.ref_missing + feature.cur_missing > 0)
    parts.push(`missing cells ${formatCount(feature.ref_missing)} / ${formatCount(feature.cur_missing)}`);
  if (chart?.kind === 'numeric') {
    const outside = (histogram: typeof chart.reference) => histogram.below + histogram.above;
    const reference = outside(chart.reference);
    const current = outside(chart.current);
    if (reference + current > 0)
      parts.push(
        `not drawn (far outliers): ${formatCount(reference)} reference, ${formatCount(current)} current`,
      );
  }
  return parts;
}

function chartSection(input: DriftHtmlInput, charts: Map<string, DriftColumnChart>): string {
  const figures = input.report.features.map((feature, index) => {
    const verdict = verdictOf(feature);
    const chart = charts.get(feature.feature);
    const score =
      feature.drift_score === null
        ? ''
        : `${feature.method} score ${formatScore(feature.p_value_adjusted ?? feature.drift_score, '—')}${feature.p_value_adjusted !== undefined ? ' (adjusted)' : ''}, threshold ${feature.threshold}`;
    return [
      `<figure class="chart${verdict === 'ok' ? '' : ' drifted'}" id="chart-${index}">`,
      '<figcaption>',
      `<span class="title">${escapeHtml(shortLabel(feature.feature, NAME_LIMIT))}</span>${badge(verdict)}`,
      `<span class="kind">${escapeHtml(feature.data_type)}${score === '' ? '' : ` · ${escapeHtml(score)}`}</span>`,
      `<span class="stats">${escapeHtml(chartStats(feature, chart).join(' · '))}</span>`,
      feature.tests === undefined
        ? ''
        : `<span class="stats">${escapeHtml(testsSummary(feature) ?? '')}</span>`,
      feature.scored
        ? ''
        : `<span class="warning">not scored: ${escapeHtml(feature.reason ?? 'no score')}</span>`,
      '</figcaption>',
      chart === undefined ? '' : columnChartSvg(chart),
      '</figure>',
    ].join('');
  });
  return [
    '<section>',
    '<h2>Distributions</h2>',
    '<div class="legend"><span><span class="swatch ref"></span>reference</span><span><span class="swatch cur"></span>current</span><span>numeric: share of values per bin, dashed line at the mean · categorical: share per category</span></div>',
    `<div class="charts">\n${figures.join('\n')}\n</div>`,
    '</section>',
  ].join('\n');
}

/**
 * The drift report as one self-contained HTML page: a verdict header, a sortable and filterable table
 * of columns with sparklines, and one chart per column. No external resource of any kind; light and
 * dark colour schemes; print styles. Everything from the data is escaped, and the page's CSP lets
 * only its own style sheet and script apply.
 */
export function renderDriftHtml(input: DriftHtmlInput): string {
  const charts = new Map(input.charts.map((chart) => [chart.feature, chart]));
  const { report } = input;
  const title = `Data drift: ${report.reference} → ${report.current}`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<meta name="generator" content="${escapeHtml(`${input.tool} ${input.version}`)}">`,
    `<title>${escapeHtml(shortLabel(title, NAME_LIMIT))}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    '<main>',
    header(input),
    columnsTable(input, charts),
    chartSection(input, charts),
    `<footer>Made by ${escapeHtml(input.tool)} ${escapeHtml(input.version)} from ${escapeHtml(shortLabel(report.reference, NAME_LIMIT))} and ${escapeHtml(shortLabel(report.current, NAME_LIMIT))}. Self-contained: this page loads nothing from the network.</footer>`,
    '</main>',
    `<script>${REPORT_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
