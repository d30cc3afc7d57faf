import { colorsFor } from '@mlops/cli-kit';
import type { PipelineFileReport, PipelineIssue } from '@mlops/core';
import { describe, expect, it } from 'vitest';
import { formatTextReport, formatTextSummary } from './text.js';

const plain = colorsFor({ isTTY: false }, {});
const coloured = colorsFor({ isTTY: false }, { FORCE_COLOR: '1' });

function issue(
  severity: PipelineIssue['severity'],
  rule: string,
  line: number,
  column: number,
): PipelineIssue {
  return { severity, rule, message: `${rule} here`, path: '', line, column };
}

function report(file: string, issues: PipelineIssue[]): PipelineFileReport {
  const count = (severity: string) => issues.filter((each) => each.severity === severity).length;
  return {
    file,
    pipeline_name: 'p',
    total_stages: 1,
    total_issues: issues.length,
    errors: count('error'),
    warnings: count('warning'),
    info: count('info'),
    valid: count('error') === 0,
    issues,
  };
}

describe('formatTextReport', () => {
  it('lists the issues by line, then column; issues at one place keep the report order', () => {
    const lines = formatTextReport(
      report('p.json', [
        issue('error', 'B_SECOND_AT_9_2', 9, 2),
        issue('warning', 'A', 9, 1),
        issue('info', 'C', 2, 40),
        issue('warning', 'B_FIRST_AT_9_2', 9, 2),
      ]),
      plain,
    );
    expect(lines.filter((line) => line.startsWith('  ['))).toEqual([
      '  [INFO] C  p.json:2:40',
      '  [WARNING] A  p.json:9:1',
      '  [ERROR] B_SECOND_AT_9_2  p.json:9:2',
      '  [WARNING] B_FIRST_AT_9_2  p.json:9:2',
    ]);
  });
});

describe('formatTextSummary', () => {
  const failing = report('a.json', [
    issue('error', 'X', 1, 1),
    issue('warning', 'Y', 2, 1),
    issue('info', 'Z', 3, 1),
  ]);
  const warned = report('b.json', [issue('warning', 'Y', 1, 1)]);
  const clean = report('c.json', []);

  it.each([
    [[failing], '✖ 3 issues (1 error, 1 warning, 1 info) in 1 file'],
    [[failing, warned], '✖ 4 issues (1 error, 2 warnings, 1 info) in 2 files'],
    [[failing, warned, clean], '✖ 4 issues (1 error, 2 warnings, 1 info) in 2 of 3 files'],
    [[warned, clean], '⚠ 1 issue (0 errors, 1 warning, 0 info) in 1 of 2 files'],
    [[clean], '✔ No issues found in 1 file'],
    [[clean, clean], '✔ No issues found in 2 files'],
  ])('%# %s', (reports, expected) => {
    expect(formatTextSummary(reports, plain)).toBe(expected);
  });

  it('is coloured as the verdict: red with an error, yellow with warnings only, green with nothing', () => {
    expect(formatTextSummary([failing], coloured)).toBe(
      '\u001b[31m\u001b[1m✖ 3 issues (1 error, 1 warning, 1 info) in 1 file\u001b[22m\u001b[39m',
    );
    expect(formatTextSummary([warned], coloured).startsWith('\u001b[33m\u001b[1m⚠ ')).toBe(true);
    expect(formatTextSummary([clean], coloured).startsWith('\u001b[32m\u001b[1m✔ ')).toBe(true);
  });
});
