import { decimalNumber } from '@mlops/cli-kit';
import { DRIFT_CORRECTIONS, DRIFT_METHOD_CHOICES } from '@mlops/core';
import * as z from 'zod';
import { parseMemorySize } from './memory-flag.js';

/** A comma-separated list flag (`--categorical a,b`); may be repeated. */
const listFlag = z.array(z.string()).transform((values) =>
  values
    .flatMap((value) => value.split(','))
    .map((name) => name.trim())
    .filter(Boolean),
);

/** The drift-detector flags, as commander hands them over. */
export const driftOptionsSchema = z
  .object({
    reference: z.string({ error: 'required: the reference CSV file' }).min(1),
    current: z.string({ error: 'required: the current CSV file' }).min(1),
    columns: z.array(z.string()).min(1).optional(),
    threshold: decimalNumber({ min: 0 }).optional(),
    json: z.boolean().optional(),
    format: z.enum(['text', 'json', 'markdown']).optional(),
    method: z
      .enum(DRIFT_METHOD_CHOICES, { error: `expected one of ${DRIFT_METHOD_CHOICES.join(', ')}` })
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
    if (options.json && options.format !== undefined && options.format !== 'json')
      context.addIssue({
        code: 'custom',
        path: ['format'],
        message: `--json contradicts --format ${options.format}: give one of them`,
      });
  });

export type DriftOptions = z.output<typeof driftOptionsSchema>;
