import { type CliContext, layoutTable, wrapToWidth } from '@mlops/cli-kit';
import { type DriftFeatureReport, type DriftReport, escapeText } from '@mlops/core';

type ChalkInstance = CliContext['color']['stdout'];

import { formatScore } from './numbers.js';

/**
 * A column's tests, when the report lists them: each method's score (adjusted, when corrected) and
 * verdict, and how they combine, e.g. `tests (any): psi 0.2312 drift, ks_stat 0.12 ok`. Undefined for
 * a column with its one method.
 */
export function testsSummary(feature: DriftFeatureReport): string | undefined {
  if (feature.tests === undefined) return undefined;
  const tests = feature.tests.map((test) => {
    const verdict = test.drift_score === null ? 'not scored' : test.is_drifted ? 'drift' : 'ok';
    const pValue = test.p_value === undefined ? '' : ` (p ${formatScore(test.p_value)})`;
    return `${test.method} ${formatScore(test.p_value_adjusted ?? test.drift_score)}${pValue} ${verdict}`;
  });
  return `tests (${feature.combine ?? 'any'}): ${tests.join(', ')}`;
}

/**
 * How the report's columns were tested, for the heading: `method legacy, threshold 0.1`, or with
 * several tests `tests psi:0.2, ks_stat:0.15 (any)`. `code` wraps each method (Markdown: a code span).
 */
export function methodSummary(report: DriftReport, code: (text: string) => string = (text) => text): string {
  if (report.tests !== undefined) {
    const tests = report.tests.map((test) =>
      code(test.threshold === undefined ? test.method : `${test.method}:${test.threshold}`),
    );
    return `tests ${tests.join(', ')} (${report.combine ?? 'any'})`;
  }
  return `method ${code(report.method)}, threshold ${report.threshold === null ? 'per column' : String(report.threshold)}`;
}

/**
 * A short description of the statistics behind a column's verdict, its tests first when listed.
 * `escapeValue` is applied to the parts that come from the input (categories, and the reason a column was not scored, which may name files
 * and columns): escapeText for the terminal, escapeMarkdown for Markdown.
 */
export function featureDetails(
  feature: DriftFeatureReport,
  escapeValue: (text: string) => string = escapeText,
): string {
  if (!feature.scored) return escapeValue(feature.reason ?? 'no score');
  const parts: string[] = [];
  const tests = testsSummary(feature);
  if (tests !== undefined) parts.push(tests);
  if (feature.data_type === 'numeric') {
    parts.push(`ks ${formatScore(feature.ks_statistic)} (p ${formatScore(feature.ks_pvalue)})`);
    parts.push(`psi ${formatScore(feature.psi)} ${feature.psi_interpretation ?? ''}`.trimEnd());
    // A date column's means are shown as its dates (ISO 8601, UTC), the JSON keeping the seconds too.
    parts.push(
      `mean ${feature.ref_mean_iso ?? formatScore(feature.ref_mean)} → ${feature.cur_mean_iso ?? formatScore(feature.cur_mean)}`,
    );
  } else {
    parts.push(`chi² ${formatScore(feature.chi_square)} (p ${formatScore(feature.chi_square_pvalue)})`);
    if (feature.new_categories) parts.push(`new: ${feature.new_categories.map(escapeValue).join(', ')}`);
    if (feature.missing_categories)
      parts.push(`missing: ${feature.missing_categories.map(escapeValue).join(', ')}`);
  }
  if (feature.p_value_adjusted !== undefined)
    parts.push(`adjusted p ${formatScore(feature.p_value_adjusted)}`);
  return parts.join('; ');
}

/**
 * The columns that could not be scored, with their reasons (input-derived text escaped for the
 * terminal), each wrapped to `columns` when given; none when every column was scored.
 */
export function unscoredLines(report: DriftReport, columns?: number): string[] {
  const unscored = report.features.filter((feature) => !feature.scored);
  if (unscored.length === 0) return [];
  return [
    '',
    'Not scored (each counts as drifted):',
    ...unscored.flatMap((feature) =>
      wrapToWidth(
        `  ${escapeText(feature.feature)}: ${escapeText(feature.reason ?? 'no score')}`,
        columns,
        4,
      ),
    ),
  ];
}

/** What the text report adds on a terminal. */
export interface DriftTextOptions {
  /** The sparklines of the numeric columns (see sparklineLines), between the table and the verdict. */
  readonly shapes?: readonly string[];
  /**
   * The terminal's width (see tableColumns): the table's details are cut to fit it, the sentences
   * (the verdict, the reasons, the recommendations) wrapped.
   */
  readonly columns?: number | undefined;
}

/**
 * The report as a table for a terminal; colour only when the context's stdout has it on. File names,
 * column names and categories are escaped (escapeText), and the columns sized on the escapes by display
 * width (CJK and emoji count two). On a terminal (`columns`), each row fits its width: the details,
 * the last column, are cut with `…` (the JSON and Markdown reports have them whole).
 */
export function formatDriftText(
  report: DriftReport,
  color: ChalkInstance,
  { shapes = [], columns }: DriftTextOptions = {},
): string[] {
  const lines = [
    color.bold(`Data drift: ${escapeText(report.reference)} → ${escapeText(report.current)}`),
    ...wrapToWidth(
      `${methodSummary(report)}, correction ${report.correction}, alert above ${report.drift_share * 100}% of features`,
      columns,
      2,
    ),
    '',
  ];
  const header = ['feature', 'type', 'method', 'score', 'threshold', 'drifted', 'details'];
  const rows = report.features.map((feature) => [
    escapeText(feature.feature),
    feature.data_type,
    feature.method,
    formatScore(feature.p_value_adjusted ?? feature.drift_score),
    String(feature.threshold),
    feature.scored ? (feature.is_drifted ? 'DRIFT' : 'ok') : 'NOT SCORED',
    featureDetails(feature),
  ]);
  const table = layoutTable([header, ...rows], { gap: '  ', columns, header: true });
  if (!table.stacked) lines.push(color.dim(table.rows[0]!));
  const body = table.stacked ? table.rows : table.rows.slice(1);
  rows.forEach((row, index) => {
    const text = body[index]!;
    lines.push(...text.split('\n').map((line) => (row[5] === 'ok' ? line : color.red(line))));
  });
  lines.push('');
  if (shapes.length > 0) lines.push(...shapes, '');
  const summary = `${report.drifted_features}/${report.total_features} features drifted (${report.drift_rate}%)`;
  const verdict = report.alert ? `ALERT: ${report.alert_message}` : `OK: ${summary}, no alert.`;
  const paint = report.alert ? color.red.bold : color.green;
  lines.push(...wrapToWidth(verdict, columns, 2).map((line) => paint(line)));
  lines.push(...unscoredLines(report, columns));
  const recommended = report.features.filter((feature) => feature.recommendation !== undefined);
  if (recommended.length > 0) {
    lines.push('', 'Recommendations:');
    for (const feature of recommended)
      lines.push(...wrapToWidth(`  ${escapeText(feature.feature)}: ${feature.recommendation}`, columns, 4));
  }
  return lines;
}
