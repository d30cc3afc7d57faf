import { createHash } from 'node:crypto';
import type { PipelineFileReport, PipelineSeverity } from '@mlops/core';

/** The severities a Code Quality issue may have, least to most severe (GitLab's list). */
export const CODE_QUALITY_SEVERITIES = ['info', 'minor', 'major', 'critical', 'blocker'] as const;
export type CodeQualitySeverity = (typeof CODE_QUALITY_SEVERITIES)[number];

/**
 * Each severity of ours as GitLab's: an error (which fails the run) is `major`, a warning `minor`, an
 * info `info`. `critical` and `blocker` are left for findings worse than a failed lint (security
 * tools), as ESLint's GitLab formatters do.
 */
export const CODE_QUALITY_SEVERITY_OF = {
  error: 'major',
  warning: 'minor',
  info: 'info',
} as const satisfies Record<PipelineSeverity, CodeQualitySeverity>;

/** One issue of a GitLab Code Quality report (the subset of the Code Climate issue GitLab reads). */
export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: CodeQualitySeverity;
  location: {
    path: string;
    lines: { begin: number };
    positions: { begin: { line: number; column: number } };
  };
}

/**
 * The fingerprint of an issue: SHA-256 (hex) of its rule, its file's repository path, its message and
 * its rank among the issues with the same three (0 for the first). Not of its line: an edit above a
 * finding moves it without making it a new one in the merge request. Not of its JSON pointer either:
 * a stage inserted above would renumber every later stage's pointer, while the message names the
 * stage (`Stage 'train' has no outputs.`).
 */
export function codeQualityFingerprint(rule: string, path: string, message: string, rank: number): string {
  return createHash('sha256')
    .update(JSON.stringify(['pipeline-validator', rule, path, message, rank]))
    .digest('hex');
}

/**
 * GitLab's Code Quality report of the files' issues (`artifacts: reports: codequality:`): a JSON
 * array, one object per issue, in report order. `pathOf` turns a report's file into its path in the
 * repository (see repositoryPath). Messages and paths are the values themselves: JSON escapes them.
 */
export function codeQualityReport(
  reports: readonly PipelineFileReport[],
  pathOf: (file: string) => string,
): CodeQualityIssue[] {
  const seen = new Map<string, number>();
  return reports.flatMap((report) => {
    const path = pathOf(report.file);
    return report.issues.map((issue) => {
      const key = JSON.stringify([issue.rule, path, issue.message]);
      const rank = seen.get(key) ?? 0;
      seen.set(key, rank + 1);
      return {
        description: issue.message,
        check_name: issue.rule,
        fingerprint: codeQualityFingerprint(issue.rule, path, issue.message, rank),
        severity: CODE_QUALITY_SEVERITY_OF[issue.severity],
        location: {
          path,
          lines: { begin: issue.line },
          positions: { begin: { line: issue.line, column: issue.column } },
        },
      };
    });
  });
}
