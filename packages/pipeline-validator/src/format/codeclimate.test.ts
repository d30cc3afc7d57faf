import { BufferStream, createContext } from '@mlops/cli-kit';
import { hasUnsafeCharacters, type PipelineFileReport, type PipelineIssue } from '@mlops/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CODE_QUALITY_SEVERITIES,
  type CodeQualityIssue,
  codeQualityFingerprint,
  codeQualityReport,
} from './codeclimate.js';
import { writeJsonInPieces } from './json.js';

/**
 * The rules GitLab states for a Code Quality report, from its documentation page "Code Quality"
 * (docs.gitlab.com/ci/testing/code_quality/), section "Code Quality report format": the report is a
 * JSON array of objects, each with
 * - `description` (string): a human-readable description of the violation;
 * - `check_name` (string): a unique name of the check, or rule, behind it;
 * - `fingerprint` (string): a unique fingerprint identifying this violation (such as a hash);
 * - `severity` (string): one of `info`, `minor`, `major`, `critical`, `blocker`;
 * - `location.path` (string): the file, as a path relative to the repository, not prefixed with `./`;
 * - `location.lines.begin` or `location.positions.begin.line` (integer): the line of the violation.
 * Other Code Climate properties are ignored by GitLab. Returns what breaks a rule, one line each.
 */
function gitlabProblems(report: unknown): string[] {
  if (!Array.isArray(report)) return ['the report is not a JSON array'];
  const problems: string[] = [];
  const fingerprints = new Set<string>();
  report.forEach((issue: Partial<CodeQualityIssue> & Record<string, unknown>, index) => {
    const at = `[${index}]`;
    if (typeof issue !== 'object' || issue === null || Array.isArray(issue)) {
      problems.push(`${at} is not an object`);
      return;
    }
    for (const key of ['description', 'check_name', 'fingerprint'] as const)
      if (typeof issue[key] !== 'string' || issue[key] === '') problems.push(`${at}.${key} is not a string`);
    if (!(CODE_QUALITY_SEVERITIES as readonly unknown[]).includes(issue.severity))
      problems.push(`${at}.severity is not one of ${CODE_QUALITY_SEVERITIES.join(', ')}`);
    if (typeof issue.fingerprint === 'string') {
      if (fingerprints.has(issue.fingerprint)) problems.push(`${at}.fingerprint is not unique`);
      fingerprints.add(issue.fingerprint);
    }
    const path = issue.location?.path;
    if (typeof path !== 'string' || path === '') problems.push(`${at}.location.path is not a string`);
    else if (path.startsWith('./') || path.startsWith('/'))
      problems.push(`${at}.location.path is not relative`);
    const line = issue.location?.lines?.begin ?? issue.location?.positions?.begin?.line;
    if (!Number.isInteger(line) || (line as number) < 1)
      problems.push(`${at}.location: no lines.begin or positions.begin.line`);
  });
  return problems;
}

const issue = (overrides: Partial<PipelineIssue> = {}): PipelineIssue => ({
  severity: 'error',
  rule: 'NO_OUTPUTS',
  message: "Stage 'train' has no outputs.",
  path: '/stages/2',
  line: 10,
  column: 5,
  ...overrides,
});

const fileReport = (file: string, issues: PipelineIssue[]): PipelineFileReport => ({
  file,
  pipeline_name: 'p',
  total_stages: 3,
  total_issues: issues.length,
  errors: 0,
  warnings: 0,
  info: 0,
  valid: true,
  issues,
});

/** What `--format codeclimate` prints for the reports: the writer the command uses. */
function printed(reports: PipelineFileReport[], pathOf = (file: string) => file): string {
  const stdout = new BufferStream(false);
  writeJsonInPieces(
    createContext({ stdout, stderr: new BufferStream(false), env: {} }),
    codeQualityReport(reports, pathOf),
  );
  return stdout.text;
}

describe('codeQualityReport', () => {
  it('one issue per finding, every field as GitLab reads it', () => {
    const report = codeQualityReport(
      [
        fileReport('ci/p.json', [
          issue(),
          issue({ severity: 'warning', rule: 'NO_ROLLBACK', line: 3, column: 1 }),
          issue({ severity: 'info', rule: 'UNUSED_OUTPUT' }),
        ]),
      ],
      (file) => `repo/${file}`,
    );
    expect(gitlabProblems(report)).toEqual([]);
    expect(report[0]).toEqual({
      description: "Stage 'train' has no outputs.",
      check_name: 'NO_OUTPUTS',
      fingerprint: codeQualityFingerprint('NO_OUTPUTS', 'repo/ci/p.json', "Stage 'train' has no outputs.", 0),
      severity: 'major',
      location: {
        path: 'repo/ci/p.json',
        lines: { begin: 10 },
        positions: { begin: { line: 10, column: 5 } },
      },
    });
    expect(report.map((each) => each.severity)).toEqual(['major', 'minor', 'info']);
    expect(report[0]!.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('no findings: an empty array', () => {
    expect(printed([fileReport('a.json', [])])).toBe('[]\n');
    expect(printed([])).toBe('[]\n');
  });

  it('the fingerprint: SHA-256 of rule, path, message and rank, never of the line or pointer', () => {
    // printf '%s' '["pipeline-validator","NO_OUTPUTS","p.json","Stage \'train\' has no outputs.",0]' | sha256sum
    expect(codeQualityFingerprint('NO_OUTPUTS', 'p.json', "Stage 'train' has no outputs.", 0)).toBe(
      '0bed999568f6c448bd7341082e3a5abd1db00274954508a07c46d2de901cbf26',
    );
    const before = codeQualityReport([fileReport('p.json', [issue()])], (file) => file);
    const moved = codeQualityReport(
      [fileReport('p.json', [issue({ line: 40, column: 9, path: '/stages/7' })])],
      (file) => file,
    );
    expect(moved[0]!.fingerprint).toBe(before[0]!.fingerprint);
    const other = (overrides: Partial<PipelineIssue>, file = 'p.json') =>
      codeQualityReport([fileReport(file, [issue(overrides)])], (each) => each)[0]!.fingerprint;
    expect(other({ rule: 'NO_TIMEOUT' })).not.toBe(before[0]!.fingerprint);
    expect(other({ message: "Stage 'fit' has no outputs." })).not.toBe(before[0]!.fingerprint);
    expect(other({}, 'q.json')).not.toBe(before[0]!.fingerprint);
    // The severity is not part of it: --strict raising a warning to an error is the same finding.
    expect(other({ severity: 'info' })).toBe(before[0]!.fingerprint);
  });

  it('the same finding twice (same rule, file and message) gets two fingerprints, the first unchanged', () => {
    const once = codeQualityReport([fileReport('p.json', [issue()])], (file) => file);
    const twice = codeQualityReport(
      [fileReport('p.json', [issue(), issue({ line: 20 })]), fileReport('./p.json', [issue()])],
      (file) => file.replace(/^\.\//, ''),
    );
    expect(twice[0]!.fingerprint).toBe(once[0]!.fingerprint);
    expect(new Set(twice.map((each) => each.fingerprint)).size).toBe(3);
    expect(gitlabProblems(twice)).toEqual([]);
  });

  it('hostile file names and messages: printed as JSON gives them back exactly, one line per line of JSON', () => {
    const hostile =
      '\n::error::x\u001b]0;pwned\u0007\u001b[2J\u202e<img src=x onerror=alert(1)>[l](http://e)"\\\u2028\u0085\u007f\u200b';
    const reports = [
      fileReport(`ci/p${hostile}.json`, [
        issue({
          message: `Stage 'b${hostile}' has unknown type 'type${hostile}'.`,
          rule: 'UNKNOWN_STAGE_TYPE',
        }),
      ]),
    ];
    const text = printed(reports);
    const parsed = JSON.parse(text);
    expect(gitlabProblems(parsed)).toEqual([]);
    expect(parsed[0].location.path).toBe(`ci/p${hostile}.json`);
    expect(parsed[0].description).toBe(`Stage 'b${hostile}' has unknown type 'type${hostile}'.`);
    // escapeJsonText's work, as for --format json: no raw control, bidi, line separator or invisible
    // character, so no line of the output starts a workflow command or acts on a terminal.
    for (const line of text.split('\n')) {
      expect(hasUnsafeCharacters(line), line).toBe(false);
      expect(line.trimStart().startsWith('::')).toBe(false);
    }
    expect(text).toContain('\\u202e');
  });

  it('any report: valid for GitLab, and the printed JSON parses back to the issues (property)', () => {
    const text = fc.string({ unit: 'binary', minLength: 1, maxLength: 12 });
    const arbitraryIssue = fc.record({
      severity: fc.constantFrom('error', 'warning', 'info') as fc.Arbitrary<PipelineIssue['severity']>,
      rule: fc.constantFrom('NO_OUTPUTS', 'SCHEMA', 'INVALID_JSON'),
      message: text,
      path: fc.constantFrom('', '/stages/0', '/name'),
      line: fc.integer({ min: 1, max: 1e6 }),
      column: fc.integer({ min: 1, max: 1e6 }),
    });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(text, fc.array(arbitraryIssue, { maxLength: 6 })), { maxLength: 4 }),
        (files) => {
          const reports = files.map(([file, issues]) => fileReport(`dir/${file}`, issues));
          const issues = codeQualityReport(reports, (file) => file);
          expect(gitlabProblems(issues)).toEqual([]);
          expect(issues).toHaveLength(files.reduce((sum, [, list]) => sum + list.length, 0));
          expect(JSON.parse(printed(reports))).toEqual(issues);
        },
      ),
      { numRuns: 100, seed: 20_261_216 },
    );
  });

  it('the field checks refuse what GitLab refuses (so the checks above mean something)', () => {
    const [good] = codeQualityReport([fileReport('p.json', [issue()])], (file) => file);
    type Editable = Omit<Partial<CodeQualityIssue>, 'severity' | 'location'> & {
      severity?: string;
      location: Partial<CodeQualityIssue['location']>;
    };
    const broken = (change: (copy: Editable) => void) => {
      const copy: Editable = structuredClone(good!);
      change(copy);
      return gitlabProblems([copy]);
    };
    expect(gitlabProblems({})).toEqual(['the report is not a JSON array']);
    expect(gitlabProblems([good, good])).toEqual(['[1].fingerprint is not unique']);
    expect(broken((copy) => (copy.severity = 'error'))).toHaveLength(1);
    expect(broken((copy) => delete copy.check_name)).toEqual(['[0].check_name is not a string']);
    expect(broken((copy) => (copy.location.path = './p.json'))).toEqual([
      '[0].location.path is not relative',
    ]);
    expect(broken((copy) => (copy.location.path = '/abs/p.json'))).toEqual([
      '[0].location.path is not relative',
    ]);
    expect(
      broken((copy) => {
        delete copy.location.lines;
        delete copy.location.positions;
      }),
    ).toEqual(['[0].location: no lines.begin or positions.begin.line']);
  });
});
