/**
 * Every rule, firing and not firing: a table keyed by rule id, checked for completeness against the
 * rule index (a rule without a case here fails the suite).
 */
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { PipelineIssue } from './report.js';
import { PIPELINE_RULE_IDS, PIPELINE_RULE_REPORT_ORDER, pipelineRules } from './rules/index.js';
import { validatePipelineText } from './validate.js';

type Doc = Record<string, unknown> & { stages: Record<string, unknown>[] };

function stage(
  name: string,
  type: string,
  inputs: string[],
  outputs: string[],
  extra: Record<string, unknown> = {},
) {
  return { name, type, inputs, outputs, timeout_minutes: 10, ...extra };
}

/** A pipeline that passes every rule, in plain and strict mode. */
function base(): Doc {
  return {
    name: 'p',
    schedule: '0 2 * * *',
    notifications: { on_failure: 'ml@example.com' },
    stages: [
      stage('load', 'data', [], ['rows']),
      stage('prep', 'transform', ['rows'], ['features']),
      stage('fit', 'train', ['features'], ['model']),
      stage('eval', 'evaluate', ['model'], ['metrics'], { gate: { metric: 'f1', threshold: 0.8 } }),
      stage('ship', 'deploy', ['model', 'metrics'], ['endpoint'], { rollback: true }),
      stage('watch', 'monitor', ['endpoint'], ['drift']),
    ],
  };
}

interface Case {
  title: string;
  /** Changes the base pipeline (ignored when `text` is given). */
  change?: (doc: Doc) => unknown;
  /** The whole file text instead. */
  text?: string;
  /** The file's syntax: with `yaml`, the changed base pipeline is written as YAML. */
  syntax?: 'json' | 'yaml';
  strict?: boolean;
  /** For firing cases: the issues of the rule under test (fields compared when given). */
  expected?: Partial<PipelineIssue>[];
}

function run(testCase: Case): PipelineIssue[] {
  let text = testCase.text;
  if (text === undefined) {
    const doc = base();
    const changed = testCase.change?.(doc);
    const value = changed === undefined ? doc : changed;
    text = testCase.syntax === 'yaml' ? stringify(value) : JSON.stringify(value, null, 2);
  }
  return validatePipelineText(text, { strict: testCase.strict === true, syntax: testCase.syntax ?? 'json' })
    .issues;
}

const S = (doc: Doc, index: number) => doc.stages[index]!;

const TABLE: Record<string, { fires: Case[]; passes: Case[] }> = {
  INVALID_JSON: {
    fires: [
      {
        title: 'trailing comma',
        text: '{\n  "name": "p",\n}',
        expected: [
          {
            severity: 'error',
            path: '',
            line: 3,
            column: 1,
            message: "The file is not valid JSON: trailing comma before '}'.",
          },
        ],
      },
      {
        title: 'empty file',
        text: '',
        expected: [
          {
            line: 1,
            column: 1,
            message: 'The file is not valid JSON: the file is empty: expected a JSON value.',
          },
        ],
      },
    ],
    passes: [
      { title: 'valid JSON' },
      { title: 'invalid YAML (INVALID_YAML instead)', syntax: 'yaml', text: 'name: [' },
    ],
  },
  INVALID_YAML: {
    fires: [
      {
        title: 'a key twice',
        syntax: 'yaml',
        text: 'name: p\nstages: []\nname: q\n',
        expected: [
          {
            severity: 'error',
            path: '',
            line: 3,
            column: 1,
            message:
              'The file is not valid YAML: the key "name" appears twice in one mapping (keys must be unique).',
          },
        ],
      },
      {
        title: 'a tag that would run code elsewhere',
        syntax: 'yaml',
        text: 'name: !!js/function "function () {}"\n',
        expected: [
          { line: 1, column: 7, message: expect.stringContaining('the tag "!!js/function" is not') },
        ],
      },
      {
        title: 'an unclosed flow sequence',
        syntax: 'yaml',
        text: 'name: p\nstages: [\n',
        expected: [{ message: expect.stringMatching(/^The file is not valid YAML: .+\.$/) }],
      },
    ],
    passes: [
      { title: 'valid YAML', syntax: 'yaml' },
      { title: 'invalid JSON (INVALID_JSON instead)', text: '{' },
    ],
  },
  SCHEMA: {
    fires: [
      {
        title: 'inputs not an array',
        change: (doc) => {
          S(doc, 1).inputs = 'rows';
        },
        expected: [
          {
            severity: 'error',
            path: '/stages/1/inputs',
            message: '/stages/1/inputs: expected an array, got a string ("rows")',
          },
        ],
      },
      {
        title: 'a JSON array',
        text: '[]',
        expected: [{ path: '', line: 1, column: 1, message: '(root): expected an object, got an array' }],
      },
      {
        title: 'null',
        text: 'null',
        expected: [{ path: '', message: '(root): expected an object, got null' }],
      },
      {
        title: 'stages not an array',
        change: (doc) => ({ ...doc, stages: 5 }),
        expected: [{ path: '/stages', message: '/stages: expected an array, got a number (5)' }],
      },
      {
        title: 'a stage that is not an object, a non-string output, timeout 0, type null, name 3',
        change: (doc) => {
          doc.stages.push('oops' as never);
          S(doc, 0).outputs = ['rows', 7];
          S(doc, 1).timeout_minutes = 0;
          S(doc, 2).type = null;
          S(doc, 3).name = 3;
        },
        expected: [
          {
            path: '/stages/0/outputs/1',
            message: '/stages/0/outputs/1: expected a string, got a number (7)',
          },
          {
            path: '/stages/1/timeout_minutes',
            message: '/stages/1/timeout_minutes: expected a number greater than 0, got a number (0)',
          },
          { path: '/stages/2/type', message: '/stages/2/type: expected a string, got null' },
          { path: '/stages/3/name', message: '/stages/3/name: expected a string, got a number (3)' },
          { path: '/stages/6', message: '/stages/6: expected an object, got a string ("oops")' },
        ],
      },
    ],
    passes: [
      { title: 'the base pipeline' },
      {
        title: '$schema and unknown keys are allowed',
        change: (doc) => ({ $schema: './pipeline.schema.json', owner: 'team', ...doc }),
      },
    ],
  },
  MISSING_NAME: {
    fires: [
      {
        title: 'no name',
        change: (doc) => {
          delete doc.name;
        },
        expected: [
          {
            severity: 'error',
            path: '/name',
            line: 1,
            column: 1,
            message: "Pipeline is missing a 'name' field.",
          },
        ],
      },
      {
        title: 'empty name',
        change: (doc) => {
          doc.name = '';
        },
        expected: [{ path: '/name', line: 2, column: 3 }],
      },
    ],
    passes: [{ title: 'named' }],
  },
  NO_STAGES: {
    fires: [
      {
        title: 'empty list',
        change: (doc) => ({ ...doc, stages: [] }),
        expected: [{ severity: 'error', path: '/stages', message: 'Pipeline has no stages defined.' }],
      },
      { title: 'no stages key', text: '{"name": "p"}', expected: [{ path: '/stages', line: 1, column: 1 }] },
    ],
    passes: [{ title: 'stages' }],
  },
  MISSING_REQUIRED_STAGE: {
    fires: [
      {
        title: 'no transform stage',
        change: (doc) => {
          S(doc, 1).type = 'validate';
        },
        expected: [
          {
            severity: 'error',
            path: '/stages',
            message: "Pipeline is missing a required 'transform' stage.",
          },
        ],
      },
      {
        title: 'only a train stage: data, transform, evaluate in that order',
        change: (doc) => ({ ...doc, stages: [S(doc, 2)] }),
        expected: [
          { message: "Pipeline is missing a required 'data' stage." },
          { message: "Pipeline is missing a required 'transform' stage." },
          { message: "Pipeline is missing a required 'evaluate' stage." },
        ],
      },
    ],
    passes: [{ title: 'all four types' }],
  },
  MISSING_RECOMMENDED_STAGE: {
    fires: [
      {
        title: 'no monitor, strict',
        strict: true,
        change: (doc) => ({ ...doc, stages: doc.stages.slice(0, 5) }),
        expected: [
          {
            severity: 'warning',
            path: '/stages',
            message: "Pipeline is missing recommended 'monitor' stage.",
          },
        ],
      },
    ],
    passes: [
      { title: 'both, strict', strict: true },
      { title: 'no monitor, plain mode', change: (doc) => ({ ...doc, stages: doc.stages.slice(0, 5) }) },
    ],
  },
  STAGE_MISSING_NAME: {
    fires: [
      {
        title: 'no name: numbered from 1 here',
        change: (doc) => {
          delete S(doc, 2).name;
        },
        expected: [{ severity: 'error', path: '/stages/2', message: 'Stage #3 is missing a name.' }],
      },
      {
        title: 'empty name',
        change: (doc) => {
          S(doc, 0).name = '';
        },
        expected: [{ path: '/stages/0/name', message: 'Stage #1 is missing a name.' }],
      },
    ],
    passes: [{ title: 'named stages' }],
  },
  UNKNOWN_STAGE_TYPE: {
    fires: [
      {
        title: 'training',
        change: (doc) => {
          S(doc, 2).type = 'training';
        },
        expected: [
          {
            severity: 'warning',
            path: '/stages/2/type',
            message: "Stage 'fit' has unknown type 'training'.",
          },
        ],
      },
      {
        title: 'missing type counts as unknown, a missing name as stage_<index>',
        change: (doc) => {
          doc.stages.push({ outputs: ['x'] });
        },
        expected: [{ path: '/stages/6', message: "Stage 'stage_6' has unknown type 'unknown'." }],
      },
    ],
    passes: [
      {
        title: 'register, test and validate are known',
        change: (doc) => {
          doc.stages.push(
            stage('r', 'register', [], ['a']),
            stage('t', 'test', [], ['b']),
            stage('v', 'validate', [], ['c']),
          );
        },
      },
    ],
  },
  NO_OUTPUTS: {
    fires: [
      {
        title: 'empty outputs',
        change: (doc) => {
          S(doc, 5).outputs = [];
        },
        expected: [
          { severity: 'warning', path: '/stages/5/outputs', message: "Stage 'watch' has no outputs." },
        ],
      },
      {
        title: 'no outputs key',
        change: (doc) => {
          delete S(doc, 5).outputs;
        },
        expected: [{ path: '/stages/5' }],
      },
    ],
    passes: [{ title: 'outputs' }],
  },
  UNRESOLVED_INPUT: {
    fires: [
      {
        title: 'an input nobody produces',
        change: (doc) => {
          S(doc, 2).inputs = ['features', 'labels'];
        },
        expected: [
          {
            severity: 'warning',
            path: '/stages/2/inputs/1',
            message: "Stage 'fit' requires input 'labels' which is not produced by any earlier stage.",
          },
        ],
      },
      {
        title: 'an input produced only by a later stage, without depends_on',
        change: (doc) => {
          S(doc, 1).inputs = ['rows', 'drift'];
        },
        expected: [{ path: '/stages/1/inputs/1' }],
      },
    ],
    passes: [
      {
        title: "the first stage's inputs are not checked",
        change: (doc) => {
          S(doc, 0).inputs = ['warehouse.events'];
        },
      },
      {
        title: 'an input produced by a later stage the consumer depends on (transitively)',
        change: (doc) => {
          const late = stage('late_lookup', 'data', [], ['lookup']);
          const bridge = stage('bridge', 'test', [], ['checked'], { depends_on: ['late_lookup'] });
          S(doc, 1).inputs = ['rows', 'lookup'];
          S(doc, 1).depends_on = ['bridge'];
          doc.stages.push(bridge, late);
        },
      },
    ],
  },
  DUPLICATE_OUTPUT: {
    fires: [
      {
        title: 'an output of an earlier stage',
        change: (doc) => {
          S(doc, 1).outputs = ['features', 'rows'];
        },
        expected: [
          {
            severity: 'warning',
            path: '/stages/1/outputs/1',
            message: "Output 'rows' is produced by multiple stages.",
          },
        ],
      },
    ],
    passes: [{ title: 'distinct outputs' }],
  },
  MISSING_EVAL_GATE: {
    fires: [
      {
        title: 'plain: warning',
        change: (doc) => {
          delete S(doc, 3).gate;
        },
        expected: [
          {
            severity: 'warning',
            path: '/stages/3',
            message:
              "Evaluation stage 'eval' has no quality gate defined. Models may deploy without validation.",
          },
        ],
      },
      {
        title: 'strict: error; an empty gate is no gate',
        strict: true,
        change: (doc) => {
          S(doc, 3).gate = {};
        },
        expected: [{ severity: 'error', path: '/stages/3/gate' }],
      },
    ],
    passes: [{ title: 'gated' }, { title: 'gated, strict', strict: true }],
  },
  NO_ROLLBACK: {
    fires: [
      {
        title: 'rollback false',
        change: (doc) => {
          S(doc, 4).rollback = false;
        },
        expected: [
          {
            severity: 'warning',
            path: '/stages/4/rollback',
            message: "Deploy stage 'ship' has no rollback configuration.",
          },
        ],
      },
    ],
    passes: [
      { title: 'rollback true' },
      {
        title: 'a rollback object',
        change: (doc) => {
          S(doc, 4).rollback = { strategy: 'previous_version' };
        },
      },
    ],
  },
  NO_TIMEOUT: {
    fires: [
      {
        title: 'strict, no timeout',
        strict: true,
        change: (doc) => {
          delete S(doc, 0).timeout_minutes;
        },
        expected: [
          { severity: 'info', path: '/stages/0', message: "Stage 'load' has no timeout configured." },
        ],
      },
    ],
    passes: [
      {
        title: 'plain mode does not check timeouts',
        change: (doc) => {
          delete S(doc, 0).timeout_minutes;
        },
      },
      { title: 'strict, timeouts everywhere', strict: true },
    ],
  },
  STAGE_ORDER: {
    fires: [
      {
        title: 'transform after train',
        change: (doc) => ({ ...doc, stages: [S(doc, 0), S(doc, 2), S(doc, 1), ...doc.stages.slice(3)] }),
        expected: [
          {
            severity: 'error',
            path: '/stages/2/type',
            message:
              "Stage type 'transform' appears after 'train'; expected order: data -> transform -> train -> evaluate -> deploy -> monitor.",
          },
        ],
      },
      {
        title: 'the last data stage counts',
        change: (doc) => {
          doc.stages.splice(2, 0, stage('reload', 'data', [], ['rows2']));
        },
        expected: [
          {
            path: '/stages/2/type',
            message: expect.stringContaining("Stage type 'data' appears after 'transform'"),
          },
        ],
      },
    ],
    passes: [
      {
        title: 'an early transform is fine when the last transform follows the last data stage',
        change: (doc) => {
          doc.stages.unshift(stage('pre', 'transform', [], ['pre_rows']));
        },
      },
    ],
  },
  DUPLICATE_STAGE_NAME: {
    fires: [
      {
        title: 'a name used before',
        change: (doc) => {
          S(doc, 2).name = 'prep';
        },
        expected: [{ severity: 'error', path: '/stages/2/name', message: "Duplicate stage name: 'prep'." }],
      },
    ],
    passes: [{ title: 'unique names' }],
  },
  INVALID_SCHEDULE: {
    fires: [
      {
        title: 'not cron at all: the legacy message',
        change: (doc) => {
          doc.schedule = 'nightly';
        },
        expected: [
          {
            severity: 'warning',
            path: '/schedule',
            line: 3,
            column: 3,
            message: "Schedule 'nightly' does not match cron format.",
          },
        ],
      },
      {
        title: 'out of range: the reason',
        change: (doc) => {
          doc.schedule = '99 99 * * *';
        },
        expected: [
          { message: "Schedule '99 99 * * *' does not match cron format: minute 99 is out of range 0-59." },
        ],
      },
      {
        title: 'four fields (cron-parser would accept them)',
        change: (doc) => {
          doc.schedule = '* * * *';
        },
        expected: [{ message: "Schedule '* * * *' does not match cron format." }],
      },
      {
        title: 'a no-break space between fields: the character named',
        change: (doc) => {
          doc.schedule = '0 2\u00a0* * *';
        },
        expected: [
          {
            message:
              "Schedule '0 2\u00a0* * *' does not match cron format: character 4 is U+00A0 (a no-break space); cron separates fields with spaces and tabs only.",
          },
        ],
      },
    ],
    passes: [
      {
        title: 'a step (the legacy regex rejected it)',
        change: (doc) => {
          doc.schedule = '*/15 * * * *';
        },
      },
      {
        title: 'runs of spaces and tabs between fields, as cron reads them',
        change: (doc) => {
          doc.schedule = '0  2\t* *  1';
        },
      },
      {
        title: 'a macro',
        change: (doc) => {
          doc.schedule = '@daily';
        },
      },
      {
        title: 'no schedule',
        change: (doc) => {
          delete doc.schedule;
        },
      },
    ],
  },
  NO_NOTIFICATIONS: {
    fires: [
      {
        title: 'empty object',
        change: (doc) => {
          doc.notifications = {};
        },
        expected: [
          {
            severity: 'warning',
            path: '/notifications',
            message: 'Pipeline has no notification configuration for failures.',
          },
        ],
      },
    ],
    passes: [{ title: 'notifications' }],
  },
  UNKNOWN_DEPENDENCY: {
    fires: [
      {
        title: 'a misspelt stage name',
        change: (doc) => {
          S(doc, 2).depends_on = ['prep', 'prepp'];
        },
        expected: [
          {
            severity: 'error',
            path: '/stages/2/depends_on/1',
            message: "Stage 'fit' depends on 'prepp', which is not the name of any stage.",
          },
        ],
      },
    ],
    passes: [
      {
        title: 'an existing stage',
        change: (doc) => {
          S(doc, 2).depends_on = ['prep'];
        },
      },
    ],
  },
  DEPENDENCY_CYCLE: {
    fires: [
      {
        title: 'depends_on against the data flow',
        change: (doc) => {
          S(doc, 1).depends_on = ['fit'];
        },
        expected: [
          {
            severity: 'error',
            path: '/stages/1',
            message: 'Stages depend on each other in a cycle: prep -> fit -> prep.',
          },
        ],
      },
      {
        title: 'a stage that depends on itself',
        change: (doc) => {
          S(doc, 5).depends_on = ['watch'];
        },
        expected: [{ path: '/stages/5', message: 'Stages depend on each other in a cycle: watch -> watch.' }],
      },
      {
        title: 'two separate loops, each reported once',
        change: (doc) => {
          S(doc, 0).depends_on = ['prep'];
          S(doc, 4).depends_on = ['watch'];
        },
        expected: [
          { path: '/stages/0', message: 'Stages depend on each other in a cycle: load -> prep -> load.' },
          { path: '/stages/4', message: 'Stages depend on each other in a cycle: ship -> watch -> ship.' },
        ],
      },
      {
        title: 'a larger group names the stages outside the shortest cycle',
        change: (doc) => {
          S(doc, 0).depends_on = ['prep'];
          S(doc, 1).depends_on = ['fit'];
        },
        expected: [
          {
            message:
              'Stages depend on each other in a cycle: load -> prep -> load. Also in the same loop: fit.',
          },
        ],
      },
    ],
    passes: [
      { title: 'the base pipeline' },
      {
        title: 'a stage that reads and rewrites the same artifact',
        change: (doc) => {
          S(doc, 5).inputs = ['endpoint', 'drift'];
        },
      },
    ],
  },
  INVALID_GATE: {
    fires: [
      {
        title: 'a string threshold',
        change: (doc) => {
          S(doc, 3).gate = { metric: 'f1', threshold: '0.8' };
        },
        expected: [
          {
            severity: 'error',
            path: '/stages/3/gate/threshold',
            message: `Gate of stage 'eval' has threshold "0.8", which is not a number.`,
          },
        ],
      },
      {
        title: 'a bounded metric above 1',
        change: (doc) => {
          S(doc, 3).gate = { metric: 'AUC', threshold: 85 };
        },
        expected: [
          { message: "Gate of stage 'eval' has threshold 85 for 'AUC', which must lie between 0 and 1." },
        ],
      },
      {
        title: 'no metric, a bad direction',
        change: (doc) => {
          S(doc, 3).gate = { threshold: 0.8, direction: 'up' };
        },
        expected: [
          {
            path: '/stages/3/gate',
            message: `Gate of stage 'eval' has no 'metric' (the name of the metric it checks, e.g. "f1").`,
          },
          {
            path: '/stages/3/gate/direction',
            message: `Gate of stage 'eval' has direction "up": use "max" (higher is better, the default) or "min".`,
          },
        ],
      },
      {
        title: 'not an object',
        change: (doc) => {
          S(doc, 3).gate = 'f1 > 0.8';
        },
        expected: [{ path: '/stages/3/gate', message: expect.stringContaining('must be an object') }],
      },
      {
        title: 'an object metric, a list threshold (named by kind, never stringified whole)',
        change: (doc) => {
          S(doc, 3).gate = { metric: { name: 'f1' }, threshold: [0.8] };
        },
        expected: [
          { message: "Gate of stage 'eval' has metric an object, which is not a metric name." },
          { message: "Gate of stage 'eval' has threshold a list, which is not a number." },
        ],
      },
      {
        title: 'YAML .nan as the threshold, a long string as the direction',
        syntax: 'yaml',
        change: (doc) => {
          S(doc, 3).gate = { metric: 'f1', threshold: Number.NaN, direction: 'x'.repeat(100) };
        },
        expected: [
          { message: "Gate of stage 'eval' has threshold NaN, which is not a number." },
          {
            message: `Gate of stage 'eval' has direction "${'x'.repeat(35)}...": use "max" (higher is better, the default) or "min".`,
          },
        ],
      },
    ],
    passes: [
      { title: 'f1 0.8' },
      {
        title: 'an unbounded metric, lower is better',
        change: (doc) => {
          S(doc, 3).gate = { metric: 'rmse', threshold: 12.5, direction: 'min' };
        },
      },
    ],
  },
  DEPLOY_WITHOUT_GATE: {
    fires: [
      {
        title: 'deploys the model without reading the gated metrics: plain warning',
        change: (doc) => {
          S(doc, 4).inputs = ['model'];
        },
        expected: [
          {
            severity: 'warning',
            path: '/stages/4',
            message:
              "Deploy stage 'ship' is not downstream of an evaluate stage with a valid gate, so no quality gate protects it.",
          },
        ],
      },
      {
        title: 'the upstream gate is invalid: strict error',
        strict: true,
        change: (doc) => {
          S(doc, 3).gate = { metric: 'f1' };
        },
        expected: [{ severity: 'error', path: '/stages/4' }],
      },
    ],
    passes: [
      { title: 'reads the gated metrics' },
      {
        title: 'depends_on the evaluate stage',
        change: (doc) => {
          S(doc, 4).inputs = ['model'];
          S(doc, 4).depends_on = ['eval'];
        },
      },
    ],
  },
  UNUSED_OUTPUT: {
    fires: [
      {
        title: 'an output nobody reads',
        change: (doc) => {
          S(doc, 1).outputs = ['features', 'debug_dump'];
        },
        expected: [
          {
            severity: 'info',
            path: '/stages/1/outputs/1',
            message: "Output 'debug_dump' of stage 'prep' is not used by any other stage.",
          },
        ],
      },
    ],
    passes: [
      { title: "the last stage's outputs" },
      {
        title: 'the outputs of the last stage of a side branch',
        change: (doc) => {
          doc.stages.push(stage('report', 'test', ['metrics'], ['report.html']));
        },
      },
    ],
  },
};

describe('the rule table', () => {
  it('has a case for every rule in the index, each firing and not firing', () => {
    expect(Object.keys(TABLE).sort()).toEqual([...PIPELINE_RULE_IDS]);
    for (const [id, cases] of Object.entries(TABLE)) {
      expect(cases.fires.length, id).toBeGreaterThan(0);
      expect(cases.passes.length, id).toBeGreaterThan(0);
    }
  });

  it('lists every rule once in the report order, and the index is sorted by id', () => {
    expect([...PIPELINE_RULE_REPORT_ORDER].sort()).toEqual([...PIPELINE_RULE_IDS]);
    expect(pipelineRules.map((rule) => rule.meta.id)).toEqual([...PIPELINE_RULE_IDS].sort());
    for (const rule of pipelineRules) expect(rule.meta.id).toMatch(/^[A-Z][A-Z_]+$/);
  });

  it('the base pipeline has no issue at all, plain or strict', () => {
    expect(run({ title: 'base' })).toEqual([]);
    expect(run({ title: 'base', strict: true })).toEqual([]);
  });
});

describe.each(Object.entries(TABLE))('%s', (id, { fires, passes }) => {
  it.each(fires.map((testCase) => [testCase.title, testCase] as const))('fires: %s', (_title, testCase) => {
    const issues = run(testCase).filter((issue) => issue.rule === id);
    expect(issues).toHaveLength(testCase.expected!.length);
    issues.forEach((issue, index) => {
      expect(issue).toMatchObject(testCase.expected![index]!);
    });
  });
  it.each(passes.map((testCase) => [testCase.title, testCase] as const))(
    'does not fire: %s',
    (_title, testCase) => {
      expect(run(testCase).filter((issue) => issue.rule === id)).toEqual([]);
    },
  );
});

describe('what other rules see when one part is broken', () => {
  it('stops after NO_STAGES, as the legacy tool did', () => {
    const issues = run({ change: () => ({ stages: [], schedule: 'bad' }), title: '' });
    expect(issues.map((issue) => issue.rule)).toEqual(['MISSING_NAME', 'NO_STAGES']);
  });

  it('keeps checking the other stages and fields when one stage has wrong types', () => {
    const issues = run({
      title: '',
      change: (doc) => {
        S(doc, 1).inputs = 'rows';
        S(doc, 2).type = 7;
        doc.schedule = 'nightly';
        doc.stages.push(42 as never);
      },
    });
    expect(issues.map((issue) => `${issue.rule} ${issue.path}`)).toEqual([
      'SCHEMA /stages/1/inputs',
      'SCHEMA /stages/2/type',
      'SCHEMA /stages/6',
      'MISSING_REQUIRED_STAGE /stages',
      'INVALID_SCHEDULE /schedule',
    ]);
  });

  it('still checks the schedule and notifications when stages is not a list', () => {
    const issues = run({ title: '', change: (doc) => ({ ...doc, stages: { a: 1 }, notifications: {} }) });
    expect(issues.map((issue) => issue.rule)).toEqual(['SCHEMA', 'NO_NOTIFICATIONS']);
  });

  it('a config can change a severity, turn a rule off, or turn a strict-only rule on in plain mode', () => {
    const text = JSON.stringify({
      ...base(),
      notifications: {},
      stages: base().stages.map(({ timeout_minutes, ...s }) => s),
    });
    const plain = validatePipelineText(text, { rules: { NO_NOTIFICATIONS: 'error', NO_TIMEOUT: 'warning' } });
    expect(plain.issues.map((issue) => `${issue.severity} ${issue.rule}`)).toEqual([
      ...Array(6).fill('warning NO_TIMEOUT'),
      'error NO_NOTIFICATIONS',
    ]);
    expect(plain.valid).toBe(false);
    const off = validatePipelineText(text, {
      strict: true,
      rules: { NO_TIMEOUT: 'off', NO_NOTIFICATIONS: 'info' },
    });
    expect(off.issues.map((issue) => `${issue.severity} ${issue.rule}`)).toEqual(['info NO_NOTIFICATIONS']);
  });
});
