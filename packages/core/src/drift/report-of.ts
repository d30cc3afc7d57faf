import { correctFeatures } from './correction.js';
import type { DriftSettings } from './plan.js';
import { buildDriftReport, type DriftReport, featureReport, type ReportedColumn } from './report.js';

/**
 * The report of a check from its scored columns (in plan order) and settings: each column's report,
 * the correction across columns, then {@link buildDriftReport}. Every engine ends here.
 */
export function driftReportOf(
  columns: readonly ReportedColumn[],
  settings: DriftSettings,
  reference: string,
  current: string,
): DriftReport {
  return buildDriftReport({
    features: correctFeatures(
      columns.map((column) => featureReport(column, settings.listTests)),
      settings.correction,
    ),
    threshold: settings.reportThreshold,
    driftShare: settings.driftShare,
    method: settings.method,
    correction: settings.correction,
    reference,
    current,
    ...(settings.listTests ? { tests: settings.tests, combine: settings.combine } : {}),
  });
}
