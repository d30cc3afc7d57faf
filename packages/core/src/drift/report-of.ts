import { correctFeatures } from './correction.js';
import type { DriftSettings } from './plan.js';
import {
  buildDriftReport,
  type DriftFeatureReport,
  type DriftReport,
  featureReport,
  type ReportedColumn,
} from './report.js';

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
  return driftReportOfFeatures(
    columns.map((column) => featureReport(column, settings.listTests)),
    settings,
    reference,
    current,
  );
}

/**
 * {@link driftReportOf} from each column's report entry (in plan order), for a check that lets each
 * column's data go once its entry is made (a check in passes).
 */
export function driftReportOfFeatures(
  features: readonly DriftFeatureReport[],
  settings: DriftSettings,
  reference: string,
  current: string,
): DriftReport {
  return buildDriftReport({
    features: correctFeatures([...features], settings.correction),
    threshold: settings.reportThreshold,
    driftShare: settings.driftShare,
    method: settings.method,
    correction: settings.correction,
    reference,
    current,
    ...(settings.listTests ? { tests: settings.tests, combine: settings.combine } : {}),
  });
}
