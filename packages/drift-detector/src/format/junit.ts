import {
  type DriftFeatureReport,
  type DriftReport,
  type JunitTestCase,
  junitXml,
  pythonFloatRepr,
} from '@mlops/core';
import { formatScore } from './numbers.js';
import { featureDetails } from './text.js';

/** Values go to junitXml as they are: it escapes them (escapeText, then escapeXml). */
const asIs = (text: string) => text;

/** `ks p-value 1.06e-15, threshold 0.05`: a column's deciding score, by its kind. */
function scoreSentence(feature: DriftFeatureReport): string {
  const kind =
    feature.score_kind === 'p_value'
      ? feature.p_value_adjusted === undefined
        ? 'p-value'
        : 'adjusted p-value'
      : 'distance';
  return `${feature.method} ${kind} ${formatScore(feature.p_value_adjusted ?? feature.drift_score)}, threshold ${feature.threshold}`;
}

/** What the check saw of a column, beyond its score: its statistics, counts and recommendation. */
function columnDetails(feature: DriftFeatureReport): string[] {
  const lines = [
    `${feature.data_type}${feature.value_type === undefined ? '' : ` (${feature.value_type})`} column; reference ${feature.ref_count} values (${feature.ref_missing} missing), current ${feature.cur_count} (${feature.cur_missing} missing)`,
  ];
  if (feature.scored) lines.unshift(featureDetails(feature, asIs));
  if (feature.recommendation !== undefined) lines.push(feature.recommendation);
  return lines;
}

/**
 * A compared column as a test case: it passes when the column did not drift; a drifted column is a
 * `<failure>` whose message gives the method, score and threshold; a column that could not be scored
 * is an `<error>` (the check could not be made on it; it counts as drifted, as in every format).
 */
function columnCase(classname: string, feature: DriftFeatureReport): JunitTestCase {
  const name = `column ${feature.feature}`;
  if (!feature.scored)
    return {
      classname,
      name,
      problem: {
        kind: 'error',
        type: 'not-scored',
        message: `${feature.feature} could not be scored: ${feature.reason ?? 'no score'}`,
        details: [
          `method ${feature.method}, threshold ${feature.threshold}; a column that cannot be scored counts as drifted`,
          ...columnDetails(feature),
        ],
      },
    };
  if (feature.is_drifted)
    return {
      classname,
      name,
      problem: {
        kind: 'failure',
        type: 'drift',
        message: `${feature.feature} drifted: ${scoreSentence(feature)}`,
        details: columnDetails(feature),
      },
    };
  return { classname, name, output: [`no drift: ${scoreSentence(feature)}`, ...columnDetails(feature)] };
}

/** The verdict of the whole check as a test case: a `<failure>` on an alert. */
function alertCase(classname: string, report: DriftReport): JunitTestCase {
  const share = pythonFloatRepr(report.drift_share);
  const counts = `${report.drifted_features} of ${report.total_features} columns drifted (${report.drift_rate}%)`;
  const rule = `the alert fires when more than ${share} of the columns drifted (--drift-share)`;
  const unscored =
    report.unscored_features > 0 ? [`${report.unscored_features} of them could not be scored`] : [];
  const name = `drift share at most ${share}`;
  if (!report.alert) return { classname, name, output: [`${counts}; ${rule}`] };
  return {
    classname,
    name,
    problem: {
      kind: 'failure',
      type: 'alert',
      message: report.alert_message,
      details: [`${counts}; ${rule}`, ...unscored],
    },
  };
}

/**
 * The report as JUnit XML (see core's junitXml), for the test reports of GitLab, Jenkins and the
 * GitHub test-reporter actions: one suite, `REFERENCE vs CURRENT`; one case per compared column, in
 * the report's order, then one for the alert (`drift share at most SHARE`). The cases' class is the
 * current file. Counts: `tests` the columns plus one, `failures` the drifted columns plus the alert,
 * `errors` the columns that could not be scored.
 */
export function formatDriftJunit(report: DriftReport): string[] {
  const classname = report.current;
  return junitXml('drift-detector', [
    {
      name: `${report.reference} vs ${report.current}`,
      cases: [
        ...report.features.map((feature) => columnCase(classname, feature)),
        alertCase(classname, report),
      ],
    },
  ]);
}
