import { isPlainObject } from '../document-view.js';

/** Metrics whose values lie in [0, 1], so a gate threshold outside that range can never be right. */
export const PIPELINE_BOUNDED_METRICS = ['accuracy', 'precision', 'recall', 'f1', 'auc', 'roc_auc'] as const;
const BOUNDED = new Set<string>(PIPELINE_BOUNDED_METRICS);

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
          : `has metric ${JSON.stringify(metric)}, which is not a metric name`,
    });
  if (typeof threshold !== 'number' || !Number.isFinite(threshold))
    problems.push({
      at: threshold === undefined ? '' : '/threshold',
      detail:
        threshold === undefined
          ? "has no 'threshold'"
          : `has threshold ${JSON.stringify(threshold)}, which is not a number`,
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
      detail: `has direction ${JSON.stringify(direction)}: use "max" (higher is better, the default) or "min"`,
    });
  return problems;
}
