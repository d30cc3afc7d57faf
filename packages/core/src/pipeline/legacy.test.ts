/**
 * Parity with the legacy Python validator on every example it was run on
 * (fixtures/pipeline/legacy/<case>.json and the exact JSON it printed, in plain and --strict mode):
 * same issues, same messages, same counts, plus the positions the port adds.
 *
 * Two things differ on purpose, each listed below for the case it concerns:
 * - the legacy tool emitted MISSING_REQUIRED_STAGE / MISSING_RECOMMENDED_STAGE in an order that changed
 *   between runs (set iteration); the port emits them in a fixed order (data, transform, train,
 *   evaluate; deploy, monitor), so the legacy list is put in that order before comparing: a multiset
 *   comparison for those two rules, an exact one for the rest;
 * - knowing departures where the legacy tool was wrong (see each case).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PipelineIssue } from './report.js';
import { PIPELINE_RECOMMENDED_STAGE_TYPES, PIPELINE_REQUIRED_STAGE_TYPES } from './rules/index.js';
import { validatePipelineText } from './validate.js';

const folder = join(import.meta.dirname, '../../../../fixtures/pipeline/legacy');

type LegacyIssue = Pick<PipelineIssue, 'severity' | 'rule' | 'message'>;
interface LegacyOutput {
  pipeline_name: string;
  total_stages: number;
  total_issues: number;
  errors: number;
  warnings: number;
  info: number;
  valid: boolean;
  issues: LegacyIssue[];
  _exit_status: number;
}

const FIXED_ORDER = [...PIPELINE_REQUIRED_STAGE_TYPES, ...PIPELINE_RECOMMENDED_STAGE_TYPES];
const isStageTypeRule = (issue: LegacyIssue) =>
  issue.rule === 'MISSING_REQUIRED_STAGE' || issue.rule === 'MISSING_RECOMMENDED_STAGE';
const typeOf = (issue: LegacyIssue) => FIXED_ORDER.findIndex((type) => issue.message.includes(`'${type}'`));

/** The legacy issues with the randomly ordered block put in the port's fixed order. */
function canonical(issues: LegacyIssue[]): LegacyIssue[] {
  const block = issues.filter(isStageTypeRule).sort((a, b) => typeOf(a) - typeOf(b));
  const first = issues.findIndex(isStageTypeRule);
  if (first < 0) return issues;
  const rest = issues.filter((issue) => !isStageTypeRule(issue));
  return [...rest.slice(0, first), ...block, ...rest.slice(first)];
}

interface Departure {
  /** Why the port differs here. */
  why: string;
  /** Legacy issues the port does not report. */
  removed?: LegacyIssue[];
  /** Issues the port adds, and the index in the port's list where each appears. */
  added?: { at: number; issue: LegacyIssue }[];
}

const CRON_DEPARTURE: Departure = {
  why:
    "The legacy regex rejected '*/15' (it allowed only digits , - / after a non-* start); it is a valid cron " +
    'step (every 15 minutes), so the port does not flag it.',
  removed: [
    {
      severity: 'warning',
      rule: 'INVALID_SCHEDULE',
      message: "Schedule '*/15 * * * *' does not match cron format.",
    },
  ],
};

const DEPARTURES: Record<string, { plain?: Departure; strict?: Departure }> = {
  wrong_order_and_names: { plain: CRON_DEPARTURE, strict: CRON_DEPARTURE },
  unknown_types_bad_cron: {
    // New check: 'ship' deploys 'd' (from 'fit'), but the gated evaluate stage 'check' only produces
    // 'e', which nothing reads: no gate protects the deployment. A warning in plain mode (the
    // pipeline's verdict does not change: it already failed), an error under --strict.
    plain: {
      why: 'DEPLOY_WITHOUT_GATE is new',
      added: [
        {
          at: 6,
          issue: {
            severity: 'warning',
            rule: 'DEPLOY_WITHOUT_GATE',
            message:
              "Deploy stage 'ship' is not downstream of an evaluate stage with a valid gate, so no quality gate protects it.",
          },
        },
      ],
    },
    strict: {
      why: 'DEPLOY_WITHOUT_GATE is new',
      added: [
        {
          at: 12,
          issue: {
            severity: 'error',
            rule: 'DEPLOY_WITHOUT_GATE',
            message:
              "Deploy stage 'ship' is not downstream of an evaluate stage with a valid gate, so no quality gate protects it.",
          },
        },
      ],
    },
  },
};

const cases = [
  'empty_stages',
  'fraud_training_valid',
  'missing_stages',
  'unknown_types_bad_cron',
  'wrong_order_and_names',
];

describe.each(cases)('legacy example %s', (name) => {
  const text = readFileSync(join(folder, `${name}.json`), 'utf8');
  describe.each(['plain', 'strict'] as const)('%s mode', (mode) => {
    const legacy = JSON.parse(
      readFileSync(join(folder, `${name}.legacy-output.${mode}.json`), 'utf8'),
    ) as LegacyOutput;
    const report = validatePipelineText(text, { strict: mode === 'strict' });
    const departure = DEPARTURES[name]?.[mode];

    it('reports the same issues with the same messages, in the legacy order', () => {
      let expected = canonical(legacy.issues).filter(
        (issue) => !departure?.removed?.some((removed) => JSON.stringify(removed) === JSON.stringify(issue)),
      );
      expect(legacy.issues.length - expected.length).toBe(departure?.removed?.length ?? 0);
      for (const { at, issue } of departure?.added ?? [])
        expected = [...expected.slice(0, at), issue, ...expected.slice(at)];
      expect(report.issues.map(({ severity, rule, message }) => ({ severity, rule, message }))).toEqual(
        expected,
      );
    });

    it('has the same summary fields and verdict', () => {
      const count = (severity: string) => report.issues.filter((issue) => issue.severity === severity).length;
      expect(report).toMatchObject({
        pipeline_name: legacy.pipeline_name,
        total_stages: legacy.total_stages,
        total_issues: report.issues.length,
        errors: count('error'),
        warnings: count('warning'),
        info: count('info'),
      });
      expect(report.valid).toBe(legacy.valid);
      expect(report.valid ? 0 : 1).toBe(legacy._exit_status);
      // Counts differ from the legacy ones by exactly the departures.
      const delta = (departure?.added?.length ?? 0) - (departure?.removed?.length ?? 0);
      expect(report.total_issues).toBe(legacy.total_issues + delta);
    });

    it('gives every issue a JSON pointer that exists in the file and its line and column', () => {
      for (const issue of report.issues) {
        expect(issue.path).toMatch(/^(\/[^/]*)*$/);
        expect(issue.line).toBeGreaterThanOrEqual(1);
        expect(issue.column).toBeGreaterThanOrEqual(1);
      }
    });
  });
});

describe('legacy example positions', () => {
  it('points each issue of wrong_order_and_names at its key or value', () => {
    const text = readFileSync(join(folder, 'wrong_order_and_names.json'), 'utf8');
    const report = validatePipelineText(text, { strict: true });
    const where = (rule: string) =>
      report.issues
        .filter((issue) => issue.rule === rule)
        .map(({ path, line, column }) => ({ path, line, column }));
    expect(where('DUPLICATE_OUTPUT')).toEqual([{ path: '/stages/3/outputs/0', line: 38, column: 9 }]);
    expect(where('MISSING_EVAL_GATE')).toEqual([{ path: '/stages/3', line: 31, column: 5 }]);
    expect(where('STAGE_ORDER')).toEqual([{ path: '/stages/2/type', line: 23, column: 7 }]);
    expect(where('DUPLICATE_STAGE_NAME')).toEqual([{ path: '/stages/2/name', line: 22, column: 7 }]);
    expect(where('NO_NOTIFICATIONS')).toEqual([{ path: '/notifications', line: 1, column: 1 }]);
    expect(where('MISSING_RECOMMENDED_STAGE')).toEqual([
      { path: '/stages', line: 3, column: 3 },
      { path: '/stages', line: 3, column: 3 },
    ]);
  });
});
