import type { CliContext } from '@mlops/cli-kit';
import type { PipelineFileReport, PipelineSeverity } from '@mlops/core';

type ChalkInstance = CliContext['color']['stdout'];

/** `file:line:column` of an issue. */
export function issueLocation(file: string, issue: { line: number; column: number }): string {
  return `${file}:${issue.line}:${issue.column}`;
}

/**
 * The legacy text report, line for line, plus an `at file:line:column` line under each issue. Colours
 * (when the chalk instance has any): the verdict and each severity tag.
 */
export function formatTextReport(report: PipelineFileReport, color: ChalkInstance): string[] {
  const tag: Record<PipelineSeverity, (text: string) => string> = {
    error: color.red.bold,
    warning: color.yellow.bold,
    info: color.cyan,
  };
  const status = report.valid ? color.green.bold('[PASS]') : color.red.bold('[FAIL]');
  const lines = [
    'ML Pipeline Validation Report',
    '='.repeat(60),
    `Pipeline: ${report.pipeline_name}  |  Stages: ${report.total_stages}`,
    `Status: ${status}  |  Errors: ${report.errors}  Warnings: ${report.warnings}  Info: ${report.info}`,
    '',
  ];
  if (report.issues.length === 0) lines.push('Pipeline definition passes all validation checks.');
  for (const issue of report.issues) {
    lines.push(`  ${tag[issue.severity](`[${issue.severity.toUpperCase()}]`)} ${issue.rule}`);
    lines.push(`    ${issue.message}`);
    lines.push(`    ${color.dim(`at ${issueLocation(report.file, issue)}`)}`);
  }
  return lines;
}
