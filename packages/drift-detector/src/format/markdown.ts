import { type DriftReport, escapeMarkdown, markdownCode } from '@mlops/core';
import { formatScore } from './numbers.js';
import { featureDetails, methodSummary } from './text.js';

/**
 * The report as Markdown: a summary line and a table, fit for `$GITHUB_STEP_SUMMARY` or a pull-request
 * comment. File names, column names and categories go through escapeMarkdown: whatever they hold, they
 * render as text, never as HTML, a link, an image or a new cell.
 */
export function formatDriftMarkdown(report: DriftReport): string[] {
  const status = report.alert ? '🔴 alert' : '🟢 no alert';
  const lines = [
    `### Data drift: ${report.drifted_features} of ${report.total_features} features drifted (${report.drift_rate}%), ${status}`,
    '',
    `Reference ${markdownCode(report.reference)}, current ${markdownCode(report.current)}; ${methodSummary(
      report,
      (text) => `\`${text}\``,
    )}, correction \`${report.correction}\`.`,
  ];
  if (report.alert) lines.push('', `**${report.alert_message}**`);
  lines.push(
    '',
    '| Feature | Type | Method | Score | Threshold | Drifted | Details |',
    '| --- | --- | --- | ---: | ---: | :---: | --- |',
  );
  for (const feature of report.features) {
    const drifted = feature.scored ? (feature.is_drifted ? '**yes**' : 'no') : '**not scored**';
    lines.push(
      `| ${escapeMarkdown(feature.feature)} | ${feature.data_type} | ${feature.method} | ${formatScore(
        feature.p_value_adjusted ?? feature.drift_score,
      )} | ${feature.threshold} | ${drifted} | ${featureDetails(feature, escapeMarkdown)} |`,
    );
  }
  const unscored = report.features.filter((feature) => !feature.scored);
  if (unscored.length > 0) {
    lines.push('', '**Not scored** (each counts as drifted):', '');
    for (const feature of unscored)
      lines.push(`- ${escapeMarkdown(feature.feature)}: ${escapeMarkdown(feature.reason ?? 'no score')}`);
  }
  return lines;
}
