/** Whether a larger or a smaller value of a metric is better. */
export type MetricDirection = 'higher' | 'lower';

/**
 * The words that name a quantity and say which way it is better, as the name rule of
 * {@link metricDirection} reads them. A name is split into words at `_`, `-`, `.`, `/`, `@`, spaces and
 * lower-to-upper case changes (`valLoss` → `val`, `loss`), in lower case.
 *
 * `lower`: losses, errors, error rates and costs. `higher`: scores and rates that grow with quality or
 * capacity. A word in neither (`rate`, `score`, `ratio`, `ndcg`, `map`, `mrr`, `bleu`…) decides nothing.
 */
export const METRIC_QUANTITY_WORDS = {
  lower: [
    // Losses and errors.
    'loss',
    'losses',
    'logloss',
    'nll',
    'deviance',
    'error',
    'errors',
    'err',
    'rmse',
    'mae',
    'mse',
    'mape',
    'smape',
    'rmsle',
    'brier',
    'ece',
    'mce',
    'perplexity',
    'wer',
    'cer',
    // Wrong answers: false positives and negatives (`false_positive_rate`, `false_discovery_rate`), misses.
    'false',
    'fpr',
    'fnr',
    'fdr',
    'far',
    'frr',
    'miss',
    'misses',
    'failure',
    'failures',
    'timeout',
    'timeouts',
    // Time, size and cost.
    'latency',
    'duration',
    'time',
    'size',
    'memory',
    'ram',
    'cost',
  ],
  higher: [
    'accuracy',
    'precision',
    'recall',
    'auc',
    'f1',
    'tpr',
    'tnr',
    'sensitivity',
    'specificity',
    'coverage',
    'r2',
    'explained',
    'throughput',
    'bandwidth',
    'uptime',
    'availability',
    'revenue',
    'profit',
    'rps',
    'qps',
    'tps',
    // Changes for the better (`error_reduction`, `msec_saved`).
    'gain',
    'lift',
    'uplift',
    'improvement',
    'reduction',
    'saved',
    'savings',
  ],
} as const satisfies Record<MetricDirection, readonly string[]>;

/**
 * Units, which decide only when the name has no quantity word: time, memory and money (`p99_ms`,
 * `peak_mb`); all are lower-is-better. (Microseconds, `us`, are left out: the word is too often
 * something else.)
 */
export const METRIC_UNIT_WORDS: readonly string[] = [
  'ms',
  'msec',
  'ns',
  's',
  'sec',
  'secs',
  'second',
  'seconds',
  'minutes',
  'hours',
  'kb',
  'mb',
  'gb',
  'bytes',
  'usd',
  'eur',
  'dollars',
  'cents',
];

/**
 * Words that start a qualifier: they and every word after them say where the metric was measured,
 * not what it measures (`precision_at_1pct_fpr`, `ndcg@10`, `errors_per_hour` → errors, `cost_vs_baseline`).
 * Percentiles (`p50`, `p95`, `p99`, `p999`: `p` and digits) are qualifiers wherever they stand.
 */
export const METRIC_QUALIFIER_WORDS: readonly string[] = ['at', 'per', 'vs'];

/** The words of a metric name, lower case (`@` is read as the word `at`). */
export function metricNameWords(metric: string): string[] {
  return metric
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/@/g, ' at ')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

const PERCENTILE = /^p\d+$/;
const LOWER_WORDS: readonly string[] = METRIC_QUANTITY_WORDS.lower;
const HIGHER_WORDS: readonly string[] = METRIC_QUANTITY_WORDS.higher;

/**
 * The direction the name rule gives a metric, from its words (see {@link metricNameWords}):
 *
 * 1. A qualifier ({@link METRIC_QUALIFIER_WORDS}) and the words after it are set aside, unless it is
 *    the first word; so are percentiles (`p95`) and numbers.
 * 2. The last remaining word that names a quantity ({@link METRIC_QUANTITY_WORDS}) decides: the head
 *    of the name (`calibration_error` → error, `false_positive_rate` → false, `p95_throughput_rps` →
 *    throughput).
 * 3. Without one, the last unit ({@link METRIC_UNIT_WORDS}: `p99_ms`) says lower.
 * 4. Without one, a name that had a percentile (`p50`) is a latency: lower.
 * 5. Otherwise higher.
 *
 * O(length of the name).
 *
 * @example nameRuleDirection('precision_at_1pct_fpr') // => 'higher'
 * @example nameRuleDirection('false_positive_rate') // => 'lower'
 */
export function nameRuleDirection(metric: string): MetricDirection {
  const words = metricNameWords(metric);
  const qualifier = words.findIndex((word, index) => index > 0 && METRIC_QUALIFIER_WORDS.includes(word));
  const main = qualifier === -1 ? words : words.slice(0, qualifier);
  let quantity: MetricDirection | undefined;
  let unit = false;
  let percentile = false;
  for (const word of main) {
    if (PERCENTILE.test(word)) percentile = true;
    else if (LOWER_WORDS.includes(word)) quantity = 'lower';
    else if (HIGHER_WORDS.includes(word)) quantity = 'higher';
    else if (METRIC_UNIT_WORDS.includes(word)) unit = true;
  }
  if (quantity !== undefined) return quantity;
  return unit || percentile ? 'lower' : 'higher';
}

/**
 * Whether lower or higher is better for a metric: the direction `overrides` gives it (from flags or a
 * config file, most specific first, merged by the caller), else the name rule
 * ({@link nameRuleDirection}). A metric name is a key like any other: `__proto__` included.
 *
 * @example metricDirection('p95_latency_ms') // => 'lower'
 * @example metricDirection('ndcg') // => 'higher'
 * @example metricDirection('val_loss', new Map([['val_loss', 'higher']])) // => 'higher'
 */
export function metricDirection(
  metric: string,
  overrides: ReadonlyMap<string, MetricDirection> = new Map(),
): MetricDirection {
  return overrides.get(metric) ?? nameRuleDirection(metric);
}
