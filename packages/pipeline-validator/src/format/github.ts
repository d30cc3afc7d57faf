import { escapeText, type PipelineFileReport, type PipelineSeverity } from '@mlops/core';

const COMMANDS: Record<PipelineSeverity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * Escapes a workflow command's message: `%`, CR and LF as the GitHub Actions runner unescapes them
 * (`%25`, `%0D`, `%0A`: a line break stays a line break inside the annotation, and cannot start a
 * workflow command of its own), then every other control, bidi or invisible character with escapeText
 * (`\x1b`), so that nothing reaches the log or a terminal raw.
 */
export function escapeGithubData(text: string): string {
  return escapeText(text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** Escapes a workflow command's property value: the message escapes plus `:` and `,`. */
export function escapeGithubProperty(text: string): string {
  return escapeGithubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * One GitHub Actions workflow command per issue, which the runner turns into an annotation on the
 * file and line: `::error file=p.json,line=3,col=5,title=RULE::message`.
 */
export function formatGithubAnnotations(report: PipelineFileReport): string[] {
  return report.issues.map((issue) => {
    const properties = [
      `file=${escapeGithubProperty(report.file)}`,
      `line=${issue.line}`,
      `col=${issue.column}`,
      `title=${escapeGithubProperty(issue.rule)}`,
    ].join(',');
    return `::${COMMANDS[issue.severity]} ${properties}::${escapeGithubData(issue.message)}`;
  });
}
