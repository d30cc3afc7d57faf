import { type DriftReport, escapeText } from '@mlops/core';
import { formatScore } from './numbers.js';
import { featureDetails } from './text.js';

/** Escapes text for a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** The report as Markdown: a summary line and a table, fit for `$GITHUB_STEP_SUMMARY`. */
export function formatDriftMarkdown(report: DriftReport): string[] {
  const status = report.alert ? '🔴 alert' : '🟢 no alert';
  const lines = [
    `### Data drift: ${report.drifted_features} of ${report.total_features} features drifted (${report.drift_rate}%), ${status}`,
    '',
    `Reference \`${cell(report.reference)}\`, current \`${cell(report.current)}\`; method \`${report.method}\`, threshold ${
      report.threshold === null ? 'per column' : report.threshold
    }, correction \`${report.correction}\`.`,
  ];
  if (report.alert) lines.push('', `**${cell(report.alert_message)}**`);
  lines.push(
    '',
    '| Feature | Type | Method | Score | Threshold | Drifted | Details |',
    '| --- | --- | --- | ---: | ---: | :---: | --- |',
  );
  for (const feature of report.features) {
    const drifted = feature.scored ? (feature.is_drifted ? '**yes**' : 'no') : '**not scored**';
    lines.push(
      `| ${cell(feature.feature)} | ${feature.data_type} | ${feature.method} | ${formatScore(
        feature.p_value_adjusted ?? feature.drift_score,
      )} | ${feature.threshold} | ${drifted} | ${cell(featureDetails(feature))} |`,
    );
  }
  const unscored = report.features.filter((feature) => !feature.scored);
  if (unscored.length > 0) {
    lines.push('', '**Not scored** (each counts as drifted):', '');
    for (const feature of unscored)
      lines.push(`- ${cell(escapeText(feature.feature))}: ${cell(feature.reason ?? 'no score')}`);
  }
  return lines;
}
