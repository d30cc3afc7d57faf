import type { PipelineSeverity } from './rule.js';

/** One issue, as the legacy JSON had it (`severity`, `rule`, `message`) plus where it is. */
export interface PipelineIssue {
  severity: PipelineSeverity;
  rule: string;
  message: string;
  /** JSON pointer of the offending key or value (RFC 6901), e.g. `/stages/2/gate/threshold`; `""` is the whole document. */
  path: string;
  /** 1-based line of the offending key (object member) or value (array element, root). */
  line: number;
  /** 1-based column, in UTF-16 code units. */
  column: number;
}

/**
 * The result of validating one pipeline file: the legacy report object, field for field, with
 * positions added to each issue. This is exactly what the CLI's JSON output prints for one file.
 */
export interface PipelineReport {
  /** The pipeline's `name`, or `(unnamed)`. */
  pipeline_name: string;
  total_stages: number;
  total_issues: number;
  errors: number;
  warnings: number;
  info: number;
  /** True when there is no error. */
  valid: boolean;
  issues: PipelineIssue[];
}

/** A report with the file it is about, as the CLI's JSON output prints it for several files. */
export interface PipelineFileReport extends PipelineReport {
  file: string;
}

/** Builds the report object from the issues. */
export function pipelineReport(
  pipelineName: string,
  totalStages: number,
  issues: PipelineIssue[],
): PipelineReport {
  let errors = 0;
  let warnings = 0;
  let info = 0;
  for (const issue of issues)
    if (issue.severity === 'error') errors++;
    else if (issue.severity === 'warning') warnings++;
    else info++;
  return {
    pipeline_name: pipelineName,
    total_stages: totalStages,
    total_issues: issues.length,
    errors,
    warnings,
    info,
    valid: errors === 0,
    issues,
  };
}
