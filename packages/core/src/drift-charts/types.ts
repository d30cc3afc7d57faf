/**
 * Chart data for a drift report: per column, a small aggregate of both samples (at most
 * {@link DRIFT_CHART_MAX_BINS} bins or {@link DRIFT_CHART_TOP_CATEGORIES} categories plus "other"),
 * so whatever draws it (the HTML report, the terminal sparklines) has a bounded size whatever the
 * number of rows.
 */

/** Upper bound on the number of histogram bins of a numeric column. */
export const DRIFT_CHART_MAX_BINS = 50;

/** Categories drawn one by one; the rest are summed into "other". */
export const DRIFT_CHART_TOP_CATEGORIES = 30;

/** Category labels longer than this (in code points) are cut, with an ellipsis. */
export const DRIFT_CHART_LABEL_LIMIT = 120;

/** One sample's histogram over the chart's shared bins. */
export interface DriftChartHistogram {
  /** Numeric values in the sample (those drawn plus `below` and `above`). */
  total: number;
  /** Values per bin, `edges.length - 1` of them. */
  counts: number[];
  /** counts / total (0 when the sample is empty). */
  shares: number[];
  /** Values left of the range drawn (far outliers), counted but not drawn. */
  below: number;
  /** Values right of the range drawn. */
  above: number;
  /** The mean of all the sample's values; null when it has none. */
  mean: number | null;
}

/** A numeric column: both samples on the same bins. */
export interface NumericDriftChart {
  kind: 'numeric';
  feature: string;
  /**
   * Ascending bin edges, `bins + 1` of them; bin i holds values v with edges[i] ≤ v < edges[i+1], the
   * last bin closed on the right. Empty when neither sample has a value.
   */
  edges: number[];
  /** True when every value of both samples is an integer (bins are then centred on integers). */
  integers: boolean;
  reference: DriftChartHistogram;
  current: DriftChartHistogram;
}

/** Where a category appears. */
export type DriftChartCategoryStatus = 'both' | 'new' | 'missing';

/** One category of a categorical chart. */
export interface DriftChartCategory {
  /** The category's text, cut to {@link DRIFT_CHART_LABEL_LIMIT} code points. */
  label: string;
  /** Whether `label` was cut. */
  truncated: boolean;
  reference: number;
  current: number;
  referenceShare: number;
  currentShare: number;
  /** `new`: only in the current sample; `missing`: only in the reference. */
  status: DriftChartCategoryStatus;
}

/** The categories beyond the top ones, summed. */
export interface DriftChartOtherCategories {
  /** How many categories are summed here, and how many of them are new or missing. */
  categories: number;
  newCategories: number;
  missingCategories: number;
  reference: number;
  current: number;
  referenceShare: number;
  currentShare: number;
}

/** A categorical column: paired counts per category. */
export interface CategoricalDriftChart {
  kind: 'categorical';
  feature: string;
  /** Non-missing cells of each sample. */
  referenceTotal: number;
  currentTotal: number;
  /** Distinct categories across both samples. */
  distinct: number;
  /** The top categories by combined count (ties in code-point order of the text). */
  categories: DriftChartCategory[];
  /** The rest, or null when every category is listed. */
  other: DriftChartOtherCategories | null;
}

/** A column's chart. */
export type DriftColumnChart = NumericDriftChart | CategoricalDriftChart;
