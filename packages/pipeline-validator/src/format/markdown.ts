import type { PipelineFileReport } from '@mlops/core';

/** Makes text safe inside a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

/**
 * A summary for a pull-request comment or `$GITHUB_STEP_SUMMARY`: one table row per file, then a table
 * of the issues of each file that has any.
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
      `| ${code(report.file)} | ${cell(report.pipeline_name)} | ${report.total_stages} | ${report.valid ? '✅ PASS' : '❌ FAIL'} | ${report.errors} | ${report.warnings} | ${report.info} |`,
    );
  for (const report of reports) {
    if (report.issues.length === 0) continue;
    lines.push(
      '',
      `#### ${code(report.file)}`,
      '',
      '| Severity | Rule | Line:Col | Message |',
      '| --- | --- | --- | --- |',
    );
    for (const issue of report.issues)
      lines.push(
        `| ${issue.severity} | ${code(issue.rule)} | ${issue.line}:${issue.column} | ${cell(issue.message)} |`,
      );
  }
  return lines;
}
