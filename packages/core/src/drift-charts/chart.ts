import type { DriftFeature, DriftReport, ScoredColumn } from '../drift/index.js';
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
  const byName = new Map(check.columns.map((column) => [column.name, column]));
  return check.report.features.flatMap((feature) => {
    const column = byName.get(feature.feature);
    return column?.inCurrent ? [driftColumnChart(column.feature)] : [];
  });
}
