import type { CliContext } from '@mlops/cli-kit';
import { escapeText, type PipelineFileReport, type PipelineSeverity } from '@mlops/core';

type ChalkInstance = CliContext['color']['stdout'];

/** `file:line:column` of an issue, the file name escaped. */
export function issueLocation(file: string, issue: { line: number; column: number }): string {
  return `${escapeText(file)}:${issue.line}:${issue.column}`;
}

/** `3 errors, 1 warning, 0 info`: the counts, in words. */
function countsInWords(report: PipelineFileReport): string {
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  return `${plural(report.errors, 'error')}, ${plural(report.warnings, 'warning')}, ${report.info} info`;
}

/**
 * The text report: the pipeline and its verdict (`Status: [PASS]` / `[FAIL]` as the legacy tool
 * printed it), then each issue as `[SEVERITY] RULE  file:line:column` over its message, in the order
 * the rules emit them. Colours (when the chalk instance has any): the verdict and each severity tag.
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
  for (const issue of report.issues) {
    lines.push('');
    lines.push(
      `  ${tag[issue.severity](`[${issue.severity.toUpperCase()}]`)} ${issue.rule}  ${color.dim(issueLocation(report.file, issue))}`,
    );
    lines.push(`    ${escapeText(issue.message)}`);
  }
  return lines;
}
