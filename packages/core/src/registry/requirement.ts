import { UsageError } from '../errors.js';
import { parseDecimalNumber } from '../text/decimal.js';

export const METRIC_REQUIREMENT_OPERATORS = ['>=', '<=', '>', '<'] as const;
export type MetricRequirementOperator = (typeof METRIC_REQUIREMENT_OPERATORS)[number];

/** A condition on one metric of a version, e.g. `f1>=0.85`. */
export interface MetricRequirement {
  metric: string;
  operator: MetricRequirementOperator;
  threshold: number;
  /** As the user wrote it, for messages. */
  text: string;
  /** Where it was written, when it comes from a file (a config's `require` list). */
  origin?: { file: string; line: number; column: number };
}

/**
 * Parses a promotion requirement `METRIC OP NUMBER` with OP one of `>=`, `>`, `<=`, `<` (spaces
 * allowed around the operator) and NUMBER in decimal notation, as every numeric flag (see
 * parseDecimalNumber: `0.85`, `.85`, `1e-3`; not `0x10`, `Infinity`, `1_000`).
 *
 * @throws UsageError when the text is not of that form or the number is not finite (about no field:
 *   the caller knows where the text came from).
 * @example parseMetricRequirement('f1>=0.85') // => { metric: 'f1', operator: '>=', threshold: 0.85, text: 'f1>=0.85' }
 */
export function parseMetricRequirement(text: string): MetricRequirement {
  const match = /^\s*([^<>=\s][^<>=]*?)\s*(>=|<=|>|<)\s*(\S+)\s*$/.exec(text);
  const threshold = match?.[3] === undefined ? undefined : parseDecimalNumber(match[3]);
  if (!match || threshold === undefined) {
    throw new UsageError(
      `expected METRIC>=NUMBER (or >, <=, <), e.g. "f1>=0.85", got ${JSON.stringify(text)}`,
    );
  }
  return { metric: match[1]!, operator: match[2] as MetricRequirementOperator, threshold, text: text.trim() };
}

/** The outcome of one requirement against a version's metrics. */
export interface MetricRequirementResult {
  requirement: MetricRequirement;
  /** The metric's value, or `null` when the version has no such metric (which fails the requirement). */
  actual: number | null;
  passed: boolean;
}

/**
 * Checks requirements against a version's metrics. A missing metric fails its requirement: a gate
 * that cannot be checked does not pass.
 *
 * @example checkMetricRequirements({ f1: 0.8 }, [parseMetricRequirement('f1>=0.85')])[0].passed // => false
 */
export function checkMetricRequirements(
  metrics: Readonly<Record<string, number>>,
  requirements: readonly MetricRequirement[],
): MetricRequirementResult[] {
  return requirements.map((requirement) => {
    const actual = Object.hasOwn(metrics, requirement.metric) ? metrics[requirement.metric]! : null;
    return { requirement, actual, passed: actual !== null && compare(actual, requirement) };
  });
}

function compare(actual: number, { operator, threshold }: MetricRequirement): boolean {
  switch (operator) {
    case '>=':
      return actual >= threshold;
    case '>':
      return actual > threshold;
    case '<=':
      return actual <= threshold;
    case '<':
      return actual < threshold;
  }
}

/**
 * A condition that did not hold, for a refusal's message: the condition, the actual value (or that
 * the metric is missing), and where the condition was written when it comes from a file.
 *
 * @example unmetRequirementText({ requirement: parseMetricRequirement('f1>=0.85'), actual: 0.8, passed: false }) // => 'f1>=0.85 (f1 = 0.8)'
 */
export function unmetRequirementText({ requirement, actual }: MetricRequirementResult): string {
  const value = actual === null ? `no metric ${requirement.metric}` : `${requirement.metric} = ${actual}`;
  const origin = requirement.origin;
  const where = origin === undefined ? '' : `, from ${origin.file}:${origin.line}:${origin.column}`;
  return `${requirement.text} (${value}${where})`;
}
