import { decimalNumber, parseDecimalNumber, quoteArgument } from '@mlops/cli-kit';
import {
  DRIFT_CORRECTIONS,
  DRIFT_METHOD_CHOICES,
  type DriftMethodChoice,
  INPUT_FORMATS,
  type PlannedTest,
  TEST_COMBINATIONS,
} from '@mlops/core';
import * as z from 'zod';
import { DRIFT_ENGINES } from './engine.js';
import { parseMemorySize } from './memory-flag.js';

/** A comma-separated list flag (`--categorical a,b`); may be repeated. */
const listFlag = z.array(z.string()).transform((values) =>
  values
    .flatMap((value) => value.split(','))
    .map((name) => name.trim())
    .filter(Boolean),
);

const METHODS: ReadonlySet<string> = new Set(DRIFT_METHOD_CHOICES);

/**
 * `--test NAME[:THRESHOLD]`, repeatable: a method and, optionally, its threshold (a decimal number,
 * 0 or more).
 */
const testFlag = z.array(z.string()).transform((values, context) => {
  const tests: PlannedTest[] = [];
  for (const value of values) {
    const colon = value.indexOf(':');
    const name = colon === -1 ? value : value.slice(0, colon);
    const thresholdText = colon === -1 ? undefined : value.slice(colon + 1);
    const threshold = thresholdText === undefined ? undefined : parseDecimalNumber(thresholdText);
    if (!METHODS.has(name) || (thresholdText !== undefined && !(threshold !== undefined && threshold >= 0))) {
      context.addIssue({
        code: 'custom',
        message: `expected METHOD or METHOD:THRESHOLD (a method of ${DRIFT_METHOD_CHOICES.join(', ')}; a threshold ≥ 0), got ${quoteArgument(value)}`,
      });
      return z.NEVER;
    }
    tests.push({ method: name as DriftMethodChoice, ...(threshold === undefined ? {} : { threshold }) });
  }
  return tests;
});

/** The drift-detector flags, as commander hands them over. */
export const driftOptionsSchema = z
  .object({
    reference: z.string({ error: 'required: the reference CSV file' }).min(1),
    current: z.string({ error: 'required: the current CSV file' }).min(1),
    columns: z.array(z.string()).min(1).optional(),
    threshold: decimalNumber({ min: 0 }).optional(),
    method: z
      .enum(DRIFT_METHOD_CHOICES, { error: `expected one of ${DRIFT_METHOD_CHOICES.join(', ')}` })
      .optional(),
    test: testFlag.optional(),
    combine: z
      .enum(TEST_COMBINATIONS, { error: `expected one of ${TEST_COMBINATIONS.join(', ')}` })
      .optional(),
    config: z.string().min(1).optional(),
    categorical: listFlag.optional(),
    numeric: listFlag.optional(),
    correction: z
      .enum(DRIFT_CORRECTIONS, { error: `expected one of ${DRIFT_CORRECTIONS.join(', ')}` })
      .optional(),
    driftShare: decimalNumber({ min: 0, max: 1 }).optional(),
    delimiter: z
      .string()
      .transform((text) => (text === '\\t' || text.toLowerCase() === 'tab' ? '\t' : text))
      .refine((text) => [...text].length === 1 && text !== '"' && text !== '\n' && text !== '\r', {
        message: 'expected one character (or \\t / tab), not a quote or a line end',
      })
      .optional(),
    naValues: listFlag.optional(),
    inputFormat: z.enum(INPUT_FORMATS, { error: `expected one of ${INPUT_FORMATS.join(', ')}` }).optional(),
    hivePartitioning: z.boolean().optional(),
    engine: z.enum(DRIFT_ENGINES, { error: `expected one of ${DRIFT_ENGINES.join(', ')}` }).optional(),
    html: z.string().min(1, { message: 'expected a file name' }).optional(),
    maxMemory: z
      .string()
      .transform((text, context) => {
        const parsed = parseMemorySize(text);
        if ('error' in parsed) {
          context.addIssue({ code: 'custom', message: parsed.error });
          return z.NEVER;
        }
        return parsed.bytes;
      })
      .optional(),
  })
  .superRefine((options, context) => {
    for (const flag of ['method', 'threshold'] as const)
      if (options.test !== undefined && options[flag] !== undefined)
        context.addIssue({
          code: 'custom',
          path: ['test'],
          message: `not with --${flag}: give each test its threshold as METHOD:THRESHOLD`,
        });
    if (options.engine === 'duckdb' && options.html !== undefined)
      context.addIssue({
        code: 'custom',
        path: ['html'],
        message:
          'not with --engine duckdb: the HTML charts are drawn from the values, which the built-in engine holds',
      });
  });

export type DriftOptions = z.output<typeof driftOptionsSchema>;
