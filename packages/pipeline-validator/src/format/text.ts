import type { CliContext } from '@mlops/cli-kit';
import { escapeText, type PipelineFileReport, type PipelineSeverity } from '@mlops/core';

type ChalkInstance = CliContext['color']['stdout'];

/** `file:line:column` of an issue, the file name escaped. */
export function issueLocation(file: string, issue: { line: number; column: number }): string {
  return `${escapeText(file)}:${issue.line}:${issue.column}`;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** `3 errors, 1 warning, 0 info`: the counts, in words. */
function countsInWords(counts: { errors: number; warnings: number; info: number }): string {
  return `${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}, ${counts.info} info`;
}

/**
 * The text report: the pipeline and its verdict (`Status: [PASS]` / `[FAIL]` as the legacy tool
 * printed it), then each issue as `[SEVERITY] RULE  file:line:column` over its message, in the order
 * of the file (by line, then column; issues at the same place in the report's order). Colours (when the chalk instance has any): the verdict and each severity tag.
 * The file name, the pipeline name and the messages (which quote names and values from the file) are
 * escaped (escapeText): nothing from the file can start a line or act on the terminal.
 */
export function formatTextReport(report: PipelineFileReport, color: ChalkInstance): string[] {
  const tag: Record<PipelineSeverity, (text: string) => string> = {
    error: color.red.bold,
    warning: color.yellow.bold,
    info: color.cyan,
  };
  const status = report.valid ? color.green.bold('[PASS]') : color.red.bold('[FAIL]');
  const stages = `${report.total_stages} stage${report.total_stages === 1 ? '' : 's'}`;
  const lines = [
    `Pipeline ${escapeText(report.pipeline_name)} (${escapeText(report.file)}, ${stages})`,
    `Status: ${status}  ${countsInWords(report)}`,
  ];
  if (report.issues.length === 0) lines.push('No issues found.');
  // Array.prototype.sort is stable: issues at the same place keep the report's (legacy) order.
  const byPlace = [...report.issues].sort((a, b) => a.line - b.line || a.column - b.column);
  for (const issue of byPlace) {
    lines.push('');
    lines.push(
      `  ${tag[issue.severity](`[${issue.severity.toUpperCase()}]`)} ${issue.rule}  ${color.dim(issueLocation(report.file, issue))}`,
    );
    lines.push(`    ${escapeText(issue.message)}`);
  }
  return lines;
}

/**
 * The last line of a text run, for all files together (ESLint's summary, in this report's words):
 * `✖ 8 issues (3 errors, 4 warnings, 1 info) in 2 of 3 files` when there is an error (the run fails),
 * `⚠ …` when there are only warnings and infos, `✔ No issues found in 3 files` when there is
 * nothing; "in 2 files" when every file has an issue. Coloured as the verdict: red, yellow, green.
 */
export function formatTextSummary(reports: readonly PipelineFileReport[], color: ChalkInstance): string {
  const counts = { errors: 0, warnings: 0, info: 0 };
  let withIssues = 0;
  for (const report of reports) {
    counts.errors += report.errors;
    counts.warnings += report.warnings;
    counts.info += report.info;
    if (report.total_issues > 0) withIssues++;
  }
  const files = plural(reports.length, 'file');
  const issues = counts.errors + counts.warnings + counts.info;
  if (issues === 0) return color.green.bold(`✔ No issues found in ${files}`);
  const where = withIssues === reports.length ? files : `${withIssues} of ${files}`;
  const line = `${plural(issues, 'issue')} (${countsInWords(counts)}) in ${where}`;
  return counts.errors > 0 ? color.red.bold(`✖ ${line}`) : color.yellow.bold(`⚠ ${line}`);
}
