/** Whether a larger or a smaller value of a metric is better. */
export type MetricDirection = 'higher' | 'lower';

/**
 * Words that, as a part of a metric's name, mean lower is better. A metric name is split into words at
 * `_`, `-`, `.`, `/`, spaces and lower-to-upper case changes (`valLoss` → `val`, `loss`).
 */
export const LOWER_IS_BETTER_WORDS: readonly string[] = [
  'loss',
  'error',
  'err',
  'rmse',
  'mae',
  'mse',
  'mape',
  'smape',
  'rmsle',
  'latency',
  'p50',
  'p90',
  'p95',
  'p99',
  'p999',
  'duration',
  'time',
  'seconds',
  'ms',
  'cost',
  'fpr',
  'fnr',
  'perplexity',
];

/** Explicit directions that win over the name rule (the CLI's lower-is-better and higher-is-better flags). */
export interface MetricDirectionOverrides {
  lower?: readonly string[];
  higher?: readonly string[];
}

/** The words of a metric name, lower case. */
function metricWords(metric: string): string[] {
  return metric
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

/**
 * Whether lower or higher is better for a metric: an override if one names it, else `lower` when a word
 * of its name is in {@link LOWER_IS_BETTER_WORDS}, else `higher`.
 *
 * @example metricDirection('p95_latency_ms') // => 'lower'
 * @example metricDirection('ndcg') // => 'higher'
 * @example metricDirection('val_loss', { higher: ['val_loss'] }) // => 'higher'
 */
export function metricDirection(metric: string, overrides: MetricDirectionOverrides = {}): MetricDirection {
  if (overrides.lower?.includes(metric)) return 'lower';
  if (overrides.higher?.includes(metric)) return 'higher';
  return metricWords(metric).some((word) => LOWER_IS_BETTER_WORDS.includes(word)) ? 'lower' : 'higher';
}
