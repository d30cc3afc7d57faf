import { isPlainObject } from '../document-view.js';

/** Metrics whose values lie in [0, 1], so a gate threshold outside that range can never be right. */
export const PIPELINE_BOUNDED_METRICS = ['accuracy', 'precision', 'recall', 'f1', 'auc', 'roc_auc'] as const;
const BOUNDED = new Set<string>(PIPELINE_BOUNDED_METRICS);

/**
 * A gate's value as a message quotes it: a scalar as JSON (a string cut at 40 characters; `NaN` and
 * `Infinity`, which YAML's `.nan` and `.inf` give, by name), a list or an object by its kind, never
 * stringified whole (YAML aliases can make a small file's value very large).
 */
function shown(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object' && value !== null) return 'an object';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 36)}..."` : text;
}

/** One problem of a gate: where (relative to the gate) and what, as the end of a sentence. */
export interface PipelineGateProblem {
  at: '' | '/metric' | '/threshold' | '/direction';
  detail: string;
}

/**
 * What is wrong with a gate: it must be an object with a string `metric`, a finite number `threshold`
 * (in [0, 1] for a bounded metric) and, optionally, `direction` "min" or "max". Empty when valid.
 */
export function pipelineGateProblems(gate: unknown): PipelineGateProblem[] {
  if (!isPlainObject(gate))
    return [{ at: '', detail: "must be an object with a string 'metric' and a numeric 'threshold'" }];
  const problems: PipelineGateProblem[] = [];
  const { metric, threshold, direction } = gate;
  if (typeof metric !== 'string' || metric.trim() === '')
    problems.push({
      at: metric === undefined ? '' : '/metric',
      detail:
        metric === undefined
          ? 'has no \'metric\' (the name of the metric it checks, e.g. "f1")'
          : `has metric ${shown(metric)}, which is not a metric name`,
    });
  if (typeof threshold !== 'number' || !Number.isFinite(threshold))
    problems.push({
      at: threshold === undefined ? '' : '/threshold',
      detail:
        threshold === undefined
          ? "has no 'threshold'"
          : `has threshold ${shown(threshold)}, which is not a number`,
    });
  else if (
    typeof metric === 'string' &&
    BOUNDED.has(metric.toLowerCase()) &&
    (threshold < 0 || threshold > 1)
  )
    problems.push({
      at: '/threshold',
      detail: `has threshold ${threshold} for '${metric}', which must lie between 0 and 1`,
    });
  if (direction !== undefined && direction !== 'min' && direction !== 'max')
    problems.push({
      at: '/direction',
      detail: `has direction ${shown(direction)}: use "max" (higher is better, the default) or "min"`,
    });
  return problems;
}
