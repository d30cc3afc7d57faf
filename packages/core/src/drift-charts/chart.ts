import type { DriftFeature } from '../drift/index.js';
import { categoricalDriftChart } from './categorical.js';
import { numericDriftChart } from './numeric.js';
import type { DriftColumnChart } from './types.js';

/**
 * The chart data of one compared column, from the per-column storage the drift check already holds:
 * numeric columns from their sorted values (sorted once, shared with the methods), categorical ones
 * from their category counts. Bounded in size whatever the number of rows.
 */
export function driftColumnChart(feature: DriftFeature): DriftColumnChart {
  return feature.kind === 'numeric'
    ? numericDriftChart(feature.name, feature.sortedReference(), feature.sortedCurrent())
    : categoricalDriftChart(feature.name, feature.categoryCounts());
}
