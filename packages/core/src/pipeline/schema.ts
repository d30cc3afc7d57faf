import * as z from 'zod';
import { jsonPointer } from '../json/positions.js';

/** Stage types the legacy tool knew; any other type is reported by UNKNOWN_STAGE_TYPE. */
export const PIPELINE_STAGE_TYPES = [
  'data',
  'transform',
  'train',
  'evaluate',
  'deploy',
  'monitor',
  'validate',
  'register',
  'test',
] as const;

/** A quality gate: the evaluate stage passes only if `metric` meets `threshold`. */
export const pipelineGateSchema = z
  .looseObject({
    metric: z.string().describe('Name of the metric the gate checks, e.g. "f1", "auc", "rmse".'),
    threshold: z
      .number()
      .describe(
        'The value the metric must reach. Between 0 and 1 for accuracy, precision, recall, f1, auc, roc_auc.',
      ),
    direction: z
      .enum(['min', 'max'])
      .optional()
      .describe(
        '"max" (default): higher is better, the metric must be at least the threshold. "min": lower is better.',
      ),
  })
  .describe('Quality gate of an evaluate stage.');

export const pipelineStageSchema = z
  .looseObject({
    name: z.string().optional().describe('Unique stage name; other stages refer to it in depends_on.'),
    type: z
      .string()
      .optional()
      .describe(`Stage type: one of ${PIPELINE_STAGE_TYPES.join(', ')}.`),
    inputs: z.array(z.string()).optional().describe('Artifacts the stage reads.'),
    outputs: z.array(z.string()).optional().describe('Artifacts the stage produces.'),
    depends_on: z.array(z.string()).optional().describe('Names of stages that must run before this one.'),
    gate: pipelineGateSchema.optional(),
    rollback: z
      .union([z.boolean(), z.string(), z.record(z.string(), z.unknown())])
      .optional()
      .describe('Rollback configuration of a deploy stage (true, a strategy name or an object).'),
    timeout_minutes: z.number().positive().optional().describe('Time limit of the stage, in minutes.'),
    validation: z.record(z.string(), z.unknown()).optional().describe('Data validation settings.'),
    parameters: z.record(z.string(), z.unknown()).optional().describe('Stage parameters.'),
  })
  .describe('One stage of the pipeline.');

/** The schema of pipeline.json. Unknown keys are allowed (the legacy tool ignored them). */
export const pipelineFileSchema = z
  .looseObject({
    $schema: z.string().optional().describe('URL or path of this JSON Schema, for editors.'),
    name: z.string().optional().describe('Pipeline name.'),
    stages: z.array(pipelineStageSchema).optional().describe('The stages, in the order they run.'),
    schedule: z
      .string()
      .optional()
      .describe(
        'Five-field cron expression (minute hour day-of-month month day-of-week) or a macro like @daily.',
      ),
    notifications: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('Where failures are reported, e.g. {"on_failure": "team@example.com"}.'),
  })
  .describe('An ML pipeline definition checked by pipeline-validator.');

export type PipelineFile = z.infer<typeof pipelineFileSchema>;

/** The JSON Schema of pipeline.json, generated from {@link pipelineFileSchema}. */
export function pipelineJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(pipelineFileSchema, { io: 'input' }),
    title: 'pipeline.json',
  };
}

/** One schema problem: a JSON pointer and what is wrong there. */
export interface PipelineSchemaProblem {
  path: string;
  message: string;
}

const TYPE_NAMES: Record<string, string> = {
  object: 'an object',
  record: 'an object',
  array: 'an array',
  string: 'a string',
  number: 'a number',
  boolean: 'a boolean',
};

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing (the key is missing)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  const shown = text.length > 40 ? `${text.slice(0, 37)}...` : text;
  return `${typeof value === 'string' ? 'a string' : `a ${typeof value}`} (${shown})`;
}

function problemMessage(issue: z.core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${TYPE_NAMES[issue.expected] ?? issue.expected}, got ${describeValue(input)}`;
    case 'too_small':
      if (issue.origin === 'number')
        return `expected a number ${issue.inclusive ? 'of at least' : 'greater than'} ${issue.minimum}, got ${describeValue(input)}`;
      return issue.message;
    case 'invalid_value':
      return `expected one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}, got ${describeValue(input)}`;
    case 'invalid_union':
      return `expected ${describeUnion(issue)}, got ${describeValue(input)}`;
    default:
      return issue.message;
  }
}

function describeUnion(issue: z.core.$ZodIssueInvalidUnion): string {
  const expected = issue.errors.flatMap((errors) =>
    errors
      .filter((inner) => inner.code === 'invalid_type')
      .map((inner) => TYPE_NAMES[inner.expected] ?? inner.expected),
  );
  return expected.length > 0 ? [...new Set(expected)].join(' or ') : 'another value';
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isStringList = (value: unknown): boolean => Array.isArray(value) && value.every(isString);
const absentOr = (value: unknown, check: (present: unknown) => boolean): boolean =>
  value === undefined || check(value);

function isGateShape(gate: unknown): boolean {
  return (
    isObject(gate) &&
    isString(gate.metric) &&
    typeof gate.threshold === 'number' &&
    Number.isFinite(gate.threshold) &&
    absentOr(gate.direction, (direction) => direction === 'min' || direction === 'max')
  );
}

function isStageShape(stage: unknown): boolean {
  return (
    isObject(stage) &&
    absentOr(stage.name, isString) &&
    absentOr(stage.type, isString) &&
    absentOr(stage.inputs, isStringList) &&
    absentOr(stage.outputs, isStringList) &&
    absentOr(stage.depends_on, isStringList) &&
    absentOr(stage.gate, isGateShape) &&
    absentOr(
      stage.rollback,
      (rollback) => typeof rollback === 'boolean' || isString(rollback) || isObject(rollback),
    ) &&
    absentOr(
      stage.timeout_minutes,
      (timeout) => typeof timeout === 'number' && Number.isFinite(timeout) && timeout > 0,
    ) &&
    absentOr(stage.validation, isObject) &&
    absentOr(stage.parameters, isObject)
  );
}

/**
 * True when `value` certainly matches {@link pipelineFileSchema}: a hand-written check of the same
 * rules that allocates nothing, so that a valid 100,000-stage file is not copied by zod. It may say
 * false where zod would accept (a property test checks it never says true where zod would not).
 */
export function isPipelineFileShape(value: unknown): boolean {
  return (
    isObject(value) &&
    absentOr(value.$schema, isString) &&
    absentOr(value.name, isString) &&
    absentOr(value.stages, (stages) => Array.isArray(stages) && stages.every(isStageShape)) &&
    absentOr(value.schedule, isString) &&
    absentOr(value.notifications, isObject)
  );
}

/**
 * Checks a parsed document against {@link pipelineFileSchema} and flattens zod's issues into
 * `{ path, message }`, one per problem, in document order. A document that passes
 * {@link isPipelineFileShape} is not given to zod at all.
 */
export function checkPipelineSchema(value: unknown): PipelineSchemaProblem[] {
  if (isPipelineFileShape(value)) return [];
  const result = pipelineFileSchema.safeParse(value, { reportInput: true });
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    path: jsonPointer(issue.path.map((token) => (typeof token === 'symbol' ? String(token) : token))),
    message: problemMessage(issue),
  }));
}
