import { parsedBy } from '@mlops/cli-kit';
import { checkRegistryAlias, type MetricRequirement, parseMetricRequirement } from '@mlops/core';
import * as z from 'zod';
import {
  parseMetricNameList,
  parseMetricsJson,
  parseParametersJson,
  parseRegistryStage,
  parseTagList,
} from './input.js';

/**
 * The registry commands' flags, as commander hands them over, validated with `parseOptions`: a bad
 * value is a UsageError about its key, which the error line names by its flag (`--stage: invalid
 * stage "prod" (…)`). The keys are checked in the order they are listed. The global options
 * (`--registry`, `--format`, `--json`, `--lock-timeout`) are read by settings.ts.
 */

const stage = parsedBy(parseRegistryStage);
const alias = parsedBy(checkRegistryAlias);

export const registerOptionsSchema = z.object({
  name: z.string(),
  version: z.string(),
  stage: stage.optional(),
  metrics: parsedBy(parseMetricsJson).optional(),
  params: parsedBy(parseParametersJson).optional(),
  tags: z.string().transform(parseTagList).optional(),
  description: z.string().optional(),
  artifact: z.string().optional(),
  reason: z.string().optional(),
});

export const promoteOptionsSchema = z.object({
  name: z.string(),
  version: z.string(),
  stage,
  require: z.array(parsedBy<MetricRequirement>(parseMetricRequirement)).optional(),
  reason: z.string().optional(),
});

export const listOptionsSchema = z.object({
  name: z.string().optional(),
  stage: stage.optional(),
  tag: z.string().optional(),
});

/** `get`: that it takes exactly one of stage, alias and version is checked by the command, first. */
export const getOptionsSchema = z.object({
  name: z.string(),
  stage: stage.optional(),
  alias: z.string().optional(),
  version: z.string().optional(),
});

/** `compare`: a metric named by both direction flags is refused (which one would win is a guess). */
export const compareOptionsSchema = z
  .object({
    name: z.string(),
    versions: z.array(z.string()),
    lowerIsBetter: z.string().transform(parseMetricNameList).optional(),
    higherIsBetter: z.string().transform(parseMetricNameList).optional(),
  })
  .superRefine((options, context) => {
    const both = options.lowerIsBetter?.find((metric) => options.higherIsBetter?.includes(metric));
    if (both !== undefined)
      context.addIssue({
        code: 'custom',
        path: ['higherIsBetter'],
        message: `names ${JSON.stringify(both)}, which --lower-is-better names too: give each metric one direction`,
      });
  });

/** `alias`: which of its flags go together is checked by the command, first. */
export const aliasOptionsSchema = z.object({
  name: z.string(),
  version: z.string().optional(),
  alias: alias.optional(),
  remove: alias.optional(),
  reason: z.string().optional(),
});
