import { hasUnsafeCharacters, type PipelineFileReport, type PipelineIssue } from '@mlops/core';
import { describe, expect, it } from 'vitest';
import { childrenNamed, parseXml } from '../../../../tests/helpers/xml.js';
import { formatPipelineJunit } from './junit.js';

const HOSTILE = 'p"/><x>&amp;]]>\n::error::pwned\u001b]0;t\u0007\u202e\uffff';
/** HOSTILE as a CI system reads it back: escapeText's visible escapes, nothing else changed. */
const SHOWN = 'p"/><x>&amp;]]>\\n::error::pwned\\x1b]0;t\\x07\\u202e\\uffff';

const file = (name: string, issues: PipelineIssue[]): PipelineFileReport => {
  const errors = issues.filter((issue) => issue.severity === 'error').length;
  const warnings = issues.filter((issue) => issue.severity === 'warning').length;
  return {
    file: name,
    pipeline_name: `pipe${HOSTILE}`,
    total_stages: 3,
    total_issues: issues.length,
    errors,
    warnings,
    info: issues.length - errors - warnings,
    valid: errors === 0,
    issues,
  };
};

const reports = [
  file(`bad${HOSTILE}.json`, [
    {
      severity: 'error',
      rule: 'UNKNOWN_STAGE_TYPE',
      message: `Stage 'b${HOSTILE}' has unknown type 'x'.`,
      path: '/stages/1/type',
      line: 7,
      column: 15,
    },
    {
      severity: 'warning',
      rule: 'NO_ROLLBACK',
      message: `Deploy stage 'd${HOSTILE}' has no rollback configuration.`,
      path: '/stages/2',
      line: 9,
      column: 5,
    },
  ]),
  file('good.json', []),
];

describe('formatPipelineJunit', () => {
  it('a suite per file, a case per issue: errors fail, warnings pass with their message; a clean file one passing case', () => {
    const text = formatPipelineJunit(reports, undefined).join('\n');
    const root = parseXml(text);
    expect(root.attributes).toMatchObject({
      name: 'pipeline-validator',
      tests: '3',
      failures: '1',
      errors: '0',
    });
    const [bad, good, ...rest] = childrenNamed(root, 'testsuite');
    expect(rest).toEqual([]);
    expect(bad!.attributes).toMatchObject({ name: `bad${SHOWN}.json`, tests: '2', failures: '1' });
    const [error, warning] = childrenNamed(bad!, 'testcase');
    expect(error!.attributes).toEqual({
      classname: `bad${SHOWN}.json`,
      name: 'UNKNOWN_STAGE_TYPE 7:15',
      file: `bad${SHOWN}.json`,
      time: '0',
    });
    expect(error!.children).toEqual([
      {
        name: 'failure',
        attributes: { message: `Stage 'b${SHOWN}' has unknown type 'x'.`, type: 'error' },
        children: [],
        text: [
          `[ERROR] UNKNOWN_STAGE_TYPE bad${SHOWN}.json:7:15`,
          `Stage 'b${SHOWN}' has unknown type 'x'.`,
          'Docs: docs/pipeline-validator.md#unknown_stage_type',
        ].join('\n'),
      },
    ]);
    expect(warning!.attributes.name).toBe('NO_ROLLBACK 9:5');
    expect(warning!.children.map((child) => [child.name, child.text])).toEqual([
      [
        'system-out',
        [
          `[WARNING] NO_ROLLBACK bad${SHOWN}.json:9:5`,
          `Deploy stage 'd${SHOWN}' has no rollback configuration.`,
          'Docs: docs/pipeline-validator.md#no_rollback',
        ].join('\n'),
      ],
    ]);
    expect(good!.attributes).toMatchObject({ name: 'good.json', tests: '1', failures: '0' });
    expect(childrenNamed(good!, 'testcase').map((testCase) => testCase.attributes.name)).toEqual(['valid']);
    expect(text).not.toMatch(/^::/m);
    expect(hasUnsafeCharacters(text.replaceAll('\n', ''))).toBe(false);
    expect(text.includes('\uffff')).toBe(false);
  });

  it('--max-warnings: a last suite whose one case fails when the warnings exceed it', () => {
    const over = parseXml(formatPipelineJunit(reports, { maxWarnings: 0, warnings: 1 }).join('\n'));
    const limit = childrenNamed(over, 'testsuite')[2]!;
    expect(limit.attributes).toMatchObject({ name: '--max-warnings', tests: '1', failures: '1' });
    expect(limit.children[0]!.attributes).toMatchObject({
      classname: 'pipeline-validator',
      name: 'at most 0 warnings',
    });
    expect(limit.children[0]!.children[0]!.attributes).toEqual({
      message: '1 warning in all, more than --max-warnings 0 allows',
      type: 'max-warnings',
    });
    expect(over.attributes.failures).toBe('2');
    const within = parseXml(formatPipelineJunit(reports, { maxWarnings: 1, warnings: 1 }).join('\n'));
    expect(within.attributes.failures).toBe('1');
    expect(childrenNamed(within, 'testsuite')[2]!.children[0]!.children.map((child) => child.name)).toEqual([
      'system-out',
    ]);
  });
});
