import {
  type JunitTestCase,
  type JunitTestSuite,
  junitXml,
  type PipelineFileReport,
  type PipelineIssue,
} from '@mlops/core';
import { ruleDocsAnchor } from '../commands/rules.js';

/** What --max-warnings asked, and the warnings there were in all. */
export interface WarningLimit {
  maxWarnings: number;
  warnings: number;
}

/** `[ERROR] RULE file:3:5`, then the message and where the rule is explained. */
function issueDetails(file: string, issue: PipelineIssue): string[] {
  return [
    `[${issue.severity.toUpperCase()}] ${issue.rule} ${file}:${issue.line}:${issue.column}`,
    issue.message,
    `Docs: ${ruleDocsAnchor(issue.rule)}`,
  ];
}

/**
 * An issue as a test case named `RULE line:column`: an error is a `<failure>` (type `error`); a
 * warning or an info passes, its message in `<system-out>`, as it passes the run.
 */
function issueCase(report: PipelineFileReport, issue: PipelineIssue): JunitTestCase {
  const base = {
    classname: report.file,
    name: `${issue.rule} ${issue.line}:${issue.column}`,
    file: report.file,
  };
  if (issue.severity !== 'error') return { ...base, output: issueDetails(report.file, issue) };
  return {
    ...base,
    problem: {
      kind: 'failure',
      type: 'error',
      message: issue.message,
      details: issueDetails(report.file, issue),
    },
  };
}

/** A file as a suite: a case per issue; a file without any, one passing case, `valid`. */
function fileSuite(report: PipelineFileReport): JunitTestSuite {
  const cases =
    report.issues.length === 0
      ? [
          {
            classname: report.file,
            name: 'valid',
            file: report.file,
            output: [`Pipeline ${report.pipeline_name}: no issues`],
          },
        ]
      : report.issues.map((issue) => issueCase(report, issue));
  return { name: report.file, cases };
}

/**
 * The reports as JUnit XML (see core's junitXml), for the test reports of GitLab, Jenkins and the
 * GitHub test-reporter actions, as ESLint's junit formatter lays them out: one suite per file, one
 * case per issue (class: the file; name: `RULE line:column`), or one passing case `valid` for a file
 * without issues. Errors fail; warnings and infos pass (the run passes with them), with their message
 * in `<system-out>`. With `--max-warnings`, a last suite `--max-warnings` holds one case that fails
 * when there are more warnings than it allows, so the report fails exactly when the run does.
 */
export function formatPipelineJunit(
  reports: readonly PipelineFileReport[],
  limit: WarningLimit | undefined,
): string[] {
  const suites = reports.map(fileSuite);
  if (limit !== undefined) {
    const { maxWarnings, warnings } = limit;
    const counted = `${warnings} warning${warnings === 1 ? '' : 's'} in all`;
    const name = `at most ${maxWarnings} warning${maxWarnings === 1 ? '' : 's'}`;
    suites.push({
      name: '--max-warnings',
      cases: [
        warnings > maxWarnings
          ? {
              classname: 'pipeline-validator',
              name,
              problem: {
                kind: 'failure',
                type: 'max-warnings',
                message: `${counted}, more than --max-warnings ${maxWarnings} allows`,
              },
            }
          : { classname: 'pipeline-validator', name, output: [counted] },
      ],
    });
  }
  return junitXml('pipeline-validator', suites);
}
