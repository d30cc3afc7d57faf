import type { DriftFeature } from '../drift/feature.js';
import type { DriftReport } from '../drift/report.js';
import type { ScoredColumn } from '../drift/score.js';
import { categoricalDriftChart } from './categorical.js';
import { numericDriftChart } from './numeric.js';
import type { DriftColumnChart } from './types.js';

/**
 * The chart data of one compared column, from the per-column storage the drift check already holds:
 * numeric columns from their sorted values (sorted once, shared with the methods), categorical ones
 * from their category counts. Bounded in size whatever the number of rows.
 */
export function driftColumnChart(feature: DriftFeature): DriftColumnChart {
  return feature.kind === 'numeric'
    ? numericDriftChart(feature.name, feature.sortedReference(), feature.sortedCurrent())
    : categoricalDriftChart(feature.name, feature.categoryCounts());
}

/**
 * The charts of a check's columns, in the report's order (most drifted first), from the score step's
 * data: a column the current file lacks has none.
 */
export function driftCheckCharts(check: {
  readonly report: DriftReport;
  readonly columns: readonly ScoredColumn[];
}): DriftColumnChart[] {
  const charts = new Map(
    check.columns.flatMap((column) =>
      column.inCurrent ? [[column.name, driftColumnChart(column.feature)] as const] : [],
    ),
  );
  return chartsInReportOrder(check.report, charts);
}

/** Charts made column by column (a check in passes), in the report's order. */
export function chartsInReportOrder(
  report: DriftReport,
  charts: ReadonlyMap<string, DriftColumnChart>,
): DriftColumnChart[] {
  return report.features.flatMap((feature) => {
    const chart = charts.get(feature.feature);
    return chart === undefined ? [] : [chart];
  });
}
