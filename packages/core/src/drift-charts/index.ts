// Chart data for drift reports: per column, bounded aggregates of both samples.
export { categoricalDriftChart } from './categorical.js';
export { driftCheckCharts, driftColumnChart } from './chart.js';
export { numericDriftChart } from './numeric.js';
export {
  type CategoricalDriftChart,
  DRIFT_CHART_LABEL_LIMIT,
  DRIFT_CHART_MAX_BINS,
  DRIFT_CHART_TOP_CATEGORIES,
  type DriftChartCategory,
  type DriftChartCategoryStatus,
  type DriftChartHistogram,
  type DriftChartOtherCategories,
  type DriftColumnChart,
  type NumericDriftChart,
} from './types.js';
