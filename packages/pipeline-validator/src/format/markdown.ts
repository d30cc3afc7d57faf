import { escapeMarkdown, markdownCode, type PipelineFileReport } from '@mlops/core';

/** One of the tool's own words (a rule id) as code. */
function code(text: string): string {
  return `\`${text}\``;
}

/**
 * A summary for a pull-request comment or `$GITHUB_STEP_SUMMARY`: one table row per file, then a table
 * of the issues of each file that has any. File names, pipeline names and messages (which quote stage
 * names, inputs and values from the file) go through escapeMarkdown: whatever they hold, they render
 * as text, never as HTML, a link, an image or a new cell.
 */
export function formatMarkdownSummary(reports: readonly PipelineFileReport[]): string[] {
  const failed = reports.filter((report) => !report.valid).length;
  const lines = [
    `### pipeline-validator: ${failed === 0 ? '✅ passed' : `❌ ${failed} of ${reports.length} file${reports.length === 1 ? '' : 's'} failed`}`,
    '',
    '| File | Pipeline | Stages | Status | Errors | Warnings | Info |',
    '| --- | --- | ---: | --- | ---: | ---: | ---: |',
  ];
  for (const report of reports)
    lines.push(
      `| ${markdownCode(report.file)} | ${escapeMarkdown(report.pipeline_name)} | ${report.total_stages} | ${report.valid ? '✅ PASS' : '❌ FAIL'} | ${report.errors} | ${report.warnings} | ${report.info} |`,
    );
  for (const report of reports) {
    if (report.issues.length === 0) continue;
    lines.push(
      '',
      `#### ${markdownCode(report.file)}`,
      '',
      '| Severity | Rule | Line:Col | Message |',
      '| --- | --- | --- | --- |',
    );
    for (const issue of report.issues)
      lines.push(
        `| ${issue.severity} | ${code(issue.rule)} | ${issue.line}:${issue.column} | ${escapeMarkdown(issue.message)} |`,
      );
  }
  return lines;
}
